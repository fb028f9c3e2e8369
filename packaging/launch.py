"""The bundle's program: the same entry point as the ``realtime-gui`` command."""

import sys

from realtime_gui.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
