"""Every editor module, imported so that each type kind has its editor registered.

Build editors with this module's :func:`make_editor`: importing it guarantees
the registry is complete, whatever else was imported before.
"""

from __future__ import annotations

# They register their editors when imported.
from realtime_gui.ui.form import choice_editors, number_editors, text_editors, tools_editor  # noqa: F401
from realtime_gui.ui.form.editors import make_editor

__all__ = ["make_editor"]
