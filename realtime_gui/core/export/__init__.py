"""Code that mints a configuration's client secret outside realtime-gui: curl, Python, JavaScript, Swift.

:func:`~realtime_gui.core.export.snippets.snippet` is the entry point; the
languages and their templates are listed in ``languages.py``.
"""

__all__: list[str] = []
