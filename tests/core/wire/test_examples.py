"""The example bodies in resources/examples import cleanly, build back to
themselves and conform to the official schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from realtime_gui.core.catalog.declaration import endpoint
from realtime_gui.core.catalog.types import EncodeContext
from realtime_gui.core.wire.body import build_body, import_body
from realtime_gui.core.wire.validate import validate

EXAMPLES = sorted((Path(__file__).resolve().parents[3] / "resources" / "examples").glob("*.json"))


def test_there_is_an_example_of_each_kind() -> None:
    assert {p.stem for p in EXAMPLES} == {"ga-realtime", "beta-session", "ga-transcription", "translation"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_imports_and_conforms(official_schemas: dict[str, Any], path: Path) -> None:
    body = json.loads(path.read_text())
    imported = import_body(body)
    assert imported.unknown == [] and imported.problems == []
    config = imported.configuration(path.stem)
    assert validate(config) == []
    ep = endpoint(config.endpoint)
    rebuilt = build_body(config, EncodeContext(ep.shape, "resolve"))
    assert rebuilt == body
    schema = official_schemas["endpoints"][ep.schema_key]["request"]
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(rebuilt)] == []
