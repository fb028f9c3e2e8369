"""A local token endpoint: a loopback server that mints for test pages and serves one of its own."""

__all__: list[str] = []
