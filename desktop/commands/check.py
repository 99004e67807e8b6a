"""`verbatim check TEXT [--in FILE] [--speaker NAME] [--json]` and
`verbatim check --draft FILE [--in FILE] [--json]`: is this quote what they said?

Exit codes: 0 every quote verbatim, 3 any quote not, 1 bad input, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import VerbatimError
from desktop.core.quotecheck import (
    CheckResult,
    DraftItem,
    Match,
    Op,
    Scope,
    TranscriptScope,
    Verdict,
    check_draft,
    read_draft,
)
from desktop.core.user_library import has_library, open_user_workspace
from desktop.core.workspace import read_transcript

HELP = "check a quote (or every quote of a draft) against a transcript or the library"

EPILOG = """verdicts: verbatim (the source's words), altered (words dropped, added or changed;
[-source-]{+quote+} shows each change, "marked" when the quote shows it with … or [ ]),
stitched (the source's words from two or more places), wrong_speaker (said by someone else),
not_found (nothing close; the nearest passages are listed).
exit status: 0 every quote verbatim, 3 any quote not, 1 bad input, 2 usage"""

EXIT_ALL_VERBATIM, EXIT_NOT_VERBATIM = 0, 3


class EmptyLibraryError(VerbatimError):
    """Nothing to check against."""

    def __init__(self) -> None:
        super().__init__(
            "the library is empty; add transcripts with `verbatim index PATH...` "
            "or check against one file with --in FILE"
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("text", metavar="TEXT", nargs="?", help="the quote to check")
    parser.add_argument("--draft", metavar="FILE",
                        help="check every quote of an article draft (text, Markdown or DOCX)")
    parser.add_argument("--in", dest="file", metavar="FILE",
                        help="check against this transcript only (default: the whole library)")
    parser.add_argument("--speaker", metavar="NAME",
                        help="who the quote is attributed to (any part of the name)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.draft is None):
        _usage("give either TEXT or --draft FILE")
    if args.draft is not None and args.speaker is not None:
        _usage("--speaker is for one quote; a draft names its speakers itself")
    if args.text is not None and not args.text.strip():
        _usage("TEXT is empty")
    draft = read_draft(args.draft) if args.draft is not None else None
    with scope_for(args.file) as scope:
        if draft is not None:
            items = check_draft(draft, scope)
            if not items:
                print(f"verbatim: {args.draft}: no quotations of three words or more found",
                      file=sys.stderr)
            _print({"items": [i.to_json_dict() for i in items]} if args.json
                   else format_items(items), as_json=args.json)
            results = [i.result for i in items]
        else:
            result = scope.check(args.text, args.speaker)
            _print(result.to_json_dict() if args.json else format_result(result),
                   as_json=args.json)
            results = [result]
    return exit_status(results)


def exit_status(results: list[CheckResult]) -> int:
    """0 when every quote is verbatim, 3 otherwise."""
    return EXIT_ALL_VERBATIM if all(r.is_verbatim for r in results) else EXIT_NOT_VERBATIM


def _usage(message: str) -> None:
    print(f"usage: verbatim check TEXT [--in FILE] [--speaker NAME] [--json]\n"
          f"       verbatim check --draft FILE [--in FILE] [--json]\n"
          f"verbatim check: error: {message}", file=sys.stderr)
    raise SystemExit(2)


@contextmanager
def scope_for(file: str | None) -> Iterator[Scope]:
    """Through the user's workspace: one transcript (`--in FILE`: the library's copy, with the
    user's speaker corrections, when the library holds it) or the whole library."""
    if not has_library():
        if file is None:
            raise EmptyLibraryError
        yield TranscriptScope(read_transcript(file))
        return
    with open_user_workspace() as ws:
        if file is not None:
            yield ws.check_scope(file)
            return
        if not ws.entries():
            raise EmptyLibraryError
        opened = ws.open_index()
        if opened.rebuilt and opened.reason != "missing":
            print(f"verbatim: the search index was {opened.reason}; rebuilt it from the library",
                  file=sys.stderr)
        yield ws.check_scope()


def _print(data: object, *, as_json: bool) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(str(data))


# -- text output ----------------------------------------------------------------------------

_LABELS = {
    Verdict.VERBATIM: "VERBATIM",
    Verdict.ALTERED: "ALTERED",
    Verdict.STITCHED: "STITCHED",
    Verdict.WRONG_SPEAKER: "WRONG SPEAKER",
    Verdict.NOT_FOUND: "NOT FOUND",
}


def format_result(result: CheckResult, *, attributed: str | None = None) -> str:
    """A verdict and its passages as readable lines (the diff as [-source-]{+quote+})."""
    speaker = attributed if attributed is not None else result.speaker
    who = f" (attributed to {speaker})" if speaker else ""
    lines = [f"{_LABELS[result.verdict]}: “{result.quote}”{who}"]
    if result.verdict is Verdict.NOT_FOUND and result.matches:
        lines.append("  nearest passages:")
    for match in result.matches:
        lines.append(f"  {_where(match)}")
        if result.verdict is Verdict.VERBATIM or result.verdict is Verdict.STITCHED:
            lines.append(f"    “{match.text}”")
        else:
            lines.append(f"    {word_diff(match)}")
        marked = [c for c in match.changes if c.marked]
        if marked and len(marked) == len(match.changes):
            lines.append("    every change is marked in the quote (… or [ ])")
    return "\n".join(lines) + "\n"


def format_items(items: list[DraftItem]) -> str:
    """Every quote of a draft, in order."""
    if not items:
        return ""
    return "\n".join(format_result(i.result, attributed=i.quote.speaker) for i in items)


def _where(match: Match) -> str:
    speaker = match.speaker or "(no speaker)"
    return (f"{speaker} · {match.title} · turn {match.turn + 1} · "
            f"{round(match.similarity * 100)}% · {Path(match.path).name}")


def word_diff(match: Match) -> str:
    """The source's words with the quote's changes: [-dropped-] {+added+}, marked ones
    flagged with a *."""
    parts: list[str] = []
    for step in match.diff:
        star = "*" if step.marked else ""
        if step.op is Op.EQUAL:
            parts.append(step.source)
        elif step.op is Op.DELETE:
            parts.append(f"[-{step.source}-]{star}")
        elif step.op is Op.INSERT:
            parts.append(f"{{+{step.quote}+}}{star}")
        else:
            parts.append(f"[-{step.source}-]{{+{step.quote}+}}{star}")
    return " ".join(parts)
