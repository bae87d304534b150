"""Reports of a replay: the hemicycle and vote-bar drawings (pure functions, reusable
by the web pages) and the self-contained HTML report of ``sovet demo``."""
