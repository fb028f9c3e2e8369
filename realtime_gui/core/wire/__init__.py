"""The wire: request bodies built, imported, detected, converted and validated from the catalog."""

__all__: list[str] = []
