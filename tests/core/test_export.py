"""Every export format, read back with its own reader; verification before writing; atomic
writes; escaping for HTML, Markdown, CSV formula cells and BibTeX."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from desktop import appinfo
from desktop.core.citations import CitationRecord, record_from_transcript
from desktop.core.export import (
    EXPORTERS,
    ExportItem,
    ExportRequest,
    UnknownFormatError,
    export,
    render,
)
from desktop.core.export.bibtex import bib_title, escape
from desktop.core.export.spreadsheet import neutralise
from desktop.core.importers import import_file
from desktop.core.model import Role, Source, Speaker, Transcript, Turn
from desktop.core.quotes import QuotesNotVerifiedError, find_quote
from tests.core.citation_fixtures import GOLDEN, QUOTE

GOLDEN_DIR = Path("/work/shared/docs/citations-golden")
WHEN = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
SUEDE = "I was at the NATO summit before I came here [ndlr : en Suède] for the OSCE meeting"

MARKUP = Transcript(
    Source("/data/markup & co.txt", "b" * 64, "labelled", "utf-8"),
    speakers=(Speaker("x", "Dr. <Evil> & Co", Role.INTERVIEWEE),),
    turns=(Turn("x", "Say *bold* and <script>alert(1)</script> & [link](http://x) # done."),),
)


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return import_file(str(Path(__file__).resolve().parents[2] / "resources/sample-interview.txt"))


def request(sample: Transcript, style: str = "apa", **extra: object) -> ExportRequest:
    golden = find_quote(sample, QUOTE)
    elided = find_quote(sample, "a new aggression … would be a mistake")
    suede = find_quote(sample, SUEDE)
    markup = find_quote(MARKUP, "Say *bold* and <script>alert(1)</script> & [link](http://x)")
    assert golden and elided and suede and markup
    items = [
        ExportItem(golden, note='=HYPERLINK("http://evil")', tags=("nato", "-risk")),
        ExportItem(elided, note="+shortened"),
        ExportItem(suede, tags=("@place",)),
        ExportItem(markup, note="<b>not bold</b>"),
    ]
    record = GOLDEN
    return ExportRequest(
        items=items,
        sources={sample.source.path: sample, MARKUP.source.path: MARKUP},
        records={sample.source.path: record},
        style=style,
        exported_at=WHEN,
        **extra,  # type: ignore[arg-type]
    )


def test_registry_lists_all_ten_formats() -> None:
    assert list(EXPORTERS) == [
        "md", "txt", "html", "docx", "csv", "json", "pdf", "csl-json", "ris", "bibtex",
    ]  # fmt: skip
    with pytest.raises(UnknownFormatError):
        render(ExportRequest([], {}), "odt")


def test_markdown(sample: Transcript, tmp_path: Path) -> None:
    text = export(request(sample), "md", tmp_path / "q.md").read_text("utf-8")
    assert "> “a new aggression against Ukraine would be a mistake”" in text
    assert "> “a new aggression … would be a mistake”" in text
    assert "Say \\*bold\\* and \\<script\\>alert(1)\\</script\\>" in text
    assert "*Antony Blinken: “In case of Russian aggression in Ukraine, we will respond.”*" in text
    assert sample.source.sha256 in text and appinfo.VERSION in text
    assert "2025-01-15T12:00:00+00:00" in text


def test_plain_text(sample: Transcript, tmp_path: Path) -> None:
    text = export(request(sample), "txt", tmp_path / "q.txt").read_text("utf-8")
    assert "1. “a new aggression against Ukraine would be a mistake”" in text
    assert "Antony Blinken (interviewee), para. 2, sample-interview.txt" in text
    assert "(Koutsokosta, 2021, para. 2)" in text
    assert "Note: =HYPERLINK" in text  # plain text is not a spreadsheet: kept as written
    assert f"Source: sample-interview.txt (SHA-256 {sample.source.sha256})" in text
    assert f"Source: markup & co.txt (SHA-256 {'b' * 64})" in text


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.italic: list[str] = []
        self._in_i = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        self._in_i = tag == "i"

    def handle_endtag(self, tag: str) -> None:
        self._in_i = False if tag == "i" else self._in_i

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_i:
            self.italic.append(data)


def test_html_is_escaped_and_well_formed(sample: Transcript, tmp_path: Path) -> None:
    page = export(request(sample), "html", tmp_path / "q.html").read_text("utf-8")
    parser = _Collector()
    parser.feed(page)
    assert "script" not in parser.tags
    assert parser.tags.count("b") == 5  # only our own labels: 3 notes, 2 tag lists
    text = "".join(parser.text)
    # the speaker as citations name them: the honorific is no part of the name
    assert "<script>alert(1)</script>" in text and "<Evil> & Co (interviewee)" in text
    assert "<b>not bold</b>" in text
    assert parser.italic == [
        "Antony Blinken: “In case of Russian aggression in Ukraine, we will respond.”"
    ]


def test_docx_reads_back(sample: Transcript, tmp_path: Path) -> None:
    path = export(request(sample), "docx", tmp_path / "q.docx")
    document = docx.Document(str(path))
    quotes = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Quote"
    ]
    assert quotes[0] == "“a new aggression against Ukraine would be a mistake”"
    assert quotes[2] == f"“{SUEDE}”"
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert italic == [
        "Antony Blinken: “In case of Russian aggression in Ukraine, we will respond.”"
    ]
    assert sample.source.sha256 in "\n".join(p.text for p in document.paragraphs)


def test_csv_reads_back_with_formula_cells_neutralised(sample: Transcript, tmp_path: Path) -> None:
    path = export(request(sample), "csv", tmp_path / "q.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8-sig"))))
    assert len(rows) == 4
    assert rows[0]["quote"] == "“a new aggression against Ukraine would be a mistake”"
    assert rows[0]["note"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["tags"] == "nato; -risk"
    assert rows[1]["note"] == "'+shortened"
    assert rows[2]["tags"] == "'@place"
    assert rows[0]["sha256"] == sample.source.sha256
    assert rows[0]["locator"] == "para. 2"
    for row in rows:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    assert [neutralise(v) for v in ("=1", "+1", "-1", "@a", "a=b")] == [
        "'=1", "'+1", "'-1", "'@a", "a=b",
    ]  # fmt: skip


def test_json_reads_back(sample: Transcript, tmp_path: Path) -> None:
    data = json.loads(export(request(sample), "json", tmp_path / "q.json").read_text("utf-8"))
    first = data["quotes"][0]
    assert first["text"] == QUOTE
    assert sample.turns[first["anchor"]["turn"]].text[
        first["anchor"]["start"] : first["anchor"]["end"]
    ] == QUOTE  # fmt: skip
    assert data["quotes"][1]["words"] == "a new aggression … would be a mistake"
    assert data["quotes"][1]["anchor"]["elisions"]
    assert first["citation"]["in_text"] == "(Koutsokosta, 2021, para. 2)"
    assert "<i>" in first["citation"]["html"]["reference"]
    assert data["exported_by"] == {"app": appinfo.APP_NAME, "version": appinfo.VERSION}
    assert data["sources"][0]["sha256"] == sample.source.sha256


def test_pdf_shows_curly_quotes_accents_and_ellipsis(sample: Transcript, tmp_path: Path) -> None:
    path = export(request(sample), "pdf", tmp_path / "q.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "“a new aggression against Ukraine would be a mistake”" in flat
    assert "a new aggression … would be a mistake" in flat
    assert "Suède" in flat
    assert sample.source.sha256[:32] in flat.replace(" ", "")


# --- references ----------------------------------------------------------------------------


def test_csl_json_matches_the_golden_record(sample: Transcript, tmp_path: Path) -> None:
    items = json.loads(export(request(sample), "csl-json", tmp_path / "r.json").read_text("utf-8"))
    golden = json.loads((GOLDEN_DIR / "golden.csl.json").read_text("utf-8"))[0]
    assert items[0] == golden
    assert items[1]["type"] == "interview" and items[1]["author"] == [
        {"family": "Co", "given": "<Evil> &"}  # the honorific is no given name
    ]


def parse_ris(text: str) -> list[dict[str, list[str]]]:
    """A small RIS reader: `TAG  - value` lines, records closed by `ER`."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^([A-Z][A-Z0-9])  - ?(.*)$", line)
        if not match:
            continue
        tag, value = match.groups()
        if tag == "ER":
            records.append(current)
            current = {}
        else:
            current.setdefault(tag, []).append(value)
    return records


