"""Every sentence the window says about a core error or a quote's status, in one place.

Why one module: the core raises exceptions with fields (path, problem, reason, status) and
writes no UI prose; each panel used to build its own sentences from them. Here each error type
and each `QuoteStatus` has one wording, so the same problem reads the same wherever it shows
(status bar, dialog, tooltip) and a translation has one file to cover.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from desktop.core.citations.record import CitationDetailsError
from desktop.core.errors import VerbatimError, shown
from desktop.core.importers import own_exports
from desktop.core.quotes import QuoteAnchorError, QuoteFailure, QuotesNotVerifiedError
from desktop.core.search import QuerySyntaxError
from desktop.core.workspace import (
    AddResult,
    CorrectionKind,
    NotInLibraryError,
    QuoteStatus,
    RefreshResult,
    SpeakerCorrectionError,
    TranscriptImportError,
)

#: Why a board quote is flagged, as the board explains it (keys: `QuoteStatus` values, and
#: "stale" for a quote flagged before this session checked it).
STATUS_SENTENCES: Final = {
    QuoteStatus.MOVED.value: "The words are still in the source, but elsewhere: use Re-anchor "
    "to follow them.",
    QuoteStatus.CHANGED.value: "The source changed: these words are no longer there as quoted.",
    QuoteStatus.MISSING.value: "These words are no longer in the source.",
    QuoteStatus.NO_SOURCE.value: "The source file cannot be found or read.",
    "stale": "The source changed since this quote was taken.",
}

_SPEAKER_PROBLEMS: Final = {
    "empty-name": "a speaker name cannot be empty",
    "self-merge": "a speaker cannot be merged into itself",
    "no-speaker": "that speaker is not in the transcript any more",
    "no-role": "that is not a role Verbatim knows",
}


def reason(exc: BaseException) -> str:
    """What went wrong, as a phrase (no capital, no full stop) for "… could not …: {reason}"."""
    if isinstance(exc, SpeakerCorrectionError):
        return _SPEAKER_PROBLEMS.get(exc.problem, exc.problem)
    if isinstance(exc, NotInLibraryError):
        return "the transcript is not in the library"
    if isinstance(exc, QuerySyntaxError):
        return exc.hint
    if isinstance(exc, QuoteAnchorError | CitationDetailsError):
        return exc.reason
    found = getattr(exc, "reason", None)
    return str(found) if found else str(exc) or exc.__class__.__name__


def error_sentence(exc: BaseException, path: str | Path | None = None) -> str:
    """A sentence for the user about a failed import (never a traceback)."""
    if isinstance(exc, TranscriptImportError):
        name = shown(Path(exc.path).name or exc.path)  # a newline or RTL mark shown escaped
        where = f" (line {exc.line})" if exc.line is not None else ""
        return f"“{name}” {exc.reason}{where}."
    if isinstance(exc, VerbatimError):  # a damaged library, a full disk: the sentence says it
        return f"{exc}."
    name = shown(Path(path).name) if path is not None else "The file"
    return f"“{name}” could not be opened: {exc.__class__.__name__}: {exc}."


def status_words(status: str, path: str) -> str:
    """Why one quote does not match its source, naming the file (a phrase)."""
    name = Path(path).name or path
    if status == QuoteStatus.MISSING and not Path(path).is_file():
        status = QuoteStatus.NO_SOURCE
    return {
        QuoteStatus.MOVED.value: f"the words moved within {name}; re-anchor the quote",
        QuoteStatus.CHANGED.value: f"{name} changed: the words there are different now",
        QuoteStatus.MISSING.value: f"the words are no longer in {name}",
        QuoteStatus.NO_SOURCE.value: f"{name} cannot be found or read",
    }.get(str(status), f"{name}: {status}")


def short(text: str, limit: int = 60) -> str:
    """One line of at most `limit` characters (quoted words in a message)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _failure_words(failure: QuoteFailure) -> str:
    return status_words(failure.status.value, failure.quote.source_path)


