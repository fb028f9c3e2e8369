"""What installing needs is shipped: every resource matched by the package data, the icon in the
hicolor sizes, and CI building and checking the bundle (``packaging/check.sh``, too slow for a test)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[1]
RESOURCES = REPO / "realtime_gui" / "resources"


def test_every_resource_is_package_data() -> None:
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["realtime_gui"]
    package = REPO / "realtime_gui"
    shipped = {path for pattern in globs for path in package.glob(pattern) if path.is_file()}
    resources = {path for path in RESOURCES.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert resources - shipped == set()
    assert {RESOURCES / "realtime-gui.desktop", RESOURCES / "realtime-gui.metainfo.xml"} <= shipped


def test_the_icon_ships_in_the_hicolor_sizes() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(RESOURCES / "icons" / f"{size}x{size}" / "realtime-gui.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()


def test_ci_builds_and_checks_the_bundle_and_the_pipx_install() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    assert "packaging/check.sh" in ci and "desktop-file-utils appstream" in ci
    check = (REPO / "packaging" / "check.sh").read_text()
    for step in ("packaging/build.sh", "--version", "fields --json", "Xvfb", "pipx install", "desktop-file-validate"):
        assert step in check
