"""The `verbatim` command: no subcommand opens the window; subcommands use the core only.

Exit codes everywhere: 0 success; 1 a file or input that cannot be used (one line on stderr
naming it and the reason, never a traceback); 2 usage.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from desktop import appinfo
from desktop.core.errors import TranscriptImportError, VerbatimError, shown
from desktop.core.team.connection import URL_VARIABLE

#: Subcommand name -> module in `desktop.commands` with HELP, add_arguments(parser), run(args).
SUBCOMMANDS: dict[str, str] = {
    "parse": "desktop.commands.parse",
    "index": "desktop.commands.index",
    "search": "desktop.commands.search",
    "cite": "desktop.commands.cite",
    "export": "desktop.commands.export",
    "check": "desktop.commands.check",
    "audit": "desktop.commands.audit",
    "kwic": "desktop.commands.kwic",
    "stats": "desktop.commands.stats",
    "align": "desktop.commands.align",
}

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name])


def build_parser() -> argparse.ArgumentParser:
    """The subcommand parser (`verbatim parse ...`, `verbatim search ...`)."""
    parser = argparse.ArgumentParser(
        prog="verbatim",
        description=f"{appinfo.APP_NAME}: {appinfo.SUMMARY}.",
    )
    parser.add_argument("--version", action="version", version=_version_text())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in SUBCOMMANDS:
        module = _command_module(name)
        sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub_parser)
        sub_parser.add_argument(
            "--library", metavar="URL",
            help="work in this team library (postgresql://user@host/db) instead of the "
            "laptop's; default: $VERBATIM_LIBRARY_URL",
        )
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    """The window's own options (`verbatim [FILE...]`)."""
    parser = argparse.ArgumentParser(
        prog="verbatim",
        description=(
            f"{appinfo.APP_NAME}: {appinfo.SUMMARY}. With no arguments, opens the window "
            f"(the bundled sample interview on first launch). "
            f"Subcommands: {', '.join(SUBCOMMANDS)} (verbatim COMMAND --help)."
        ),
    )
    parser.add_argument("--version", action="version", version=_version_text())
    parser.add_argument("files", nargs="*", metavar="FILE", help="transcripts to open")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the main window at 1280x800 offscreen with FILE (default: the sample), "
        "save a PNG and exit",
    )
    parser.add_argument(
        "--theme", choices=("light", "dark", "system"), help="override the saved theme"
    )
    return parser


def _no_gui_arguments() -> argparse.Namespace:
    """What `build_gui_parser().parse_args([])` gives (a test keeps them equal), without
    building it: a plain launch skips argparse's message catalogue look-ups (~3 ms)."""
    return argparse.Namespace(files=[], screenshot=None, theme=None)


def _version_text() -> str:
    return f"{appinfo.APP_NAME} {appinfo.VERSION}"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `verbatim` command and `python -m desktop`."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and args_list[0] in SUBCOMMANDS:
            args = build_parser().parse_args(args_list)
            if args.library:
                os.environ[URL_VARIABLE] = args.library
            module = _command_module(args.command)
            return int(module.run(args))
        gui_args = build_gui_parser().parse_args(args_list) if args_list else _no_gui_arguments()
        if gui_args.screenshot and len(gui_args.files) > 1:
            build_gui_parser().error("--screenshot takes at most one FILE")
        gc.disable()  # no cyclic collection over the window's imports (on after its paint)
        try:
            from desktop.ui.app import run_gui  # Qt is imported only for the window

            return run_gui(gui_args)
        finally:
            gc.enable()
    except TranscriptImportError as exc:
        print(f"verbatim: {shown(exc.path)}: {exc.reason}", file=sys.stderr)
        return EXIT_INPUT
    except VerbatimError as exc:
        print(f"verbatim: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # writing output or Verbatim's own files (a full disk, say)
        from desktop.core.storage import os_reason

        where = shown(exc.filename) if exc.filename else "output"
        print(f"verbatim: {where}: {os_reason(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if type(exc).__module__.split(".")[0] != "psycopg":
            raise
        # the team library's server went away (or refused) in the middle of a command
        from desktop.core.team.connection import translate

        print(f"verbatim: {translate(exc, os.environ.get(URL_VARIABLE, ''))}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
