"""Entry script of the frozen app (PyInstaller needs a script, not a `module:function`)."""

import multiprocessing

from desktop.cli import main

# The idle-time index merge runs in a spawned child process: in a frozen app the child starts
# this same executable, which must become the child instead of opening the window again.
multiprocessing.freeze_support()
raise SystemExit(main())
