"""Looks: palette roles, fonts and small styled widgets."""
