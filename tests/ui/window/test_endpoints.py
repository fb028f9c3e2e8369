"""Every endpoint, minted through the real window against the loopback fake service.

The endpoints come from ``declaration.ENDPOINTS``, so a new one is covered by
these tests the day it is declared. Each test drives the window as a person
would: the endpoint selector, the form's editors, the Mint button, the
error panel's remedy; then checks what the service received against what the
core builds for the configuration the window shows.

``REALTIME_GUI_SHOTS=DIR`` also saves each endpoint's screenshot in DIR, for
looking at them by eye.
"""

from __future__ import annotations

import functools
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSpinBox,
    QWidget,
)
from ui_support import FakeDialogs, WindowFactory, child, local, mint_and_wait, saved

from realtime_gui.core.catalog.declaration import CONNECTION_FIELDS, ENDPOINTS, placed
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.service.errors import BetaShapeDisabledError
from realtime_gui.core.wire.body import build_body

# The offscreen platform warns about any main window with a layout; it is the
# plugin talking, not the window.
pytestmark = [pytest.mark.gui, pytest.mark.e2e,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ENDPOINT_IDS = list(ENDPOINTS)
SHOTS_ENV = "REALTIME_GUI_SHOTS"
# Values typed into the form wherever an endpoint places the field: the
# translation endpoint is no use without a target language.
TYPED = {"output_language": "es"}
_COUNTDOWN = re.compile(r"expires in (?:(\d+):)?(\d+):(\d\d)")


# --- fixtures and helpers ----------------------------------------------------------------

@pytest.fixture
def make_window(make_window: WindowFactory, keys: ApiKeys, pool: QThreadPool) -> WindowFactory:
    """conftest's, with a key, a real pool (the mint runs on a thread) and the real clock."""
    keys.set("default", FAKE_API_KEY)
    return functools.partial(make_window, pool=pool, clock=time.time)


def another_endpoint(endpoint_id: str) -> str:
    return next(e for e in ENDPOINTS if e != endpoint_id)


def choose_endpoint(window: Any, endpoint_id: str) -> None:
    selector = child(window, QComboBox, "endpoint_selector")
    index = selector.findData(endpoint_id)
    assert index >= 0, f"the selector does not offer {endpoint_id}"
    selector.setCurrentIndex(index)
    assert window.bench.editing.current_configuration().endpoint == endpoint_id
    assert child(window, QLabel, "endpoint_path").text() == ENDPOINTS[endpoint_id].schema_key


def type_into(qtbot: Any, window: Any, path: str, value: Any) -> QWidget:
    """Reveal the editor of a wire path and enter ``value`` as a user would."""
    assert window.bench.form.focus_field(path), f"no editor for {path}"
    editor = window.bench.form.editor(path)
    if isinstance(editor, QLineEdit):
        editor.clear()
        qtbot.keyClicks(editor, str(value))
    elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
        editor.setValue(value)
    else:
        raise AssertionError(f"no way to type into a {type(editor).__name__} at {path}")
    assert isinstance(editor, QWidget)
    return editor


def fill_what_the_endpoint_needs(qtbot: Any, window: Any, endpoint_id: str) -> None:
    for spot in placed(endpoint_id):
        if spot.node.id in TYPED:
            type_into(qtbot, window, spot.path, TYPED[spot.node.id])
            assert window.bench.editing.current_configuration().values[spot.node.id] == TYPED[spot.node.id]


def seconds_shown(countdown: QLabel) -> int:
    match = _COUNTDOWN.fullmatch(countdown.text())
    assert match, f"not a countdown: {countdown.text()!r}"
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def assert_secret_shown(window: Any, result: Any, shape: str) -> None:
    returned = result.response["client_secret"] if shape == "beta" else result.response
    assert returned["value"].startswith("ek_")
    assert child(window, QLineEdit, "secret_value").text() == returned["value"] == result.value
    left = returned["expires_at"] - time.time()
    assert left - 2 <= seconds_shown(child(window, QLabel, "expires_countdown")) <= left + 1


def at(body: Any, path: str) -> Any:
    """The value at a dotted wire path."""
    for part in path.split("."):
        body = body[part]
    return body


def leaves(body: Any) -> list[Any]:
    if isinstance(body, dict):
        return [leaf for inner in body.values() for leaf in leaves(inner)]
    return [body]


# --- every endpoint ---------------------------------------------------------------------------

@pytest.mark.parametrize("endpoint_id", ENDPOINT_IDS)
def test_each_endpoint_mints_through_the_window(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                server: FakeRealtimeServer, endpoint_id: str) -> None:
    ep = ENDPOINTS[endpoint_id]
    # Made for the endpoint but saved under another, so choosing it in the selector is a real change.
    config = local(server, f"{endpoint_id} here", endpoint_id)
    config.endpoint = another_endpoint(endpoint_id)
    saved(store, config)
    window = make_window()
    assert window.bench.editing.current_configuration().endpoint != endpoint_id
    choose_endpoint(window, endpoint_id)
    fill_what_the_endpoint_needs(qtbot, window, endpoint_id)
    shown = window.bench.editing.current_configuration()

    result, error = mint_and_wait(qtbot, window)

    assert error is None, error
    assert_secret_shown(window, result, ep.response_shape)
    [request] = server.requests
    assert child(window, QLabel, "result_request").text() == request.request_id
    assert (request.method, request.path) == ("POST", "/v1" + ep.path)
    assert request.body == build_body(shown)
    for path, constant in ep.fixed.items():  # the body is the endpoint's, not another's
        assert at(request.body, path) == constant
    for field_id, value in TYPED.items():
        spot = next((s for s in placed(endpoint_id) if s.node.id == field_id), None)
        if spot is not None:
            assert at(request.body, spot.path) == value
    assert request.headers["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert request.headers.get("openai-beta") == ("realtime=v1" if ep.shape == "beta" else None)


@pytest.mark.parametrize("endpoint_id", ["ga", "beta"])
def test_azure_uses_its_paths_and_the_api_key_header(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                     server: FakeRealtimeServer, endpoint_id: str) -> None:
    ep = ENDPOINTS[endpoint_id]
    saved(store, local(server, "Azure", endpoint_id))
    window = make_window()
    service = child(window, QComboBox, "connection.service")
    qtbot.keyClicks(service, "azure")  # typed, as a user edits: only edits count as changes
    base_url = child(window, QLineEdit, "connection.base_url")
    base_url.selectAll()
    qtbot.keyClicks(base_url, server.origin)
    shown = window.bench.editing.current_configuration()
    assert shown.connection == {"service": "azure", "base_url": server.origin}

    result, error = mint_and_wait(qtbot, window)

    assert error is None, error
    assert_secret_shown(window, result, ep.response_shape)
    [request] = server.requests
    assert request.path == ep.azure_path
    assert request.headers["api-key"] == FAKE_API_KEY
    assert "authorization" not in request.headers
    assert "openai-beta" not in request.headers  # Azure does not know the header
    version = next(f.default for f in CONNECTION_FIELDS if f.key == "azure_api_version")
    assert request.query == ({"api-version": [version]} if ep.shape == "beta" else {})
    assert request.body == build_body(shown)


def test_a_refused_beta_shape_converts_to_ga_and_mints(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                                       server: FakeRealtimeServer, dialogs: FakeDialogs) -> None:
    server.beta_shape_enabled = False
    saved(store, local(server, "Old", "beta", temperature=0.9, instructions="Be brief."))
    window = make_window()

    _, error = mint_and_wait(qtbot, window)

    assert isinstance(error, BetaShapeDisabledError)
    assert server.requests[0].path == "/v1" + ENDPOINTS["beta"].path
    panel = child(window, QWidget, "error_panel")
    assert panel.isVisible()
    assert "beta" in child(panel, QLabel, "error_title").text().lower()
    convert = child(panel, QPushButton, "error_action")
    assert convert.isVisible() and convert.text() == "Convert to GA"
    qtbot.mouseClick(convert, Qt.MouseButton.LeftButton)

    assert window.bench.editing.current_name() == "Old (GA)"
    assert child(window, QListView, "config_list").currentIndex().data() == "Old (GA)"
    assert child(window, QComboBox, "endpoint_selector").currentData() == "ga"
    converted = window.bench.editing.current_configuration()
    assert converted.endpoint == "ga" and converted.values["instructions"] == "Be brief."
    assert sorted(store.list()) == ["Old", "Old (GA)"]
    original = store.load("Old")
    assert original["endpoint"] == "beta" and original["values"]["temperature"] == 0.9
    title, text = dialogs.told[-1]
    assert title == "Converted to GA" and "Temperature" in text  # GA has no temperature: the user is told
    assert not panel.isVisible()  # the error was about the original

    result, error = mint_and_wait(qtbot, window)

    assert error is None, error
    assert_secret_shown(window, result, "ga")
    request = server.requests[-1]
    assert request.path == "/v1" + ENDPOINTS["ga"].path
    assert "openai-beta" not in request.headers
    assert request.body == build_body(converted)
    assert request.body["session"]["instructions"] == "Be brief."


@pytest.mark.parametrize(("endpoint_id", "field_id", "value"), [
    ("beta", "temperature", 1.1),
    ("translation", "output_language", "ja"),
])
def test_switching_endpoints_keeps_values_the_other_lacks(qtbot: Any, make_window: WindowFactory,
                                                          store: ConfigStore, server: FakeRealtimeServer,
                                                          endpoint_id: str, field_id: str, value: Any) -> None:
    other = "ga"
    path = next(s.path for s in placed(endpoint_id) if s.node.id == field_id)
    assert not any(s.node.id == field_id for s in placed(other))  # else this proves nothing
    saved(store, local(server, "Switch", endpoint_id))
    window = make_window()
    type_into(qtbot, window, path, value)
    assert window.bench.editing.current_configuration().values[field_id] == value

    choose_endpoint(window, other)
    assert window.bench.form.editor(path) is None
    away = window.bench.editing.current_configuration()
    assert away.values[field_id] == value  # kept, though not sent
    assert value not in leaves(build_body(away))

    choose_endpoint(window, endpoint_id)
    back = window.bench.editing.current_configuration()
    assert back.values[field_id] == value
    editor: Any = window.bench.form.editor(path)
    shown = editor.value() if isinstance(editor, (QSpinBox, QDoubleSpinBox)) else editor.text()
    assert shown == value
    assert at(build_body(back), path) == value


# --- how each endpoint looks --------------------------------------------------------------------

@pytest.mark.parametrize("endpoint_id", ENDPOINT_IDS)
def test_each_endpoint_form_renders(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                    server: FakeRealtimeServer, tmp_path: Path, endpoint_id: str) -> None:
    saved(store, local(server, f"{endpoint_id} look", endpoint_id))
    window = make_window()
    fill_what_the_endpoint_needs(qtbot, window, endpoint_id)
    result, error = mint_and_wait(qtbot, window)
    assert error is None, error
    QApplication.processEvents()  # layouts asked for by the result settle before the grab

    shot = tmp_path / f"{endpoint_id}.png"
    assert window.grab().save(str(shot), "PNG")
    assert shot.stat().st_size > 10_000, f"{shot.name} is {shot.stat().st_size} bytes: an empty window?"
    wanted = os.environ.get(SHOTS_ENV)
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        (Path(wanted) / shot.name).write_bytes(shot.read_bytes())
