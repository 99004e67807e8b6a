"""`python -m desktop` is the same as the `verbatim` command."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":  # not when an import child process loads this module again
    multiprocessing.freeze_support()
    sys.exit(main())
