"""The service: providers, the HTTP request, the mint and its error tree."""

__all__: list[str] = []
