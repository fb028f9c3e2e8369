"""The form: one editor per declared field, built from the catalog."""
