"""`--redact TERM` and `--redact-file FILE`, shared by `export`, `cite`, `kwic` and `stats`
(not a subcommand of its own)."""

from __future__ import annotations

import argparse

from desktop.core.redaction import Redaction, load_file


def add_redaction_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--redact", action="append", default=[], metavar="TERM",
        help="take TERM out of the output (repeat for several): a name (with a capital: its "
        "parts too), a phrase, or the words email / phone for those patterns; TERM=PSEUDONYM "
        "puts the pseudonym in its place (default [redacted]); sources are never changed",
    )  # fmt: skip
    parser.add_argument(
        "--redact-file", metavar="FILE",
        help="a redaction list: one TERM per line (# comments), or the JSON the window saves",
    )  # fmt: skip


def redaction_from_args(args: argparse.Namespace) -> Redaction | None:
    """The redaction the flags ask for, or None when there is none."""
    rules = load_file(args.redact_file).rules if args.redact_file else ()
    redaction = Redaction.of(args.redact, rules)
    return redaction if redaction else None
