"""Dialogs: keys, import, and the standard questions the window asks."""
