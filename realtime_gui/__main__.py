"""``python -m realtime_gui`` and the ``realtime-gui`` command."""

from __future__ import annotations

import sys


def main() -> int:
    from realtime_gui.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
