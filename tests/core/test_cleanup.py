"""Clean-up never loses words: junk lines out and reported, annotations marked, quotes off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers.cleanup import (
    find_annotations,
    is_junk_line,
    remove_junk,
    strip_framing_quotes,
    strip_html,
    strip_paragraph_quotes,
)
from desktop.core.model import AnnotationKind


@pytest.mark.parametrize(
    "line",
    [
        "[ad_1]",
        "[ad_2]",
        "Source link",
        "Leave a Comment",
        "Leave a Reply",
        "An official website of the United States Government",
        "Here’s how you know",
        "Official websites use .gov",
        "Secure .gov websites use HTTPS",
        "Back to Top",
        "English | Français | Deutsch",
        "English Français Español",
        "EN | FR | DE | ES",
        "Tags: Russia, United States, NATO",
        "Photo by: Reuters",
        "Today: Tuesday, 6 March 2018",
        "This article was automatically translated from Russian.",
        "Cet article a été traduit automatiquement.",
        "Dieser Artikel wurde maschinell übersetzt.",
        "Este artículo fue traducido automáticamente.",
        "© 2021 Euronews. All rights reserved.",
        "Transcribed by https://otter.ai",
        "END  12:45 P.M. EST",
        "* * *",
        "----------",
        "Antony Blinken at the OSCE meeting in Stockholm. © AFP",
    ],
)
def test_junk_lines(line: str) -> None:
    assert is_junk_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Source of the problem is the budget.",
        "Leave a comment on the record, please.",
        "I speak English and French.",
        "English is my second language.",
        "Today we will talk about the budget.",
        "The photo by the river was taken in May.",
        "We translated the treaty ourselves.",
        "Efi Koutsokosta, euronews:",
        "“NATO is not directed against Russia”",
        "MR. EARNEST:  Good afternoon.",
        "Section 230(c) of the law protects them.",
        "He showed me the photo: it was old.",
    ],
)
def test_speech_and_labels_are_not_junk(line: str) -> None:
    assert not is_junk_line(line)


def test_headline_repeated_with_the_site_name_is_removed() -> None:
    text = "Blinken: we will respond\n\nBlinken: we will respond – Euronews\n\nWords.\n"
    cleaned = remove_junk(text, title="Blinken: we will respond")
    assert cleaned.removed == ("Blinken: we will respond – Euronews (repeated headline)",)


def test_remove_junk_reports_and_keeps_paragraphs() -> None:
    text = "Headline here\n\n[ad_1]\n\nSpeech one.\n\nSource link\n\nHeadline here\n"
    cleaned = remove_junk(text, title="Headline here")
    assert cleaned.removed == ("[ad_1]", "Source link", "Headline here (repeated headline)")
    assert cleaned.text.count("\n") == text.count("\n")  # blank lines replace removed ones
    assert "Speech one." in cleaned.text
    assert cleaned.text.count("Headline here") == 1


@pytest.mark.parametrize(
    ("text", "marked", "kind"),
    [
        ("He has not. (Laughter.)", "(Laughter.)", AnnotationKind.STAGE),
        ("Does he? (inaudible)", "(inaudible)", AnnotationKind.INAUDIBLE),
        ("We were [inaudible 4:55] there.", "[inaudible 4:55]", AnnotationKind.INAUDIBLE),
        ("We were [crosstalk] there.", "[crosstalk]", AnnotationKind.INAUDIBLE),
        ("I came here [ndlr : en Suède] for it.", "[ndlr : en Suède]", AnnotationKind.EDITORIAL),
        ("Yes. (as translated)", "(as translated)", AnnotationKind.EDITORIAL),
        ("It was their [sic] choice.", "[sic]", AnnotationKind.EDITORIAL),
        ("plaisir ? \\[rire\\]", "\\[rire\\]", AnnotationKind.STAGE),
        ("plaisir ? [rire]", "[rire]", AnnotationKind.STAGE),
        ("(APPLAUSE) Thank you.", "(APPLAUSE)", AnnotationKind.STAGE),
        ("to start with [no audio]", "[no audio]", AnnotationKind.INAUDIBLE),
        (
            "He met [the Russian minister] twice.",
            "[the Russian minister]",
            AnnotationKind.EDITORIAL,
        ),
    ],
)
def test_annotations_are_found_and_text_is_unchanged(
    text: str, marked: str, kind: AnnotationKind
) -> None:
    found = find_annotations(text)
    assert [(text[a.start : a.end], a.kind) for a in found] == [(marked, kind)]


@pytest.mark.parametrize(
    "text",
    [
        "The treaty (signed in 1987) is dead.",
        "Read the [report](https://example.org) first.",
        "At [00:01:23] we started.",
        "No brackets at all.",
    ],
)
def test_speech_in_brackets_is_not_an_annotation(text: str) -> None:
    assert find_annotations(text) == ()


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("“Is a meeting in preparation?”", "Is a meeting in preparation?"),
        ("“Is it? “", "Is it?"),  # broken: opened with “ and closed with “
        ("Are we close to a confrontation? “", "Are we close to a confrontation?"),
        ("« Bonsoir. »", "Bonsoir."),
        ('"Plain quotes."', "Plain quotes."),
        ("“A “hybrid attack” on the border? “", "A “hybrid attack” on the border?"),
        ("“First paragraph of a long answer,", "First paragraph of a long answer,"),
        # not framing: quotation inside, or a quote that closes before the end
        ("“Yes,” he said, “we will.”", "“Yes,” he said, “we will.”"),
        ("He called it “defense”.", "He called it “defense”."),
        ("The word “defense”", "The word “defense”"),
        ("No quotes here.", "No quotes here."),
        ("“", "“"),
    ],
)
def test_framing_quotes(paragraph: str, expected: str) -> None:
    assert strip_paragraph_quotes(paragraph) == expected


def test_framing_quotes_around_a_multi_paragraph_turn() -> None:
    turn = "“The first part,\n\nand the second part.”"
    assert strip_framing_quotes(turn) == "The first part,\n\nand the second part."
    # the print convention: every paragraph opens, only the last one closes
    turn = "“One.\n\n“Two.\n\n“Three.”"
    assert strip_framing_quotes(turn) == "One.\n\nTwo.\n\nThree."


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”«»\"'?.")), max_size=30))
def test_framing_quote_removal_only_removes_quote_marks(paragraph: str) -> None:
    result = strip_paragraph_quotes(paragraph)
    words = [c for c in paragraph if c not in "“”«»\"' "]
    assert [c for c in result if c not in "“”«»\"' "] == words
    assert len(result) <= len(paragraph)


def test_html_show_notes_are_stripped_but_quoted_tags_stay() -> None:
    notes = "<p>Show notes:</p>\n<ul><li>News &amp; picks</li></ul>\n<p>Recorded live.</p>"
    text, count = strip_html(notes)
    assert "<" not in text
    assert "News & picks" in text
    assert count == 8
    speech = "ALICE: We wrote <b>bold</b> and <script>x</script> on the board."
    assert strip_html(speech) == (speech, 0)
