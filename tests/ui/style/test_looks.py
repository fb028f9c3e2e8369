"""The looks of ``role`` and ``state``: what is sent stands out, a default is
quiet but never looks disabled, and accent colours read in light and dark."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.form.form import FormView
from realtime_gui.ui.style import theme
from realtime_gui.ui.style.style import accent, contrast, quiet, restyle, set_role, set_state

pytestmark = [pytest.mark.gui]

ROLES = QPalette.ColorRole
ACTIVE = QPalette.ColorGroup.Active


@pytest.fixture
def view(qtbot: Any) -> FormView:
    form = FormView()
    qtbot.addWidget(form)
    form.resize(1000, 800)
    form.set_configuration(Configuration("t", "ga", {"voice": "marin"}))
    return form


def _row(view: FormView, path: str) -> Any:
    return view._find(path)[1]


def test_a_field_left_to_the_default_is_quiet_not_disabled(view: FormView) -> None:
    speed = _row(view, "session.audio.output.speed")
    root = speed.editor.root
    app = QGuiApplication.palette()
    assert root.property("dim") is True and root.isEnabled()
    assert root.font().italic()  # a hint's face: disabled text is never italic
    assert root.palette().color(ACTIVE, ROLES.Text) == app.color(ROLES.PlaceholderText)
    # Its chip is a working control, in the normal text colour and weight.
    chip = speed.chip
    assert chip.palette().color(ACTIVE, ROLES.ButtonText) == app.color(ROLES.ButtonText)
    assert chip.font().weight() < QFont.Weight.Bold


def test_a_field_that_is_sent_has_a_chip_in_the_accent_colour(view: FormView) -> None:
    voice = _row(view, "session.audio.output.voice")
    assert voice.editor.root.property("dim") is False and not voice.editor.root.font().italic()
    chip = voice.chip
    assert chip.text().startswith("set")
    assert chip.palette().color(ACTIVE, ROLES.ButtonText) == accent(QGuiApplication.palette())
    assert chip.font().weight() >= QFont.Weight.Bold
    # Disabled (its group switched off), it looks disabled as any control does.
    assert (chip.palette().color(QPalette.ColorGroup.Disabled, ROLES.ButtonText)
            == QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, ROLES.ButtonText))


def test_section_headings_have_a_face_of_their_own(view: FormView) -> None:
    from realtime_gui.ui.form.endpoint_form import Section

    plain = QGuiApplication.font().pointSizeF()
    sections = view.findChildren(Section)
    assert sections
    for section in sections:
        font = section.header.font()
        assert font.weight() >= QFont.Weight.Bold and font.pointSizeF() > plain, section.title


@pytest.mark.parametrize("palette", [theme._light_palette, theme._dark_palette])
def test_the_accent_reads_as_text_on_the_window_in_light_and_dark(palette: Any) -> None:
    colours = palette()
    assert contrast(accent(colours), colours.color(ROLES.Window)) >= 4.5


def test_looks_follow_a_change_of_scheme(qtbot: Any) -> None:
    label, editor = QLabel("set"), QWidget()
    for widget in (label, editor):
        qtbot.addWidget(widget)
    set_state(label, "set")
    quiet(editor, True)
    try:
        for name in ("dark", "light"):
            theme.apply_theme(name)
            app = QGuiApplication.palette()
            assert label.palette().color(ACTIVE, ROLES.WindowText) == accent(app), name
            assert editor.palette().color(ACTIVE, ROLES.Text) == app.color(ROLES.PlaceholderText), name
    finally:
        theme.apply_theme("system")
    quiet(editor, False)
    set_role(label, "")
    set_state(label, "")
    restyle()
    assert not editor.font().italic() and editor.palette().resolveMask() == 0
    assert label.palette().resolveMask() == 0 and label.font().weight() < QFont.Weight.Bold
