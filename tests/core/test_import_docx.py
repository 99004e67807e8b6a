"""DOCX transcripts built in the test with python-docx: labelled paragraphs and tables."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest

from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.importers import import_bytes
from desktop.core.model import Transcript

LINES = [
    "Interviewer: How did the project start?",
    "Jane Doe: It started in 1998, in a garage.",
    "Interviewer: And then?",
    "Jane Doe: Then it grew. Slowly.",
]


def build(paragraphs: Sequence[str] = (), table: list[list[str]] | None = None,
          title: str | None = None) -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def parse(data: bytes, name: str = "interview.docx") -> Transcript:
    return import_bytes(data, Path(name))


def names(transcript: Transcript) -> list[str | None]:
    return [s.name if (s := transcript.speaker(t.speaker)) else None for t in transcript.turns]


def test_labelled_paragraphs_parse_like_the_same_text_file() -> None:
    from_docx = parse(build(LINES))
    from_text = import_bytes("\n\n".join(LINES).encode(), Path("interview.txt"))
    assert from_docx.source.format == "docx"
    assert [t.text for t in from_docx.turns] == [t.text for t in from_text.turns]
    assert names(from_docx) == names(from_text)
    joined = " ".join(t.text for t in from_docx.turns)
    for line in LINES:
        assert line.split(": ", 1)[1] in joined


def test_empty_paragraphs_used_as_spacing() -> None:
    spaced = [part for line in LINES for part in (line, "")]
    assert [t.text for t in parse(build(spaced)).turns] == [
        t.text for t in parse(build(LINES)).turns
    ]


def test_detected_without_extension_and_title_from_properties() -> None:
    transcript = parse(build(LINES, title="Interview with Jane Doe"), "download")
    assert transcript.source.format == "docx"
    assert transcript.metadata.title == "Interview with Jane Doe"


def test_table_with_header_row() -> None:
    table = [
        ["Time", "Speaker", "Text"],
        ["00:00:05", "Interviewer", "How did the project start?"],
        ["00:00:09", "Jane Doe", "It started in 1998."],
        ["00:00:15", "Jane Doe", "In a garage."],
        ["00:01:02", "Interviewer", "And then?"],
    ]
    transcript = parse(build(["Project interview"], table))
    assert names(transcript) == ["Interviewer", "Jane Doe", "Interviewer"]
    assert [t.text for t in transcript.turns] == [
        "How did the project start?",
        "It started in 1998.\n\nIn a garage.",
        "And then?",
    ]
    assert [t.start for t in transcript.turns] == [5.0, 9.0, 62.0]
    assert len(transcript.turns[1].segments) == 2


def test_transcript_split_over_two_tables() -> None:
    document = docx.Document()
    for rows in (
        [["Speaker", "Text"], ["Ann", "First part."], ["Bob", "Second part."]],
        [["Speaker", "Text"], ["Ann", "Third part."], ["Bob", "Fourth part."]],
    ):
        document.add_paragraph("Page")
        grid = document.add_table(rows=len(rows), cols=2)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    transcript = parse(out.getvalue())
    assert names(transcript) == ["Ann", "Bob", "Ann", "Bob"]
    assert [t.text for t in transcript.turns][-1] == "Fourth part."


def test_table_without_header_columns_inferred_from_content() -> None:
    table = [
        ["Q", "0:05", "Where were you born, and where did you grow up?"],
        ["A", "0:12", "In Lyon, and then in a small village near Grenoble."],
        ["Q", "0:30", "What did your parents do for a living back then?"],
        ["A", "0:41", "My father was a baker and my mother taught school."],
    ]
    transcript = parse(build([], table))
    assert names(transcript) == ["Q", "A", "Q", "A"]
    assert [str(s.role) for s in transcript.speakers] == ["interviewer", "interviewee"]
    assert transcript.turns[1].text.startswith("In Lyon")
    assert [t.start for t in transcript.turns] == [5.0, 12.0, 30.0, 41.0]


def test_table_with_time_and_text_only() -> None:
    table = [["Start", "Transcript"], ["00:00:01", "One."], ["00:00:04", "Two."]]
    transcript = parse(build([], table))
    assert [(t.speaker, t.text, t.start) for t in transcript.turns] == [
        (None, "One.", 1.0), (None, "Two.", 4.0)
    ]


def test_layout_table_is_ignored_in_favour_of_paragraphs() -> None:
    transcript = parse(build(LINES, [["Logo", "Address"], ["", ""]]))
    assert "Jane Doe" in " ".join(filter(None, names(transcript))) or any(
        "garage" in t.text for t in transcript.turns
    )
    assert not any(t.text in ("Logo", "Address") for t in transcript.turns)


def test_corrupt_docx_is_refused() -> None:
    data = build(LINES)
    broken = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("word/document.xml")
    # Damage the compressed document body but keep the zip directory readable.
    offset = info.header_offset + 30 + len(info.filename) + 10
    broken[offset : offset + 40] = b"\x00" * 40
    with pytest.raises(TranscriptImportError) as caught:
        parse(bytes(broken))
    assert caught.value.problem in (ImportProblem.MALFORMED, ImportProblem.BINARY,
                                    ImportProblem.NO_TRANSCRIPT)


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.txt", "not a document")
    with pytest.raises(TranscriptImportError) as caught:
        parse(out.getvalue(), "archive.docx")
    assert caught.value.problem is ImportProblem.BINARY


def test_empty_docx_has_no_transcript() -> None:
    with pytest.raises(TranscriptImportError) as caught:
        parse(build([]))
    assert caught.value.problem is ImportProblem.NO_TRANSCRIPT


def test_tracked_changes_read_as_accepted() -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_paragraph("Interviewer: Where did it start?")
    paragraph = document.add_paragraph("Jane Doe: It started ")
    paragraph._p.append(parse_xml(
        f'<w:ins {w} w:id="1" w:author="Ed"><w:r><w:t>in a garage</w:t></w:r></w:ins>'
    ))
    paragraph._p.append(parse_xml(
        f'<w:del {w} w:id="2" w:author="Ed"><w:r><w:delText> DELETED</w:delText></w:r></w:del>'
    ))
    paragraph.add_run(" in 1998.")
    out = io.BytesIO()
    document.save(out)
    words = " ".join(t.text for t in parse(out.getvalue()).turns)
    assert "It started in a garage in 1998." in words
    assert "DELETED" not in words


def test_non_breaking_and_soft_hyphens_are_kept() -> None:
    """Word stores Ctrl+Shift+- as `<w:noBreakHyphen/>`, not text: the words must keep it."""
    document = docx.Document()
    document.add_paragraph("Interviewer: How old were you?")
    paragraph = document.add_paragraph("Ruth: I was twenty")
    run = paragraph.add_run()
    run._r.append(run._r.makeelement(docx.oxml.ns.qn("w:noBreakHyphen"), {}))
    paragraph.add_run("two, in a well")
    soft = paragraph.add_run()
    soft._r.append(soft._r.makeelement(docx.oxml.ns.qn("w:softHyphen"), {}))
    paragraph.add_run("known town.")
    document.add_paragraph("Interviewer: And then?")
    document.add_paragraph("Ruth: Then we moved.")
    out = io.BytesIO()
    document.save(out)
    transcript = import_bytes(out.getvalue(), "hyphen.docx")
    assert transcript.turns[1].text == "I was twenty\u2011two, in a well\u00adknown town."


def test_table_row_with_an_empty_speaker_cell_continues_the_speaker_above() -> None:
    table = [
        ["Time", "Speaker", "Text"],
        ["00:00:05", "Moderator", "Welcome, everyone."],
        ["00:01:30", "P2", "I disagree with that."],
        ["00:01:30", "", "Completely."],
        ["1:02:03", "Moderator", "Let's wrap up."],
    ]
    transcript = parse(build(["Focus group 2"], table))
    assert names(transcript) == ["Moderator", "P2", "Moderator"]
    assert transcript.turns[1].text == "I disagree with that.\n\nCompletely."
    assert [t.start for t in transcript.turns] == [5.0, 90.0, 3723.0]


def test_research_notation_i_and_r_states_the_roles() -> None:
    table = [["I", "How did it start?"], ["R", "By chance."], ["I", "And then?"], ["R", "It grew."]]
    transcript = parse(build([], table))
    assert [(s.name, s.role.value) for s in transcript.speakers] == [
        ("I", "interviewer"),
        ("R", "interviewee"),
    ]
