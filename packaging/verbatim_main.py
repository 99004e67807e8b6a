"""Entry script of the frozen app (PyInstaller needs a script, not a `module:function`)."""

import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    # Child processes (the window's isolated imports, desktop/core/isolated_import.py; the
    # idle-time index merge) start this same executable in a frozen app: freeze_support makes
    # it become the child instead of running the CLI or opening the window again.
    multiprocessing.freeze_support()
    raise SystemExit(main())
