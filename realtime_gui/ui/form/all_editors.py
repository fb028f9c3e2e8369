"""Every editor module, imported so that each type kind has its editor registered.

Build editors with this module's :func:`make_editor`: importing it guarantees
the registry is complete, whatever else was imported before.
"""

from __future__ import annotations

from realtime_gui.ui.form import number_editors, text_editors, tools_editor  # noqa: F401  (they register their editors)
from realtime_gui.ui.form.editors import make_editor

__all__ = ["make_editor"]
