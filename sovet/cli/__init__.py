"""The command-line interface (Typer + Rich); it calls only the services."""
