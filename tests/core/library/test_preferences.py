"""The preferences: declared as data, checked, kept in a versioned file that is never fatal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from realtime_gui.core.catalog.field_type import NOT_SET
from realtime_gui.core.library.configurations import new_configuration
from realtime_gui.core.library.preferences import (
    DEADLINE,
    NEW_LIFETIME,
    PREFERENCES,
    THEME,
    PreferenceError,
    load_preferences,
    parse_value,
    settings_path,
)
from realtime_gui.core.library.store import ConfigStore


@pytest.mark.parametrize("pref", PREFERENCES, ids=lambda p: p.key)
def test_every_declaration_is_complete_and_its_default_is_valid(pref: object) -> None:
    from realtime_gui.core.catalog.nodes import Field

    assert isinstance(pref, Field)
    assert pref.key == pref.id and "." in pref.key and pref.label and pref.help.endswith(".") and pref.section
    assert pref.default is NOT_SET or pref.type.check(pref.default) is None
    assert pref.default is not NOT_SET or pref.default_note  # "built in" is said in words


def test_the_file_lives_in_the_app_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REALTIME_GUI_HOME", str(tmp_path / "elsewhere"))
    assert settings_path() == tmp_path / "elsewhere" / "settings.json"


def test_set_save_load_round_trip_atomic_and_private(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    prefs = load_preferences(path)
    assert prefs.get(THEME.key) == "system" and not prefs.problems
    prefs.set(THEME.key, "dark")
    prefs.set(DEADLINE.key, DEADLINE.default)  # the default is not stored
    prefs.save()
    assert json.loads(path.read_text()) == {"format": 1, "values": {"window.theme": "dark"}}
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # no temporary file left
    again = load_preferences(path)
    assert again.get(THEME.key) == "dark" and again.is_set(THEME.key)
    assert again.unset(THEME.key) and not again.unset(THEME.key)


def test_a_refused_value_names_the_setting_and_its_range(tmp_path: Path) -> None:
    prefs = load_preferences(tmp_path / "settings.json")
    with pytest.raises(PreferenceError, match=r"Time limit \(mint.deadline\) must be between 1 and 600; it is 0"):
        prefs.set(DEADLINE.key, 0)
    with pytest.raises(PreferenceError, match=r"there is no setting 'nope'; the settings are: new.service"):
        prefs.set("nope", 1)
    assert parse_value("clipboard.clear", "off") is False and parse_value("mint.deadline", "45") == 45
    with pytest.raises(PreferenceError, match=r"mint\.deadline must be a whole number; it is 'soon'"):
        parse_value("mint.deadline", "soon")
    with pytest.raises(PreferenceError, match=r"window\.theme must be one of"):
        parse_value("window.theme", "pink")


def test_a_bad_setting_is_reported_in_one_line_and_its_default_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"format": 1, "values": {
        "window.theme": "pink", "mint.deadline": 45, "colour": "red"}}))
    prefs = load_preferences(path)
    assert prefs.get(THEME.key) == "system" and prefs.get(DEADLINE.key) == 45
    assert len(prefs.problems) == 2
    assert all(p.startswith(f"{path}: ") and "\n" not in p for p in prefs.problems)
    assert "window.theme must be one of" in prefs.problems[0] and "colour: not a setting" in prefs.problems[1]


@pytest.mark.parametrize("content", ["{not json", "[]", '{"values": {}}', b"\xff\xfe"])
def test_a_broken_file_is_ignored_then_set_aside_never_lost(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    prefs = load_preferences(path)
    assert prefs.values == {} and len(prefs.problems) == 1 and str(path) in prefs.problems[0]
    prefs.set(THEME.key, "light")
    prefs.save()
    kept = [p for p in tmp_path.iterdir() if p.name != "settings.json"]
    if isinstance(content, str):  # readable text: kept beside the new file
        assert len(kept) == 1 and kept[0].name.startswith("settings.json.broken-")
        assert kept[0].read_bytes() == content.encode()
    assert load_preferences(path).get(THEME.key) == "light"


def test_a_newer_file_is_read_as_defaults_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"format": 99, "values": {"window.theme": "dark"}}')
    prefs = load_preferences(path)
    assert prefs.get(THEME.key) == "system" and "newer realtime-gui" in prefs.problems[0]
    with pytest.raises(PreferenceError, match="newer"):
        prefs.save()
    assert "99" in path.read_text()


def test_new_configurations_start_from_the_preferences(home: Path) -> None:
    prefs = load_preferences()
    for key, value in (("new.service", "azure"), ("new.base_url", "https://x.openai.azure.com"),
                       (DEADLINE.key, 50), (NEW_LIFETIME.key, 120)):
        prefs.set(key, value)
    prefs.save()
    store = ConfigStore()
    ga = new_configuration(store, "ga one", "ga")
    assert ga.connection == {"service": "azure", "base_url": "https://x.openai.azure.com", "timeout": 50}
    assert ga.values["expires_after.seconds"] == 120
    beta = new_configuration(store, "beta one", "beta")
    assert "expires_after.seconds" not in beta.values  # the lifetime is a GA setting
    plain = new_configuration(store, "plain", "ga", preferences=load_preferences(home / "nothing.json"))
    assert plain.connection == {} and "expires_after.seconds" not in plain.values
