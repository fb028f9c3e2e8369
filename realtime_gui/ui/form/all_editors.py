"""Every editor module, imported so that each type kind has its editor registered.

Build editors with this module's :func:`make_editor`: importing it guarantees
the registry is complete, whatever else was imported before.
"""

from __future__ import annotations

# They register their editors when imported.
from realtime_gui.ui.form import (  # noqa: F401
    choice_editors,
    number_editors,
    part_editors,
    text_editors,
    tool_choice_editor,
    tools_editor,
)
from realtime_gui.ui.form.editors import make_editor

__all__ = ["make_editor"]
