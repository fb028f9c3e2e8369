"""Dialogs: keys, import."""
