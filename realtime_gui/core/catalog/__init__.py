"""The catalog: every endpoint, session field, field type and tool kind, declared once as data."""

__all__: list[str] = []
