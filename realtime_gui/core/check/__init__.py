"""Checking a token: mint one, open the Realtime WebSocket with it, and compare the session the service applied."""

__all__: list[str] = []
