"""Lookups on the loaded catalog: the enclosing declared path, the default endpoint."""

from __future__ import annotations

from realtime_gui.core.catalog.declaration import DEFAULT_ENDPOINT, ENDPOINTS, enclosing
from realtime_gui.core.wire.configuration import Configuration


def test_enclosing_finds_the_nearest_declared_path() -> None:
    found = enclosing("ga", "session.tools[2].name")
    assert found is not None and found.node.id == "tools" and "session.tools[2].name"[len(found.path):] == "[2].name"
    deep = enclosing("ga", "session.audio.input.turn_detection.threshold.extra")
    assert deep is not None and deep.node.id == "turn_detection.threshold"
    assert enclosing("ga", "nowhere.at.all") is None


def test_the_default_endpoint_is_declared_once() -> None:
    assert DEFAULT_ENDPOINT in ENDPOINTS
    assert Configuration("x").endpoint == Configuration.new("x").endpoint == DEFAULT_ENDPOINT
