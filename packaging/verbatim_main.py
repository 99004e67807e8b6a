"""Entry script of the frozen app (PyInstaller needs a script, not a `module:function`)."""

import multiprocessing

from desktop.cli import main

if __name__ == "__main__":
    # The window parses files in child processes (desktop/core/isolated_import.py): in a frozen
    # app those start this executable again, and freeze_support runs them instead of the CLI.
    multiprocessing.freeze_support()
    raise SystemExit(main())
