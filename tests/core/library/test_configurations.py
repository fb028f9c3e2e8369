"""The workflows on saved configurations (realtime_gui.core.library.configurations)
that the command line and the window share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from realtime_gui.core.library.configurations import (
    conversion_name,
    conversion_target,
    convert_configuration,
    create_configuration,
    export_body,
    export_document,
    export_text,
    load_configuration,
    new_configuration,
    save_configuration,
    unique_name,
    write_export,
)
from realtime_gui.core.library.keys import ApiKeys
from realtime_gui.core.library.secret_store import MemoryStore
from realtime_gui.core.library.store import ConfigLoadError, ConfigNameError, ConfigStore
from realtime_gui.core.wire.configuration import Configuration

TOKEN = "Bearer mcp-token-0123456789"


@pytest.fixture
def store(tmp_path: Path) -> ConfigStore:
    return ConfigStore(tmp_path / "configs")


@pytest.fixture
def keys() -> ApiKeys:
    return ApiKeys(MemoryStore())


def with_tool(name: str = "mcp", endpoint_id: str = "ga") -> Configuration:
    config = Configuration.new(name, endpoint_id)
    config.values["tools"] = [{"type": "mcp", "server_label": "docs", "server_url": "https://example.com/mcp",
                               "authorization": TOKEN}]
    return config


def test_save_returns_the_configuration_as_saved(store: ConfigStore, keys: ApiKeys) -> None:
    config = with_tool()
    saved = save_configuration(store, keys, config)
    assert config.values["tools"][0]["authorization"] == TOKEN  # the caller's copy is untouched
    assert "secret_ref" in saved.values["tools"][0]["authorization"]
    assert TOKEN not in store.path_of("mcp").read_text(encoding="utf-8")
    assert load_configuration(store, "mcp").values == saved.values


def test_create_refuses_a_taken_name_and_returns_the_tidy_one(store: ConfigStore, keys: ApiKeys) -> None:
    assert create_configuration(store, keys, Configuration.new("  Demo ")).name == "Demo"
    with pytest.raises(ConfigNameError):
        create_configuration(store, keys, Configuration.new("demo"))
    assert new_configuration(store, "Beta one", "beta").endpoint == "beta"
    assert unique_name(store, "Demo") == "Demo 2" and unique_name(store, "Other") == "Other"


def test_a_file_with_unusable_content_is_moved_aside(store: ConfigStore) -> None:
    store.save("Odd", {"endpoint": "nowhere"})
    with pytest.raises(ConfigLoadError) as caught:
        load_configuration(store, "Odd")
    assert caught.value.moved_to is not None and store.list() == []


def test_export_holds_references_only_and_writes_nothing_to_the_keyring(tmp_path: Path, keys: ApiKeys) -> None:
    config = with_tool()
    document = export_document(config)
    assert "authorization" not in document["values"]["tools"][0]
    assert document["name"] == "mcp" and document["format"] >= 1
    assert keys.session.names() == [] and isinstance(keys.persistent, MemoryStore)
    assert keys.persistent.names() == []
    body = export_body(config)
    assert TOKEN not in json.dumps(body)
    target = tmp_path / "out.json"
    write_export(target, document)
    assert target.read_text(encoding="utf-8") == export_text(document)
    assert export_text({"a": "é"}) == '{\n  "a": "é"\n}\n'


def test_convert_makes_a_ga_copy_or_replaces(store: ConfigStore, keys: ApiKeys) -> None:
    beta = save_configuration(store, keys, Configuration.new("Old", "beta"))
    target = conversion_target(beta)
    assert target is not None and target.id == "ga" and conversion_target(Configuration.new("x")) is None
    name = conversion_name("Old", target.id)
    assert name == "Old (GA)"
    copy = convert_configuration(store, keys, beta, target.id, name)
    assert copy.configuration.endpoint == "ga" and store.list() == ["Old", "Old (GA)"]
    convert_configuration(store, keys, beta, target.id, "Old", replace_original=True)
    assert load_configuration(store, "Old").endpoint == "ga"


def test_convert_replacing_the_original_keeps_it_in_the_trash(store: ConfigStore, keys: ApiKeys) -> None:
    config = Configuration.new("Old", "beta")
    save_configuration(store, keys, config)
    original = store.path_of("Old").read_text()
    convert_configuration(store, keys, load_configuration(store, "Old"), "ga", "Old", replace_original=True)
    trashed = list((store.root / "trash").iterdir())
    assert [p.read_text() for p in trashed] == [original]
    assert load_configuration(store, "Old").endpoint == "ga"
