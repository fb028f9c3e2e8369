"""The configuration document format (realtime_gui.core.wire.document)."""

from __future__ import annotations

from typing import Any

import pytest

from realtime_gui.core.wire import document as document_module
from realtime_gui.core.wire.document import FORMAT, MIGRATIONS, upgrade


def test_every_older_format_has_a_migration() -> None:
    assert set(MIGRATIONS) == set(range(1, FORMAT))


@pytest.mark.parametrize("version", [None, 0, True, "1", 1.0])
def test_a_document_without_a_usable_format_is_refused(version: Any) -> None:
    with pytest.raises(ValueError, match="not a positive whole number"):
        upgrade({"format": version})


def test_a_newer_document_is_refused() -> None:
    with pytest.raises(ValueError, match="upgrade realtime-gui"):
        upgrade({"format": FORMAT + 1})


def test_migrations_run_in_order_and_set_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_module, "FORMAT", FORMAT + 1)
    monkeypatch.setitem(MIGRATIONS, FORMAT, lambda doc: {**doc, "moved": True})
    assert upgrade({"format": FORMAT}) == {"format": FORMAT + 1, "moved": True}
