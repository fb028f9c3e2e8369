"""The window asks before the API key goes to a host the user hasn't confirmed.

A configuration imported from someone else's file is data, not the user's
choice: Mint shows its host and the key name, Cancel (the default) sends
nothing. A base URL the user typed in this window and saved is their own.
Loading migrates MCP header values an old file holds itself into the keyring.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fakeserver import FAKE_API_KEY, running_server
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from ui_support import FakeDialogs, WindowFactory, child, edit_base_url, mint_and_wait, saved

from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.library.trust import TrustRecords, connection_trust
from realtime_gui.core.service.client import MintClient
from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.ui.window.minting import ALLOW_HTTP, TRUST

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def _imported(base_url: str, name: str = "Shared", key_name: str = "work") -> Configuration:
    """A configuration as an import leaves it: its connection not confirmed."""
    config = Configuration.new(name, "ga")
    config.connection.update(base_url=base_url, key_name=key_name)
    return config


def _click_mint(qtbot: Any, window: Any) -> None:
    qtbot.mouseClick(child(window, QPushButton, "mint"), Qt.MouseButton.LeftButton)


def test_an_imported_connection_is_asked_about_and_cancel_sends_nothing(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    keys.set("work", FAKE_API_KEY)
    with running_server() as server:
        window = make_window(_imported(server.base_url))
        _click_mint(qtbot, window)  # no answer scripted: the last button, Cancel
        assert server.requests == []
    title, text = dialogs.asked[-1]
    assert server.origin in text and "“work”" in text
    assert dialogs.defaults[-1] == "Cancel"  # Enter sends nothing
    assert "plain http" not in text  # loopback: nothing crosses the network
    assert "not confirmed" in window._status.text()
    assert not child(window, QLineEdit, "secret_value").text()
    assert connection_trust(window.bench.editing.current_configuration()) is not None


def test_confirming_mints_and_is_remembered(qtbot: Any, make_window: WindowFactory, store: ConfigStore,
                                            keys: ApiKeys, dialogs: FakeDialogs) -> None:
    keys.set("work", FAKE_API_KEY)
    with running_server() as server:
        window = make_window(_imported(server.base_url))
        dialogs.answers = [TRUST]
        result, error = mint_and_wait(qtbot, window)
        assert error is None and result.value.startswith("ek_")
        assert len(server.requests) == 1
        assert TrustRecords().find(server.origin, "work") is not None
        asked = len(dialogs.asked)
        mint_and_wait(qtbot, window)  # confirmed once: not asked again
    assert len(dialogs.asked) == asked


def test_plain_http_to_another_machine_takes_its_own_button(
        qtbot: Any, make_window: WindowFactory, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"value": "ek_mock", "expires_at": 4_000_000_000, "session": {}})

    keys.set("work", FAKE_API_KEY)
    window = make_window(_imported("http://10.20.30.40:8080/v1"),
                         client=MintClient(transport=httpx.MockTransport(answer)))
    _click_mint(qtbot, window)
    assert seen == []
    text = dialogs.asked[-1][1]
    assert "http://10.20.30.40:8080" in text and "plain http" in text and ALLOW_HTTP in text
    dialogs.answers = [TRUST]
    with pytest.raises(AssertionError):  # FakeDialogs: the plain "Trust" button is not offered
        window.bench.minting.mint()
    dialogs.answers = []
    dialogs.answers = [ALLOW_HTTP]
    result, error = mint_and_wait(qtbot, window)
    assert error is None and len(seen) == 1
    record = TrustRecords().find("http://10.20.30.40:8080", "work")
    assert record is not None and record.allow_http


def test_a_base_url_typed_here_and_saved_is_not_asked_about(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    keys.set("default", FAKE_API_KEY)
    with running_server() as server:
        window = make_window(Configuration.new("Mine", "ga"))
        window.bench.connection.set_expanded(True)
        edit_base_url(window, server.base_url)
        assert window.bench.editing.save()
        result, error = mint_and_wait(qtbot, window)
    assert dialogs.asked == []
    assert error is None and result.value.startswith("ek_")


def test_an_imported_connection_saved_untouched_stays_unconfirmed(
        qtbot: Any, make_window: WindowFactory, store: ConfigStore, keys: ApiKeys, dialogs: FakeDialogs) -> None:
    with running_server() as server:
        window = make_window(_imported(server.base_url))
        assert window.bench.editing.save()  # opened and saved as it came
        window.bench.connection.set_expanded(True)
        edit_base_url(window, server.base_url)  # typed again as it was: the host is still the file's
        assert window.bench.editing.save()
        _click_mint(qtbot, window)
        assert server.requests == []
    assert len(dialogs.asked) == 1


def test_loading_moves_plain_mcp_header_values_into_the_keyring(
        make_window: WindowFactory, store: ConfigStore, keys: ApiKeys) -> None:
    config = Configuration.new("Old", "ga")
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "headers": {"X-Token": "tok-0123456789"}}]
    saved(store, config)  # as an older version wrote it: the value in the file
    window = make_window()
    assert window.bench.editing.current_name() == "Old"
    on_disk = store.path_of("Old").read_text(encoding="utf-8")
    assert "tok-0123456789" not in on_disk
    ref = json.loads(on_disk)["values"]["tools"][0]["headers"]["X-Token"]
    assert keys.load_secret(ref["secret_ref"]) == "tok-0123456789"
    assert window.bench.editing.current_configuration().values["tools"][0]["headers"]["X-Token"] == ref
