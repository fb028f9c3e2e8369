"""A fixture that loads the catalog with throwaway declarations, as the real one loads."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from realtime_gui.core.catalog import declaration
from realtime_gui.core.catalog.endpoints import ENDPOINTS
from realtime_gui.core.catalog.loading import load_fields
from realtime_gui.core.catalog.nodes import Node
from realtime_gui.core.catalog.session import SECTIONS

_CACHES = (declaration.placed, declaration._by_id, declaration._by_path)


@pytest.fixture
def use_fields(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[tuple[Node, ...]], None]]:
    """``use_fields(session_fields)``: the catalog as it would load with these session fields."""

    def use(fields: tuple[Node, ...]) -> None:
        monkeypatch.setattr(declaration, "FIELDS", load_fields(fields, ENDPOINTS, SECTIONS))
        for cache in _CACHES:
            cache.cache_clear()

    yield use
    monkeypatch.undo()
    for cache in _CACHES:
        cache.cache_clear()
