"""Entry script of the frozen app (PyInstaller needs a script, not a `module:function`)."""

from desktop.cli import main

raise SystemExit(main())
