"""What a user imports: a configuration file or a raw request body."""

from __future__ import annotations

import json

import pytest

from realtime_gui.core.wire.configuration import Configuration
from realtime_gui.core.wire.importing import read_import


def test_a_request_body_names_the_endpoint_it_was_read_for() -> None:
    imported = read_import(json.dumps({"model": "gpt-4o-realtime-preview", "temperature": 0.7}), "Old")
    assert imported.endpoint == "beta" and imported.kind == "a request body for Beta session"
    assert imported.configuration.values == {"model": "gpt-4o-realtime-preview", "temperature": 0.7}


def test_a_configuration_file_is_read_as_it_is() -> None:
    document = Configuration("Mine", "ga", {"voice": "ash"}).to_document()
    imported = read_import(json.dumps(document), "Copy")
    assert imported.endpoint is None and imported.kind == "a realtime-gui configuration file"
    assert imported.configuration.values == {"voice": "ash"} and imported.configuration.name == "Copy"


def test_unknown_paths_are_returned_not_dropped() -> None:
    imported = read_import(json.dumps({"model": "m", "colour": "red"}), "X", "beta")
    assert imported.unknown == ["colour"]
    with pytest.raises(ValueError, match="line 1"):
        read_import("{", "X")
