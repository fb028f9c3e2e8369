"""The core never loads Qt; the command line never loads Qt; the public
surface is what ``__all__`` says."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import realtime_gui.core

REPO = Path(__file__).resolve().parents[1]
CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(realtime_gui.core.__path__, "realtime_gui.core."))


def loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize("statement", [
    "import realtime_gui.cli",
    "import " + ", ".join(CORE_MODULES),
    "from realtime_gui.cli import main; main(['fields', '--json'])",
])
def test_no_qt_without_the_window(statement: str) -> None:
    modules = loaded_after(statement)
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6", "realtime_gui.ui"))}


def test_core_sources_do_not_import_qt() -> None:
    qt_import = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|realtime_gui\.ui|\.+ui)\b", re.MULTILINE)
    for path in (REPO / "realtime_gui" / "core").rglob("*.py"):
        assert not qt_import.search(path.read_text()), path


def test_cli_startup_loads_nothing_heavy() -> None:
    # `realtime-gui fields` needs neither the network nor the keyring.
    modules = loaded_after("from realtime_gui.cli import main; main(['fields', '--json'])")
    assert not {m for m in modules if m.split(".")[0] in {"httpx", "keyring", "jsonschema", "hypothesis"}}


def test_frozen_value_types_are_records_not_frozen_dataclasses() -> None:
    # A frozen dataclass compiles six methods when its class is made (about 1.5 ms);
    # the catalog and the core declare some fifty on the way to the window's form
    # and to a CLI mint. realtime_gui.core.records gives the same without compiling.
    frozen = re.compile(r"^@(dataclasses\.)?dataclass\([^)]*frozen=True", re.MULTILINE)
    for path in (REPO / "realtime_gui").rglob("*.py"):
        assert not frozen.search(path.read_text()), f"{path}: use @record (realtime_gui.core.records)"


@pytest.mark.parametrize("name", CORE_MODULES)
def test_every_core_module_declares_its_public_names(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    for attribute in exported:
        assert hasattr(module, attribute), f"{name}.__all__ names {attribute}, which is missing"
