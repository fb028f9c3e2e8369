"""The library: saved configurations, API keys and the workflows on them shared by the CLI and the window."""

__all__: list[str] = []
