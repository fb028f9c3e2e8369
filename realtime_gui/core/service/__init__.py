"""The service: providers as objects, the request, the client, the mint, its answer and its error tree."""

__all__: list[str] = []
