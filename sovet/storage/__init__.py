"""Storage: SQLAlchemy 2 tables, repositories and the unit of work, on SQLite (the
embedded default) and PostgreSQL; schema built by Alembic migrations."""