def copy_refused(exc: BaseException) -> str:
    """Why Copy with Citation put nothing on the clipboard."""
    if isinstance(exc, QuotesNotVerifiedError) and exc.failures:
        first = exc.failures[0]
        return (
            f"Not copied: “{short(first.quote.words())}” does not match its source any more "
            f"({_failure_words(first)})."
        )
    return f"Not copied: {reason(exc)}"


def export_refused(exc: BaseException) -> tuple[str, str, str]:
    """(title, text, detail) of the box saying why nothing was exported."""
    if isinstance(exc, QuotesNotVerifiedError):
        failures: Sequence[QuoteFailure] = exc.failures
        text = (
            "1 quote no longer matches its source:" if len(failures) == 1
            else f"{len(failures)} quotes no longer match their sources:"
        )
        detail = "\n".join(
            f"• “{short(f.quote.words())}” — {_failure_words(f)}" for f in failures
        )
        detail += "\n\nShow each one in the reader to re-anchor it, or remove it."
        return "Nothing was exported", text, detail
    return "Export failed", "The quotes could not be exported.", str(exc)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def quotes_count(count: int) -> str:
    """"1 quote" / "3 quotes"."""
    return plural(count, "quote")


def correction_done(kind: CorrectionKind, name: str, value: str, shown_value: str) -> str:
    """What a speaker correction did (`shown_value`: the merge target's name)."""
    if kind is CorrectionKind.RENAME:
        return f"“{name}” is now “{value}” in this transcript."
    if kind is CorrectionKind.MERGE:
        return f"“{name}” merged into “{shown_value}”."
    return f"“{name}” is now {value}."


def correction_failed(exc: BaseException) -> str:
    return f"The speaker could not be changed: {reason(exc)}."


def index_unavailable(reason: str) -> str:
    """The index cannot be read and another Verbatim owns it (`reason`: "missing", "damaged",
    "outdated", as `IndexUnavailableError` says)."""
    return (
        f"The library's search index is {reason} and another Verbatim is using it; "
        "search the open transcript, or close the other window and try again."
    )


def index_rebuilt(reason: str, transcripts: int) -> str:
    """The index was rebuilt from the library (`reason` as `OpenedIndex.reason`)."""
    return (
        f"The search index was {reason}; it was rebuilt from the library "
        f"({plural(transcripts, 'transcript')})."
    )


def added(result: AddResult) -> str:
    """What adding files and folders to the library did."""
    parts = []
    if result.added:
        parts.append(f"added {plural(len(result.added), 'transcript')}")
    if result.updated:
        parts.append(f"updated {len(result.updated)}")
    if result.moved:
        parts.append(f"found {len(result.moved)} moved")
    if result.unchanged:
        parts.append(f"{len(result.unchanged)} already there")
    exports = sum(1 for _, why in result.skipped if why == own_exports.REASON)
    if exports:
        parts.append(f"left out {plural(exports, 'Verbatim quote export')}")
    if result.failed:
        first = Path(result.failed[0][0]).name
        parts.append(f"{len(result.failed)} could not be read (“{first}” {result.failed[0][1]})")
    if result.cancelled:
        parts.append("stopped before the end")
    if result.index_pending:
        parts.append("search will include them once the other Verbatim closes")
    if not parts:
        return "No transcripts found there."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def refreshed(result: RefreshResult) -> str:
    """What checking the library's files found ("" when nothing changed)."""
    parts = []
    if result.updated:
        parts.append(f"{plural(len(result.updated), 'changed file')} re-imported")
    if result.missing:
        parts.append(f"{plural(len(result.missing), 'file')} missing (kept, flagged)")
    if result.changed:
        parts.append(f"{plural(len(result.changed), 'file')} no longer readable")
    if not parts:
        return ""
    return "Library: " + "; ".join(parts) + "."
