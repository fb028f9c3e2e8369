"""realtime-gui: mint OpenAI Realtime API client secrets."""

__version__ = "0.1.0"
__all__ = ["__version__"]
