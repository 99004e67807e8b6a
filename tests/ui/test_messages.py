"""`desktop/ui/messages.py`: every core status and error problem has its sentence."""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import ImportProblem
from desktop.core.quotes import Quote, QuoteFailure, Verification
from desktop.core.search import QuerySyntaxError
from desktop.core.workspace import (
    NotInLibraryError,
    QuotesRefusedError,
    QuoteStatus,
    SpeakerCorrectionError,
    TranscriptImportError,
)
from desktop.ui import messages


def test_every_quote_status_but_exact_has_a_board_sentence_and_a_phrase() -> None:
    for status in QuoteStatus:
        if status is QuoteStatus.EXACT:
            continue
        assert messages.STATUS_SENTENCES[status.value].endswith(".")
        assert "interview.txt" in messages.status_words(status, "/nowhere/interview.txt")


def test_core_errors_become_phrases_without_internal_words() -> None:
    for problem in ("empty-name", "self-merge", "no-speaker", "no-role"):
        phrase = messages.reason(SpeakerCorrectionError(3, "s1", problem))
        assert phrase and problem not in phrase and "s1" not in phrase
    assert "library" in messages.reason(NotInLibraryError(7))
    assert messages.reason(QuerySyntaxError('"open', "close the quotation mark")) == (
        "close the quotation mark"
    )
    bad = TranscriptImportError("/x/a.txt", ImportProblem.EMPTY, "is empty", line=3)
    assert messages.error_sentence(bad) == "“a.txt” is empty (line 3)."


def test_refusals_name_the_words_and_the_file(tmp_path: Path) -> None:
    quote = Quote(str(tmp_path / "talk.txt"), "0" * 64, 0, 0, 5, "Hello")
    failure = QuoteFailure(quote, Verification.CHANGED)
    refused = QuotesRefusedError([failure], {1: QuoteStatus.CHANGED})
    sentence = messages.copy_refused(refused)
    assert sentence.startswith("Not copied: “Hello”") and "talk.txt changed" in sentence
    title, text, detail = messages.export_refused(refused)
    assert title == "Nothing was exported" and "1 quote" in text and "Hello" in detail


def test_adding_a_folder_names_the_exports_it_left_out() -> None:
    from desktop.core.importers.own_exports import REASON
    from desktop.core.workspace import AddResult
    from desktop.ui.messages import added

    result = AddResult(skipped=[("/x/q.md", REASON), ("/x/q.json", REASON), ("/x/a.png", "x")])
    assert added(result) == "Left out 2 Verbatim quote exports."
