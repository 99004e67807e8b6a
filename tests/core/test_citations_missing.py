"""The missing-field table of citations.md §1.6, row by row, style by style."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.citations import CitationRecord, CiteOptions, Styled, cite
from tests.core.citation_fixtures import GOLDEN, URL, as_html, plain

APA_T = "*Antony Blinken: “In case of Russian aggression in Ukraine, we will respond.”*"
MLA_T = "“Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will Respond.’”"
NOTE_T = "“Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will Respond,’”"
HV_T = "‘Antony Blinken: “In case of Russian aggression in Ukraine, we will respond”’."
IEEE_T = "“Antony Blinken: ‘In case of Russian aggression in Ukraine, we will respond,’”"
BARE = "www.euronews.com/EXAMPLE-PATH"


def without(**changes: object) -> CitationRecord:
    return dataclasses.replace(GOLDEN, **changes)  # type: ignore[arg-type]


def parts(record: CitationRecord) -> dict[str, Styled]:
    out = {}
    for style in ("apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee"):
        c = cite(style, record, None, CiteOptions())
        out[style] = c.reference
        if style == "chicago-notes":
            out["chicago-note"] = c.note
    return out


ROWS: dict[str, tuple[CitationRecord, dict[str, str]]] = {
    "url (print/broadcast only)": (
        without(url=None),
        {
            "apa": f"Koutsokosta, E. (2021, December 2). {APA_T} Euronews.",
            "mla": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. "
            "*Euronews*, 2 Dec. 2021.",
            "chicago-note": f"Antony Blinken, {NOTE_T} interview by Efi Koutsokosta, *Euronews*, "
            "December 2, 2021.",
            "chicago-notes": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. *Euronews*, "
            "December 2, 2021.",
            "chicago-author-date": f"Blinken, Antony. 2021. {MLA_T} Interview by Efi Koutsokosta. "
            "*Euronews*, December 2, 2021.",
            "harvard": f"Blinken, A. (2021) {HV_T} Interview with Antony Blinken. Interviewed by "
            "Efi Koutsokosta for *Euronews*, 2 December.",
            "ieee": f"[1] E. Koutsokosta, {IEEE_T} *Euronews*, Dec. 2, 2021.",
        },
    ),
    "exact day (year only)": (
        without(published="2021"),
        {
            "apa": f"Koutsokosta, E. (2021). {APA_T} Euronews. {URL}",
            "mla": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. "
            f"*Euronews*, 2021, {BARE}.",
            "chicago-note": f"Antony Blinken, {NOTE_T} interview by Efi Koutsokosta, *Euronews*, "
            f"2021, {URL}.",
            "chicago-notes": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. *Euronews*, "
            f"2021. {URL}.",
            "chicago-author-date": f"Blinken, Antony. 2021. {MLA_T} Interview by Efi Koutsokosta. "
            f"*Euronews*. {URL}.",
            "harvard": f"Blinken, A. (2021) {HV_T} Interview with Antony Blinken. Interviewed by "
            f"Efi Koutsokosta for *Euronews*. Available at: {URL} (Accessed: 15 January 2025).",
            "ieee": f"[1] E. Koutsokosta, {IEEE_T} *Euronews*, 2021. Accessed: Jan. 15, 2025. "
            f"[Online]. Available: {URL}",
        },
    ),
    "date entirely": (
        without(published=None),
        {
            "apa": f"Koutsokosta, E. (n.d.). {APA_T} Euronews. {URL}",
            "mla": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. *Euronews*, {BARE}. "
            "Accessed 15 Jan. 2025.",
            "chicago-note": f"Antony Blinken, {NOTE_T} interview by Efi Koutsokosta, *Euronews*, "
            f"n.d., accessed January 15, 2025, {URL}.",
            "chicago-notes": f"Blinken, Antony. {MLA_T} Interview by Efi Koutsokosta. *Euronews*, "
            f"n.d. Accessed January 15, 2025. {URL}.",
            "chicago-author-date": f"Blinken, Antony. n.d. {MLA_T} Interview by Efi Koutsokosta. "
            f"*Euronews*. Accessed January 15, 2025. {URL}.",
            "harvard": f"Blinken, A. (no date) {HV_T} Interview with Antony Blinken. Interviewed "
            f"by Efi Koutsokosta for *Euronews*. Available at: {URL} (Accessed: 15 January 2025).",
            "ieee": f"[1] E. Koutsokosta, {IEEE_T} *Euronews*. Accessed: Jan. 15, 2025. "
            f"[Online]. Available: {URL}",
        },
    ),
    "title": (
        without(title=None),
        {
            "apa": "Blinken, A. (2021, December 2). [Interview by E. Koutsokosta]. "
            f"Euronews. {URL}",
            "mla": "Blinken, Antony. Interview by Efi Koutsokosta. "
            f"*Euronews*, 2 Dec. 2021, {BARE}.",
            "chicago-note": "Antony Blinken, interview by Efi Koutsokosta, *Euronews*, "
            f"December 2, 2021, {URL}.",
            "chicago-notes": "Blinken, Antony. Interview by Efi Koutsokosta. *Euronews*, "
            f"December 2, 2021. {URL}.",
            "chicago-author-date": "Blinken, Antony. 2021. Interview by Efi Koutsokosta. "
            f"*Euronews*, December 2, 2021. {URL}.",
            "harvard": "Blinken, A. (2021) Interviewed by Efi Koutsokosta for *Euronews*, "
            f"2 December. Available at: {URL} (Accessed: 15 January 2025).",
            "ieee": f"[1] E. Koutsokosta, *Euronews*, Dec. 2, 2021. Accessed: Jan. 15, 2025. "
            f"[Online]. Available: {URL}",
        },
    ),
    "interviewer": (
        without(interviewer=None),
        {
            "mla": f"Blinken, Antony. {MLA_T} Interview. *Euronews*, 2 Dec. 2021, {BARE}.",
            "chicago-note": f"Antony Blinken, {NOTE_T} interview, *Euronews*, December 2, 2021, "
            f"{URL}.",
            "chicago-notes": f"Blinken, Antony. {MLA_T} Interview. *Euronews*, December 2, 2021. "
            f"{URL}.",
            "chicago-author-date": f"Blinken, Antony. 2021. {MLA_T} Interview. *Euronews*, "
            f"December 2, 2021. {URL}.",
            "harvard": f"Blinken, A. (2021) {HV_T} Interview with Antony Blinken. *Euronews*, "
            f"2 December. Available at: {URL} (Accessed: 15 January 2025).",
        },
    ),
}


@pytest.mark.parametrize(
    ("row", "style"), [(row, style) for row, (_, expected) in ROWS.items() for style in expected]
)
def test_missing_field_row(row: str, style: str) -> None:
    record, expected = ROWS[row]
    got = parts(record)[style]
    assert got.plain == plain(expected[style])
    assert got.html == as_html(expected[style])


def test_apa_interviewer_row_interview_description() -> None:
    """APA names no interviewer in a published-article reference (APA-1); where the interviewee
    is the author (no byline, no outlet: APA-2) a missing interviewer leaves `[Interview]`."""
    record = without(interviewer=None, byline=None, outlet=None)
    assert cite("apa", record).reference.plain == (
        "Blinken, A. (2021, December 2). Antony Blinken: “In case of Russian aggression in "
        f"Ukraine, we will respond” [Interview]. {URL}"
    )
    with_interviewer = without(byline=None, outlet=None)
    assert "[Interview by E. Koutsokosta]." in cite("apa", with_interviewer).reference.plain


def test_apa_without_byline_uses_the_outlet_as_group_author() -> None:
    ref = cite("apa", without(byline=None)).reference.plain
    assert ref.startswith("Euronews. (2021, December 2). Antony Blinken:")
    assert ". Euronews. http" not in ref  # the site is not repeated after a group author


def test_lower_case_outlet_is_capitalised_only_where_it_opens_the_entry() -> None:
    c = cite("apa", without(byline=None, outlet="euronews"))
    assert c.reference.plain.startswith("Euronews. (2021, December 2).")
    assert c.in_text.plain == "(euronews, 2021)"


def test_in_text_without_date() -> None:
    record = without(published=None)
    assert cite("apa", record).in_text.plain == "(Koutsokosta, n.d.)"
    assert cite("chicago-author-date", record).in_text.plain == "(Blinken n.d.)"
    assert cite("harvard", record).in_text.plain == "(Blinken, no date)"


def test_empty_record_never_crashes() -> None:
    for style in ("apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee", "ap"):
        c = cite(style, CitationRecord())
        assert "None" not in c.reference.plain + c.note.plain + c.in_text.plain
