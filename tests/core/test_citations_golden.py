"""Every golden string of citations.md §5 (5.1–5.7), plain text and HTML, plus the rules the
styles are built from (title/sentence case, nested quotes, punctuation inside quotes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from html import unescape as html_unescape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.citations import (
    ELISION,
    STYLES,
    CiteOptions,
    Locator,
    Person,
    QuotationStyle,
    Quoted,
    UnknownStyleError,
    cite,
    get_style,
    missing_fields,
)
from desktop.core.citations.typography import (
    close_with,
    nest,
    quoted,
    sentence_case,
    smarten,
    title_case,
)
from tests.core.citation_fixtures import GOLDEN, QUOTE, URL, as_html, plain

TODAY = dt.date(2025, 1, 15)  # the access date of the golden record: not the year cited
PARA = Locator(paragraph=7)  # the `para. N` token of the golden strings, N computed elsewhere
STAMP = Locator(seconds=195)  # the `3:15` token
OPTIONS = CiteOptions(today=TODAY)


def q(locator: Locator | None = None, text: str = QUOTE) -> Quoted:
    return Quoted(text=text, locator=locator)


def check(styled_text: object, golden: str) -> None:
    """Plain text equals the golden string without italics; HTML has them as `<i>`."""
    assert styled_text.plain == plain(golden)  # type: ignore[attr-defined]
    assert styled_text.html == as_html(golden)  # type: ignore[attr-defined]


# --- 5.1 APA 7 -----------------------------------------------------------------------------


def test_apa_reference_published_interview() -> None:
    check(
        cite("apa", GOLDEN).reference,
        "Koutsokosta, E. (2021, December 2). *Antony Blinken: “In case of Russian aggression in "
        "Ukraine, we will respond.”* Euronews. https://www.euronews.com/EXAMPLE-PATH",
    )


def test_apa_parenthetical_and_narrative_in_text() -> None:
    c = cite("apa", GOLDEN, q(PARA), OPTIONS)
    assert c.in_text.plain == "(Koutsokosta, 2021, para. 7)"
    assert f"{c.quote.plain} {c.in_text.plain}." == (
        "“a new aggression against Ukraine would be a mistake” (Koutsokosta, 2021, para. 7)."
    )
    check(
        c.attribution,
        "In an interview with Euronews, Blinken said that “a new aggression against Ukraine "
        "would be a mistake” (Koutsokosta, 2021, para. 7).",
    )


def test_apa_lowercases_first_letter_when_integrating_a_capitalised_quote() -> None:
    c = cite("apa", GOLDEN, q(PARA, "A new aggression against Ukraine would be a mistake"))
    assert "said that “a new aggression" in c.attribution.plain


def test_apa_video_uploader_is_author_and_site_omitted() -> None:
    video = dataclasses.replace(GOLDEN, medium="video", byline=None)
    c = cite("apa", video, q(STAMP))
    check(
        c.reference,
        "Euronews. (2021, December 2). *Antony Blinken: “In case of Russian aggression in "
        "Ukraine, we will respond”* [Video]. https://www.euronews.com/EXAMPLE-PATH",
    )
    assert c.in_text.plain == "(Euronews, 2021, 3:15)"


# --- 5.2 MLA 9 -----------------------------------------------------------------------------

MLA_REF = (
    "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will "
    "Respond.’” Interview by Efi Koutsokosta. *Euronews*, 2 Dec. 2021, "
    "www.euronews.com/EXAMPLE-PATH."
)


def test_mla_works_cited() -> None:
    check(cite("mla", GOLDEN).reference, MLA_REF)


def test_mla_in_text_forms() -> None:
    c = cite("mla", GOLDEN, q(PARA), OPTIONS)
    check(
        c.attribution,
        "Blinken told Euronews that “a new aggression against Ukraine would be a mistake.”",
    )
    assert f"… would be a mistake” {c.in_text.plain}." == "… would be a mistake” (Blinken)."
    assert cite("mla", GOLDEN, q(STAMP)).in_text.plain == "(Blinken 03:15)"


# --- 5.3 Chicago notes and bibliography ----------------------------------------------------

CH_TITLE_NOTE = "“Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will Respond,’”"


def test_chicago_full_note_short_note_and_bibliography() -> None:
    first = cite("chicago-notes", GOLDEN, q(), CiteOptions(today=TODAY, note_number=1))
    check(
        first.note,
        f"1. Antony Blinken, {CH_TITLE_NOTE} interview by Efi Koutsokosta, *Euronews*, "
        f"December 2, 2021, {URL}.",
    )
    second = cite("chicago-notes", GOLDEN, q(), CiteOptions(today=TODAY, note_number=2))
    check(second.short_note, "2. Blinken, interview.")
    check(
        first.reference,
        "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We Will "
        "Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        "https://www.euronews.com/EXAMPLE-PATH.",
    )


def test_chicago_short_note_alternatives() -> None:
    """AMB-7's rule-based alternative `2. Blinken, “Antony Blinken.”` when asked for (two
    sources by one interviewee), the short title alone without an interviewee, and the CSL
    time stamp after either."""
    titled = CiteOptions(today=TODAY, note_number=2, short_title=True)
    check(cite("chicago-notes", GOLDEN, q(), titled).short_note, "2. Blinken, “Antony Blinken.”")
    check(
        cite("chicago-notes", GOLDEN, q(STAMP), titled).short_note,
        "2. Blinken, “Antony Blinken,” at 3:15.",
    )
    nobody = dataclasses.replace(GOLDEN, interviewees=())
    plain_options = CiteOptions(today=TODAY, note_number=3)
    check(cite("chicago-notes", nobody, q(), plain_options).short_note, "3. “Antony Blinken.”")
    bare = dataclasses.replace(nobody, title=None)
    check(cite("chicago-notes", bare, q(), plain_options).short_note, "3. Interview.")


def test_chicago_note_without_number_for_word_processor_footnotes() -> None:
    note = cite("chicago-notes", GOLDEN).note.plain
    assert note.startswith("Antony Blinken, “Antony Blinken:")


def test_chicago_broadcast_note() -> None:
    video = dataclasses.replace(GOLDEN, medium="video", duration="12:40")
    golden = (
        f"1. Antony Blinken, {CH_TITLE_NOTE} interview by Efi Koutsokosta, *Euronews*, "
        "December 2, 2021, video, [duration], https://www.euronews.com/EXAMPLE-PATH."
    )
    check(
        cite("chicago-notes", video, None, CiteOptions(note_number=1)).note,
        golden.replace("[duration]", "12:40"),
    )


# --- 5.4 Chicago author-date ---------------------------------------------------------------


def test_chicago_author_date() -> None:
    c = cite("chicago-author-date", GOLDEN, q())
    check(
        c.reference,
        "Blinken, Antony. 2021. “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, We "
        "Will Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        "https://www.euronews.com/EXAMPLE-PATH.",
    )
    assert c.in_text.plain == "(Blinken 2021)"
    assert cite("chicago-author-date", GOLDEN, q(STAMP)).in_text.plain == "(Blinken 2021, 3:15)"


# --- 5.5 Harvard (Cite Them Right) ---------------------------------------------------------


def test_harvard_reference_and_in_text() -> None:
    c = cite("harvard", GOLDEN, q(PARA), OPTIONS)
    check(
        c.reference,
        "Blinken, A. (2021) ‘Antony Blinken: “In case of Russian aggression in Ukraine, we will "
        "respond”’. Interview with Antony Blinken. Interviewed by Efi Koutsokosta for *Euronews*, "
        "2 December. Available at: https://www.euronews.com/EXAMPLE-PATH (Accessed: 15 January "
        "2025).",
    )
    assert c.in_text.plain == "(Blinken, 2021)"
    check(
        c.attribution,
        "Blinken (2021) said that ‘a new aggression against Ukraine would be a mistake’.",
    )


# --- 5.6 IEEE ------------------------------------------------------------------------------


def test_ieee_reference_and_in_text() -> None:
    c = cite("ieee", GOLDEN, q(STAMP))
    check(
        c.reference,
        "[1] E. Koutsokosta, “Antony Blinken: ‘In case of Russian aggression in Ukraine, we will "
        "respond,’” *Euronews*, Dec. 2, 2021. Accessed: Jan. 15, 2025. [Online]. Available: "
        "https://www.euronews.com/EXAMPLE-PATH",
    )
    assert c.in_text.plain == "[1, 3:15]"
    assert cite("ieee", GOLDEN, q()).in_text.plain == "[1]"
    assert cite("ieee", GOLDEN, q()).attribution.plain.startswith(
        "Blinken said in an interview [1] that"
    )


# --- 5.7 AP attribution sentences ----------------------------------------------------------


def ap(options: CiteOptions, record: object = GOLDEN, quote: Quoted | None = None) -> str:
    c = cite("ap", record, quote or q(), options)  # type: ignore[arg-type]
    assert c.attribution.html == as_html(c.attribution.plain)  # no italics, escaped the same
    return c.attribution.plain


def test_ap_first_reference_year_not_current() -> None:
    assert ap(OPTIONS) == (
        "“A new aggression against Ukraine would be a mistake,” Secretary of State Antony "
        "Blinken said in an interview with Euronews on Dec. 2, 2021."
    )


def test_ap_same_year_later_reference() -> None:
    options = CiteOptions(today=dt.date(2021, 12, 9), first_reference=False)
    assert ap(options) == (
        "“A new aggression against Ukraine would be a mistake,” Blinken said in an interview "
        "with Euronews on Dec. 2."
    )


def test_ap_long_title_after_the_name() -> None:
    record = dataclasses.replace(
        GOLDEN, interviewees=(Person("Antony Blinken", "U.S. Secretary of State"),)
    )
    options = CiteOptions(today=TODAY, title_position="after")
    assert ap(options, record) == (
        "“A new aggression against Ukraine would be a mistake,” said Antony Blinken, the U.S. "
        "secretary of state, in an interview with Euronews on Dec. 2, 2021."
    )


def test_ap_partial_integrated_quote() -> None:
    options = CiteOptions(today=TODAY, first_reference=False, integrated=True)
    assert ap(options) == (
        "Blinken told Euronews that “a new aggression against Ukraine would be a mistake.”"
    )


def test_ap_omission_uses_spaced_three_dots() -> None:
    options = CiteOptions(today=TODAY, first_reference=False, mention_source=False)
    elided = q(text=f"a new aggression{ELISION}would be a mistake")
    assert ap(options, quote=elided) == "“A new aggression ... would be a mistake,” Blinken said."


def test_ap_quote_within_a_quote() -> None:
    options = CiteOptions(today=TODAY, mention_source=False)
    report = Quoted(
        text="Blinken told us, “A new aggression against Ukraine would be a mistake,” and then "
        "turned to sanctions",
        speaker=Person("the diplomat"),
    )
    assert ap(options, quote=report) == (
        "“Blinken told us, ‘A new aggression against Ukraine would be a mistake,’ and then turned "
        "to sanctions,” the diplomat said."
    )


def test_ap_british_rendering() -> None:
    options = CiteOptions(today=TODAY, first_reference=False, marks=QuotationStyle.UK)
    assert ap(options) == (
        "‘A new aggression against Ukraine would be a mistake’, Blinken said in an interview "
        "with Euronews on 2 December 2021."
    )


def test_ap_attribution_turns_the_quotes_final_period_into_a_comma() -> None:
    """AP-3/PUNC-US: the sentence goes on after the quote, so its period becomes a comma
    inside the closing mark; `?` and `!` belong to the quote and stand without a comma."""
    said = q(text="No, not publicly.")
    assert ap(OPTIONS, quote=said) == (
        "“No, not publicly,” Secretary of State Antony Blinken said in an interview with "
        "Euronews on Dec. 2, 2021."
    )
    later = CiteOptions(today=TODAY, first_reference=False, mention_source=False)
    assert ap(later, quote=said) == "“No, not publicly,” Blinken said."
    assert ap(later, quote=q(text="Is it over?")) == "“Is it over?” Blinken said."
    assert ap(later, quote=q(text="We will respond!")) == "“We will respond!” Blinken said."
    assert ap(later, quote=q(text="It is up to the U.S.")) == (
        "“It is up to the U.S.,” Blinken said."  # an abbreviation keeps its period
    )
    uk = dataclasses.replace(later, marks=QuotationStyle.UK)
    assert ap(uk, quote=said) == "‘No, not publicly’, Blinken said."
    assert ap(uk, quote=q(text="Is it over?")) == "‘Is it over?’ Blinken said."
    integrated = dataclasses.replace(later, integrated=True, mention_source=True)
    assert ap(integrated, quote=said) == "Blinken told Euronews that “no, not publicly.”"
    assert ap(dataclasses.replace(integrated, marks=QuotationStyle.UK), quote=said) == (
        "Blinken told Euronews that ‘no, not publicly’."
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "In an interview with Euronews, Blinken said that “no, not publicly” "
                "(Koutsokosta, 2021, para. 7)."),
        ("mla", "Blinken told Euronews that “no, not publicly.”"),
        ("chicago-notes", "Blinken told Euronews that “no, not publicly.”"),
        ("chicago-author-date", "Blinken told Euronews that “no, not publicly” (Blinken 2021)."),
        ("harvard", "Blinken (2021) said that ‘no, not publicly’."),
        ("ieee", "Blinken said in an interview [1, para. 7] that “no, not publicly.”"),
    ],
)
def test_sentences_built_around_a_quote_end_with_one_period(style: str, expected: str) -> None:
    """A quote ending in a full stop inside a narrative sentence: the sentence's period goes
    after a parenthetical citation (APA-7 end punctuation, MLA-2), never `.” (…).`"""
    assert cite(style, GOLDEN, q(PARA, "No, not publicly."), OPTIONS).attribution.plain == expected
    asked = cite(style, GOLDEN, q(PARA, "Is it over?"), OPTIONS).attribution.plain
    assert "over?" in asked and ".”" not in asked and "?." not in asked.replace("?’.", "")


def test_mla_time_stamp_follows_the_quote_before_the_period() -> None:
    c = cite("mla", GOLDEN, q(STAMP, "No, not publicly."), OPTIONS)
    assert c.attribution.plain == "Blinken told Euronews that “no, not publicly” (03:15)."


def test_clipboard_moves_a_final_period_after_the_parenthetical() -> None:
    from desktop.core.citations import clipboard

    plain, _ = clipboard([cite("apa", GOLDEN, q(PARA, "No, not publicly."), OPTIONS)])
    assert plain.split("\n\n")[0] == "“No, not publicly” (Koutsokosta, 2021, para. 7)."
    plain, _ = clipboard([cite("apa", GOLDEN, q(PARA, "Is it over?"), OPTIONS)])
    assert plain.split("\n\n")[0] == "“Is it over?” (Koutsokosta, 2021, para. 7)"


# --- registry and HTML safety --------------------------------------------------------------


def test_registry_has_the_seven_cli_styles() -> None:
    assert list(STYLES) == [
        "apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee", "ap",
    ]  # fmt: skip
    with pytest.raises(UnknownStyleError):
        get_style("vancouver")


@pytest.mark.parametrize("style", list(STYLES))
def test_transcript_text_is_escaped_in_html(style: str) -> None:
    record = dataclasses.replace(
        GOLDEN, title="<b>Tom & Jerry</b>", outlet="<script>x</script>", byline="A <B>"
    )
    c = cite(style, record, Quoted(text="1 < 2 & <i>not italic</i>"), OPTIONS)
    for part in (c.reference, c.attribution, c.note, c.in_text, c.quote):
        assert "<b>" not in part.html and "<script>" not in part.html
        assert "<i>not italic</i>" not in part.html


def test_missing_fields_reported_per_style() -> None:
    bare = dataclasses.replace(GOLDEN, url=None, accessed=None, byline=None)
    assert missing_fields("apa", bare) == ("byline", "url")
    assert "accessed" in missing_fields("harvard", bare)
    assert missing_fields("mla", GOLDEN) == ()


# --- the rules behind the strings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("the art of war: a study in strategy", "The Art of War: A Study in Strategy"),
        ("NATO is not directed against Russia", "NATO Is Not Directed against Russia"),
        ("what we are fighting for", "What We Are Fighting For"),
        ("a well-known iPhone story", "A Well-Known iPhone Story"),
    ],
)
def test_title_case(given: str, expected: str) -> None:
    assert title_case(given) == expected


@pytest.mark.parametrize(
    ("given", "nouns", "expected"),
    [
        ("Why The Sky Is Blue: A Study Of Light", (), "Why the sky is blue: A study of light"),
        (
            "Talks With Lavrov In Stockholm",
            ("Lavrov", "Stockholm"),
            "Talks with Lavrov in Stockholm",
        ),
        ("What NATO Wants From Russia Now", ("Russia",), "What NATO wants from Russia now"),
        # already sentence case: proper nouns we cannot know about are left alone
        ("in case of Russian aggression", (), "In case of Russian aggression"),
    ],
)
def test_sentence_case(given: str, nouns: tuple[str, ...], expected: str) -> None:
    assert sentence_case(given, frozenset(nouns)) == expected


def test_nested_quotes_flip_both_ways() -> None:
    assert nest('He said "no" twice', QuotationStyle.US) == "He said ‘no’ twice"
    assert nest("He said ‘no’ and didn’t", QuotationStyle.UK) == "He said “no” and didn’t"
    assert smarten('"Yes," she said') == "“Yes,” she said"


def test_punctuation_inside_us_outside_uk() -> None:
    assert close_with("“respond’”", ".") == "“respond.’”"
    assert close_with("‘respond”’", ".", QuotationStyle.UK) == "‘respond”’."
    assert quoted("It ends here.", QuotationStyle.US, ".") == "“It ends here.”"
    assert quoted("Why?", QuotationStyle.US, ",") == "“Why?”"
    assert quoted("Why?", QuotationStyle.UK, ",") == "‘Why?’"
    assert quoted("It ends here.", QuotationStyle.US, ",") == "“It ends here,”"
    assert quoted("It ends here.", QuotationStyle.UK, ",") == "‘It ends here’,"
    assert quoted("I wonder ...", QuotationStyle.US, ".") == "“I wonder ...”"
    assert close_with("no quotes", ".") == "no quotes."


# --- clipboard and robustness --------------------------------------------------------------


def test_clipboard_text_and_html() -> None:
    from desktop.core.citations import clipboard

    apa_plain, apa_html = clipboard([cite("apa", GOLDEN, q(PARA)), cite("apa", GOLDEN, q(PARA))])
    assert apa_plain.split("\n\n") == [
        "“a new aggression against Ukraine would be a mistake” (Koutsokosta, 2021, para. 7)",
        "“a new aggression against Ukraine would be a mistake” (Koutsokosta, 2021, para. 7)",
        cite("apa", GOLDEN).reference.plain,  # the shared reference once
    ]
    assert apa_html.count("<p>") == 3 and "<i>Antony Blinken:" in apa_html
    ap_plain, _ = clipboard([cite("ap", GOLDEN, q(), OPTIONS)])
    assert ap_plain.startswith("“A new aggression against Ukraine would be a mistake,” Secretary")
    notes_plain, _ = clipboard([cite("chicago-notes", GOLDEN, q())])
    assert notes_plain.split("\n\n")[1].startswith("Antony Blinken, “Antony Blinken:")


_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=80, deadline=None)
@given(
    title=st.none() | _text,
    name=st.none() | _text,
    interviewer=st.none() | _text,
    outlet=st.none() | _text,
    published=st.none() | st.sampled_from(["2021", "2021-12", "2021-12-02", "bad", "--12-02"]),
    url=st.none() | _text,
    words=_text,
    style=st.sampled_from(list(STYLES)),
)
def test_any_record_renders_and_escapes(
    title: str | None, name: str | None, interviewer: str | None, outlet: str | None,
    published: str | None, url: str | None, words: str, style: str,
) -> None:  # fmt: skip
    record = dataclasses.replace(
        GOLDEN,
        title=title,
        interviewees=(Person(name),) if name else (),
        interviewer=interviewer,
        byline=interviewer,
        outlet=outlet,
        published=published,
        url=url,
    )
    c = cite(style, record, Quoted(words, locator=PARA), OPTIONS)
    for part in (c.quote, c.in_text, c.note, c.short_note, c.reference, c.attribution):
        stripped = part.html.replace("<i>", "").replace("</i>", "")
        assert "<" not in stripped and ">" not in stripped
        assert html_unescape(stripped) == part.plain
