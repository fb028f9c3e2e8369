"""``prefs``, ``--version`` and ``desktop-install``, and the commands that start from the preferences."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakeserver import FAKE_API_KEY, FakeRealtimeServer
from test_cli import pointed_at, run_cli, save

from realtime_gui.core.library.store import ConfigStore
from realtime_gui.core.wire.configuration import Configuration


def test_version_names_the_app_qt_and_python(home: Path) -> None:
    import PySide6
    from PySide6.QtCore import qVersion

    done = run_cli(home, "--version")
    assert done.returncode == 0, done.stderr
    app, qt, python = done.stdout.splitlines()
    assert app.startswith("realtime-gui 0.")
    assert qt == f"Qt {qVersion()} (PySide6 {PySide6.__version__})"
    assert python == f"Python {sys.version.split()[0]}"


def test_version_loads_no_qt_widgets() -> None:
    code = ("import sys; from realtime_gui.cli import main\n"
            "try: main(['--version'])\nexcept SystemExit: pass\n"
            "print([m for m in sys.modules\n"
            "       if m.startswith(('PySide6.QtWidgets', 'PySide6.QtGui', 'realtime_gui.ui'))])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.splitlines()[-1] == "[]"


def test_prefs_set_list_unset(home: Path) -> None:
    done = run_cli(home, "prefs", "set", "window.theme", "dark")
    assert done.returncode == 0 and "window.theme is now dark" in done.stderr
    assert json.loads((home / "settings.json").read_text())["values"] == {"window.theme": "dark"}
    listed = run_cli(home, "prefs").stdout.splitlines()
    assert any(line.startswith("window.theme") and " dark " in line for line in listed)
    assert any(line.startswith("mint.deadline") and "30 (default)" in line for line in listed)
    refused = run_cli(home, "prefs", "set", "mint.deadline", "0")
    assert refused.returncode != 0 and "mint.deadline must be between 1 and 600; it is 0" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert run_cli(home, "prefs", "unset", "window.theme").returncode == 0
    assert json.loads((home / "settings.json").read_text())["values"] == {}


def test_a_bad_settings_file_is_one_warning_and_never_fatal(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.json").write_text('{"format": 1, "values": {"new.service": "azure", "mint.deadline": "x"}}')
    done = run_cli(home, "configs", "new", "demo", "--endpoint", "ga")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "settings.json" in warnings[0] and "mint.deadline" in warnings[0]
    saved = ConfigStore(home / "configs").load("demo")
    assert saved["connection"] == {"service": "azure"}  # the good setting still applies


def test_configs_new_starts_from_the_preferences(home: Path) -> None:
    assert run_cli(home, "prefs", "set", "new.lifetime", "90").returncode == 0
    assert run_cli(home, "prefs", "set", "mint.deadline", "45").returncode == 0
    assert run_cli(home, "configs", "new", "demo", "--endpoint", "ga").returncode == 0
    saved = ConfigStore(home / "configs").load("demo")
    assert saved["values"]["expires_after.seconds"] == 90 and saved["connection"] == {"timeout": 45}


@pytest.mark.e2e
def test_mint_takes_its_timeout_from_the_preferences(home: Path, server: FakeRealtimeServer) -> None:
    save(home, pointed_at(server, Configuration.new("trickle")))
    assert run_cli(home, "prefs", "set", "mint.deadline", "2").returncode == 0
    server.trickle_next(0.5)
    done = run_cli(home, "mint", "trickle", env={"OPENAI_API_KEY": FAKE_API_KEY})
    assert done.returncode == 5, done.stderr
    assert "--timeout SECONDS` (now 2, the mint.deadline setting" in done.stderr


def test_desktop_install_writes_a_launcher_for_this_installation(home: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_cli(home, "desktop-install", env={"XDG_DATA_HOME": str(data)})
    assert done.returncode == 0, done.stderr
    launcher = data / "applications" / "realtime-gui.desktop"
    assert done.stdout.strip() == str(launcher)
    exec_line = next(line for line in launcher.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={sys.executable} -m realtime_gui"
    for size in (16, 32, 48, 128, 256):
        assert (data / f"icons/hicolor/{size}x{size}/apps/realtime-gui.png").is_file()
    assert (data / "icons/hicolor/scalable/apps/realtime-gui.svg").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(launcher)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout
    assert run_cli(home, "desktop-install", "--uninstall", env={"XDG_DATA_HOME": str(data)}).returncode == 0
    assert not launcher.exists()


def test_exec_quotes_a_path_with_spaces() -> None:
    from realtime_gui.cli_desktop import desktop_entry

    entry = desktop_entry(["/opt/my apps/bin/python3", "-m", "realtime_gui"])
    assert 'Exec="/opt/my apps/bin/python3" -m realtime_gui\n' in entry


RESOURCES = Path(__file__).resolve().parents[1] / "realtime_gui" / "resources"


@pytest.mark.parametrize(("tool", "file"), [
    (["desktop-file-validate"], "realtime-gui.desktop"),
    (["appstreamcli", "validate", "--no-net"], "realtime-gui.metainfo.xml"),
])
def test_the_desktop_files_pass_their_validators(tool: list[str], file: str) -> None:
    if not shutil.which(tool[0]):
        pytest.skip(f"{tool[0]} is not installed (apt: desktop-file-utils appstream)")
    checked = subprocess.run([*tool, str(RESOURCES / file)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "hint:" not in checked.stdout and "warning" not in checked.stdout.lower()
