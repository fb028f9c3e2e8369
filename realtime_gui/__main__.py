"""``python -m realtime_gui`` and the ``realtime-gui`` command."""

from __future__ import annotations

import sys


def main() -> int:
    if len(sys.argv) == 1:
        # The window alone: straight to it, without the command line's parsers and
        # commands, which are start-up time a person waits through.
        from realtime_gui.ui.shell import start_up

        start_up.begin()  # ended by the window once it is complete
        from realtime_gui.ui.shell.app import run

        return run([])
    from realtime_gui.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