def test_ris_matches_the_golden_record(sample: Transcript, tmp_path: Path) -> None:
    ours = parse_ris(export(request(sample), "ris", tmp_path / "r.ris").read_text("utf-8"))
    golden = parse_ris((GOLDEN_DIR / "golden.ris").read_text("utf-8"))[0]
    assert len(ours) == 2
    assert {k: v for k, v in ours[0].items() if k != "N1"} == {
        k: v for k, v in golden.items() if k != "N1"
    }


def parse_bibtex(text: str) -> dict[str, dict[str, str]]:
    """A small BibTeX reader: entries, brace-balanced `{…}` or bare values."""
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@(\w+)\{([^,]+),", text):
        pos, fields = match.end(), {"ENTRYTYPE": match.group(1)}
        while True:
            field = re.compile(r"\s*(\w+)\s*=\s*").match(text, pos)
            if not field:
                break
            pos = field.end()
            if text[pos] == "{":
                depth, start = 0, pos
                while True:
                    depth += {"{": 1, "}": -1}.get(text[pos], 0) if text[pos - 1] != "\\" else 0
                    pos += 1
                    if depth == 0:
                        break
                value = text[start + 1 : pos - 1]
            else:
                bare = re.compile(r"[^,}\s]+").match(text, pos)
                assert bare
                value, pos = bare.group(), bare.end()
            fields[field.group(1)] = value
            pos = text.index(",", pos) + 1 if text[pos:].lstrip().startswith(",") else pos
        entries[match.group(2)] = fields
    return entries


def test_bibtex_matches_the_golden_record(sample: Transcript, tmp_path: Path) -> None:
    ours = parse_bibtex(export(request(sample), "bibtex", tmp_path / "r.bib").read_text("utf-8"))
    golden = parse_bibtex((GOLDEN_DIR / "golden.bib").read_text("utf-8"))["blinken2021euronews"]
    entry = ours["blinken2021euronews"]
    for name in ("ENTRYTYPE", "author", "title", "howpublished", "year", "month", "url"):
        assert entry[name] == golden[name], name
    assert entry["note"].endswith("Accessed 15~January 2025")
    (markup,) = (e for key, e in ours.items() if key != "blinken2021euronews")
    assert markup["author"] == r"Co, <Evil> \&"


def test_bibtex_escapes_specials_and_braces_proper_nouns() -> None:
    assert escape("50% of R&D costs $3 #1 a_b {x} ~ ^") == (
        r"50\% of R\&D costs \$3 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{}"
    )
    assert bib_title("Profits & losses at NATO: what 100% means") == (
        r"Profits \& Losses at {NATO}: What 100\% Means"
    )


# --- safety --------------------------------------------------------------------------------


def test_an_invented_quote_cannot_be_exported(sample: Transcript, tmp_path: Path) -> None:
    good = request(sample)
    invented = dataclasses.replace(good.items[0].quote, text="we will invade Ukraine tomorrow")
    bad = dataclasses.replace(good, items=[*good.items, ExportItem(invented)])
    target = tmp_path / "q.md"
    target.write_text("previous export", "utf-8")
    for fmt in EXPORTERS:
        with pytest.raises(QuotesNotVerifiedError) as caught:
            export(bad, fmt, target)
        assert [f.quote.text for f in caught.value.failures] == ["we will invade Ukraine tomorrow"]
    assert target.read_text("utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.md"]  # no temp files left


def test_a_changed_source_stops_the_export(sample: Transcript, tmp_path: Path) -> None:
    good = request(sample)
    turns = list(sample.turns)
    turns[1] = dataclasses.replace(turns[1], text=turns[1].text.replace("a mistake", "an error"))
    changed = dataclasses.replace(sample, turns=tuple(turns))
    bad = dataclasses.replace(good, sources={**good.sources, sample.source.path: changed})
    with pytest.raises(QuotesNotVerifiedError) as caught:
        export(bad, "json", tmp_path / "q.json")
    # the full and the shortened quote are both gone; the other quote in that turn is intact
    assert [f.quote.text for f in caught.value.failures] == [QUOTE, QUOTE]
    assert not (tmp_path / "q.json").exists()


def test_atomic_replace_of_an_existing_file(sample: Transcript, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    export(request(sample), "txt", target)
    assert target.read_text("utf-8").startswith("Quotes")
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_every_style_exports(sample: Transcript) -> None:
    for style in ("apa", "mla", "chicago-notes", "chicago-author-date", "harvard", "ieee", "ap"):
        text = render(request(sample, style=style), "txt").decode("utf-8")
        assert "Citation style:" in text
    ap_text = render(request(sample, style="ap"), "txt").decode("utf-8")
    assert "“A new aggression against Ukraine would be a mistake,” Secretary of State" in ap_text
    assert "References" not in ap_text  # AP has no reference list


def test_inferred_record_when_no_details_are_given(sample: Transcript) -> None:
    req = dataclasses.replace(request(sample), records={})
    text = render(req, "txt").decode("utf-8")
    assert isinstance(record_from_transcript(sample), CitationRecord)
    assert "(Euronews, n.d., para. 2)" in text  # group author (A5, A7), no year in the source


def test_numbered_and_shortened_citations_across_quotes(sample: Transcript) -> None:
    ieee = render(request(sample, style="ieee"), "txt").decode("utf-8")
    assert "[1] E. Koutsokosta" in ieee  # the interview, first used
    assert "[2] " in ieee and "[2, para. 1]" in ieee  # the second source, numbered 2
    notes = render(request(sample, style="chicago-notes"), "txt").decode("utf-8")
    assert notes.count("interview by Efi Koutsokosta, Euronews") == 1  # one full note
    assert notes.count("Blinken, interview.") == 2  # then short notes


def test_ap_export_names_each_person_in_full_once(sample: Transcript) -> None:
    """AP-2 in exports as on the clipboard: full name and title at a person's first quote,
    the surname after (each entry used to repeat the first reference)."""
    text = render(request(sample, style="ap"), "txt").decode("utf-8")
    assert text.count("Secretary of State Antony Blinken said") == 1
    assert text.count("” Blinken said") == 2  # the next two quotes of his
    assert "” <Evil> & Co said" in text  # another person: a first reference, in full


def test_locator_is_recomputed_from_the_current_source(sample: Transcript) -> None:
    good = request(sample)
    first = sample.turns[0]
    longer = dataclasses.replace(first, text=first.text + "\n\nA second paragraph.")
    grown = dataclasses.replace(sample, turns=(longer, *sample.turns[1:]))
    req = dataclasses.replace(good, sources={**good.sources, sample.source.path: grown})
    data = json.loads(render(req, "json"))
    assert data["quotes"][0]["locator"] == "para. 3"  # was para. 2 when the quote was taken
