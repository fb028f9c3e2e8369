"""Every control a keyboard or a screen reader reaches has a name to be read out.

Builds the whole window with every endpoint's form (every section built, a tool
of each kind open) and walks the widget tree.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from ui_support import WindowFactory

from realtime_gui.core.catalog import declaration
from realtime_gui.core.wire.configuration import Configuration

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CONTROLS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QAbstractItemView, QPlainTextEdit, QTextEdit)


def _describe(widget: QWidget) -> str:
    parents = []
    each: QWidget | None = widget
    while each is not None:
        parents.append(f"{type(each).__name__}({each.objectName() or each.property('text') or ''})")
        each = each.parentWidget()
    return " < ".join(parents[:4])


def _name(widget: QWidget) -> str:
    """What a screen reader reads out: the accessible name, or what Qt derives (a button's text)."""
    face = QAccessible.queryAccessibleInterface(widget)
    return (face.text(QAccessible.Text.Name) if face is not None else "") or widget.accessibleName()


def _controls(root: QWidget) -> list[QWidget]:
    """The controls of ``root``'s own window that take focus (a combo's popup list is not one)."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.window() is not root or widget.isHidden():  # hidden itself: not offered now
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the box's own line: the box carries the name
        found.append(widget)
    return found


def test_every_control_of_the_window_has_an_accessible_name(make_window: WindowFactory) -> None:
    tools = [{"type": kind.type, **({kind.named_by: f"{kind.type}_1"} if kind.named_by else {})}
             for kind in declaration.TOOLS.kinds]
    configs = [Configuration(f"on {endpoint_id}", endpoint_id, {"tools": tools} if endpoint_id == "ga" else {})
               for endpoint_id in declaration.ENDPOINTS]
    window = make_window(*configs)
    form = window.bench.form
    for config in configs:
        assert window.bench.editing.select_configuration(config.name)
        for spot in declaration.placed(config.endpoint):
            form.editor(spot.path)  # builds its section
        for index, _ in enumerate(tools if config.endpoint == "ga" else ()):
            assert form.focus_field(f"session.tools[{index}]")  # each kind's sub-form
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # widgets already let go of
    controls = _controls(window)
    assert len(controls) > 60
    unnamed = [_describe(widget) for widget in controls if not _name(widget).strip()]
    assert unnamed == [], "\n".join(sorted(set(unnamed)))
