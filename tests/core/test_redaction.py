"""Redaction on the way out: matching rules, quotes marked as altered, and no redacted name
left anywhere in the bytes of any export format (docx XML and PDF text decoded)."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import unicodedata
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from desktop.cli import main
from desktop.core.citations import cite, cite_all, clipboard, record_from_transcript
from desktop.core.export import EXPORTERS, ExportItem, ExportRequest, render
from desktop.core.importers import import_file
from desktop.core.model import Transcript
from desktop.core.quotes import find_quote, verify
from desktop.core.redaction import (
    Redaction,
    RedactionFileError,
    Rule,
    RuleKind,
    load_file,
    redact_citations,
    redact_records,
    redact_value,
    rule_for_term,
    save_file,
)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
WHEN = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
LAVROV = "What I can tell you is that Sergey Lavrov will return our discussions to President Putin."
ELIDED = "Sergey Lavrov will return our discussions … President Putin"
SECRET = ("lavrov", "sergey", "sergei", "blinken", "antony", "tony@example.org", "555 0134")


@pytest.fixture(scope="module")
def sample() -> Transcript:
    return import_file(SAMPLE)


def test_rules_match_words_not_parts_of_words() -> None:
    r = Redaction.of(["Sergey Lavrov=[Source A]", "email", "phone"])
    assert r.apply("Lavrov's aide met Sergey\nLavrov, not Lavrova.") == (
        "[Source A]'s aide met [Source A], not Lavrova."
    )
    assert r.apply("Mail tony@example.org or call +1 (202) 555-0134 now") == (
        "Mail [redacted] or call [redacted] now"
    )
    assert r.apply("On 2021-12-02 at 10:15, in 2014, 3.5 per cent") == (
        "On 2021-12-02 at 10:15, in 2014, 3.5 per cent"
    )  # dates, times, years and figures are not phone numbers
    assert r.apply("Sergey said") == "[Source A] said"  # a part of the name names him too
    accents = Redaction.of(["Jose Lopez", "Zoë"])
    assert accents.apply("José López, JOSE and Zoe met Zoë") == "[redacted], [redacted] and " \
        "[redacted] met [redacted]"
    phrase = Redaction.of(["the embassy garden"])
    assert phrase.apply("At The Embassy  garden, then the embassy") == (
        "At [redacted], then the embassy"
    )


def test_stand_ins_in_quotes_are_bracketed() -> None:
    rule = Rule(RuleKind.NAME, "Lavrov", "Source A")
    assert rule.stand_in(quoted=True) == "[Source A]" and rule.stand_in(quoted=False) == "Source A"
    assert Redaction((rule,)).apply("Lavrov said", quoted=True) == "[Source A] said"
    assert rule_for_term("sanctions regime").kind is RuleKind.PHRASE
    assert rule_for_term("E-mail").kind is RuleKind.EMAIL


def test_quote_keeps_its_elisions_and_the_source_is_untouched(sample: Transcript) -> None:
    quote = find_quote(sample, ELIDED)
    assert quote is not None and quote.elisions
    before = sample.turns[quote.turn].text
    redacted = redact_value(quote, Redaction.of(["Lavrov"]))
    assert redacted.words() == "Sergey [redacted] will return our discussions … President Putin"
    assert quote.words().startswith("Sergey Lavrov")  # the stored quote is a value: unchanged
    assert sample.turns[quote.turn].text == before and verify(quote, sample).value == "exact"


def request(sample: Transcript, redaction: Redaction | None) -> ExportRequest:
    first = find_quote(sample, LAVROV)
    second = find_quote(sample, ELIDED)
    assert first and second
    items = [
        ExportItem(first, note="Ask Lavrov's office: tony@example.org, +1 202 555 0134",
                   tags=("lavrov", "diplomacy")),
        ExportItem(second, note="Blinken on Lavrov"),
    ]  # fmt: skip
    record = dataclasses.replace(record_from_transcript(sample), key="blinken2021lavrov")
    return ExportRequest(items=items, sources={sample.source.path: sample},
                         records={sample.source.path: record}, style="apa", exported_at=WHEN,
                         redaction=redaction)  # fmt: skip


def output_text(data: bytes, format_id: str) -> str:
    """Everything a reader of the file could see, decoded."""
    if format_id == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if format_id == "pdf":
        reader = PdfReader(io.BytesIO(data))
        pages = "\n".join(page.extract_text() for page in reader.pages)
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        return pages + meta + data.decode("latin-1")
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("format_id", list(EXPORTERS))
def test_no_redacted_name_in_any_format(sample: Transcript, format_id: str) -> None:
    plain = output_text(render(request(sample, None), format_id), format_id).casefold()
    assert "lavrov" in plain or "blinken" in plain  # the unredacted export does name them
    redaction = Redaction.of(["Sergey Lavrov=[Source A]", "Sergei", "Antony Blinken=Source B",
                              "email", "phone"])  # fmt: skip
    text = output_text(render(request(sample, redaction), format_id), format_id).casefold()
    for secret in SECRET:
        assert secret not in text, (format_id, secret)
    if EXPORTERS[format_id].kind == "quotes":
        compact = " ".join(text.replace("\\", "").split())  # Markdown escapes [ ]
        assert "will return our discussions to president putin" in compact
        assert "[source a] will return our discussions" in compact


def test_json_anchor_and_citation_fields(sample: Transcript) -> None:
    redaction = Redaction.of(["Lavrov=[Source A]"])
    data = json.loads(render(request(sample, redaction), "json"))
    quote = data["quotes"][0]
    assert quote["text"] == LAVROV.replace("Lavrov", "[Source A]")
    assert quote["words"] == quote["text"] and "Lavrov" not in json.dumps(data)
    assert quote["tags"] == ["[Source A]", "diplomacy"]
    assert data["quotes"][1]["words"].startswith("Sergey [Source A] will return")


def test_citation_details_name_the_pseudonym(sample: Transcript) -> None:
    redaction = Redaction.of(["Antony Blinken=Source B"])
    records = redact_records({"s": record_from_transcript(sample)}, redaction)
    ref = cite("apa", records["s"]).reference.plain
    csl = json.loads(render(request(sample, redaction), "csl-json"))
    assert csl[0]["author"] == [{"literal": "Source B"}]
    assert "Source B" in ref and "Blinken" not in ref


def test_copy_with_citation_plain_and_html(sample: Transcript) -> None:
    quote = find_quote(sample, LAVROV)
    assert quote is not None
    redaction = Redaction.of(["Lavrov", "Antony Blinken=Source B"])
    for style in ("apa", "ap", "chicago-notes"):
        records = redact_records({sample.source.path: record_from_transcript(sample)}, redaction)
        citations = cite_all(style, [(quote.source_path, quote.quoted())], records)
        plain, html = clipboard(redact_citations(citations, redaction))
        for text in (plain, html):
            assert "Lavrov" not in text and "Blinken" not in text, style
            assert "Sergey [redacted] will return" in text


def test_redaction_files(tmp_path: Path) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("# people\nSergey Lavrov=[Source A]\n\nphone\n", encoding="utf-8")
    redaction = load_file(listed)
    assert [r.kind for r in redaction.rules] == [RuleKind.NAME, RuleKind.PHONE]
    saved = tmp_path / "list.json"
    save_file(redaction, saved)
    assert load_file(saved).rules == redaction.rules
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": [{"kind": "colour"}]}', encoding="utf-8")
    with pytest.raises(RedactionFileError, match="unknown kind"):
        load_file(bad)
    with pytest.raises(RedactionFileError, match="not found"):
        load_file(tmp_path / "missing.txt")


@pytest.mark.parametrize("format_id", ["md", "json", "csv", "html"])
def test_cli_export_done_when(
    tmp_path: Path, format_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"q.{format_id}"
    args = ["export", str(SAMPLE), "--quote", LAVROV, "--format", format_id, "-o", str(out)]
    assert main([*args, "--redact", "Lavrov"]) == 0
    text = out.read_text("utf-8-sig")
    assert "Lavrov" not in text
    assert "What I can tell you is that Sergey [redacted] will return our discussions to " \
           "President Putin" in text.replace("\\", "")  # Markdown escapes [ ]
    assert main([*args, "--redact-file", str(tmp_path / "none.txt")]) == 1
    assert "none.txt: file not found" in capsys.readouterr().err


def test_cli_cite_redacts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", str(SAMPLE), "--quote", LAVROV, "--style", "ap", "--json",
                 "--redact", "Lavrov", "--redact", "Antony Blinken=Source B"]) == 0  # fmt: skip
    text = capsys.readouterr().out
    assert "Lavrov" not in text and "Blinken" not in text and "[redacted]" in text


def test_library_list_is_stored_in_the_library_file(tmp_path: Path) -> None:
    from desktop.core import redaction_store

    db = tmp_path / "library.sqlite3"
    assert not redaction_store.load(db)
    assert not db.exists()  # reading creates no library file
    rules = Redaction.of(["Sergey Lavrov=[Source A]", "email", "secret phrase"])
    redaction_store.save(rules, db)
    assert redaction_store.load(db).rules == rules.rules
    redaction_store.save(Redaction(), db)
    assert redaction_store.load(db).rules == ()


def test_anchor_context_is_redacted_in_the_prepared_document(sample: Transcript) -> None:
    from desktop.core.export import prepare

    after_name = find_quote(sample, "will return our discussions to President Putin")
    assert after_name is not None and "Lavrov" in after_name.before  # the anchor's context
    redaction = Redaction.of(["Sergey Lavrov"])
    document = prepare(ExportRequest([ExportItem(after_name)], {sample.source.path: sample},
                                     redaction=redaction))  # fmt: skip
    quote = document.entries[0].item.quote
    assert "Lavrov" not in quote.before and "[redacted]" in quote.before
    assert quote.text == after_name.text  # nothing to take out of the words themselves
    assert any("Redacted on export" in line for line in document.provenance_lines())


def test_cli_stats_redacts_speaker_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(SAMPLE), "--json", "--redact", "Antony Blinken=Source B"]) == 0
    text = capsys.readouterr().out
    data = json.loads(text)
    assert "Blinken" not in text and data["speakers"][0]["name"] == "Source B"
    assert data["speakers"][0]["words"] == 952


NAME_FORMS = ["Lavrov", "LAVROV", "lavrov", "Lávrov", "La\u0301vrov", "Lavrov's", "Lavrov’s",
              "(Lavrov)", "“Lavrov”", "Sergey", "SERGEY", "Sergey\nLavrov",
              "Sergey  Lavrov"]  # fmt: skip
OTHER = ["Lavrova", "lavrovian", "Sergeyevich", "said", "Putin", "2021-12-02", "met", "—", ""]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(NAME_FORMS + OTHER), max_size=30),
       st.sampled_from([" ", "\n", ", ", " – "]), st.booleans())  # fmt: skip
def test_no_form_of_a_redacted_name_survives(words: list[str], sep: str, quoted: bool) -> None:
    """Whatever the case, accents, apostrophe or line break, the name and its parts go and
    every other word stays (Lavrova is another person)."""
    text = sep.join(words)
    out = Redaction.of(["Sergey Lavrov=[Source A]"]).apply(text, quoted=quoted)
    bare = "".join(c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c))
    folded = re.sub(r"[^\w\s]", " ", bare).casefold().split()
    assert "lavrov" not in folded and "sergey" not in folded
    kept = [w for w in words if w in OTHER and w]
    for word in kept:
        assert word in out


def test_a_name_running_into_an_elided_part_is_still_taken_out(sample: Transcript) -> None:
    from desktop.core.quotes import with_elisions

    quote = find_quote(sample, "Sergey Lavrov will return our discussions to President Putin")
    assert quote is not None
    text = sample.turns[quote.turn].text
    gap_start = text.index("Lavrov will", quote.start)
    gap_end = text.index(" our discussions", quote.start)
    shortened = with_elisions(quote, [(gap_start, gap_end)])
    assert shortened.words() == "Sergey … our discussions to President Putin"
    redacted = redact_value(shortened, Redaction.of(["Sergey Lavrov"]))
    assert "Lavrov" not in redacted.text and "Sergey" not in redacted.text
    assert redacted.words() == "[redacted] … our discussions to President Putin"
    assert redacted.end - redacted.start == len(redacted.text)


def test_every_string_of_the_citation_details_is_redacted(sample: Transcript) -> None:
    from desktop.core.citations import Person

    record = dataclasses.replace(
        record_from_transcript(sample),
        interviewees=(Person("Sergey Lavrov", "aide to Antony Blinken"),),
        place="Lavrov's dacha", byline="Antony Blinken", key="lavrov2021",
    )  # fmt: skip
    redacted = redact_records({"s": record}, Redaction.of(["Sergey Lavrov=[Source A]",
                                                          "Antony Blinken=Source B"]))["s"]
    text = json.dumps(redacted.to_mapping(), ensure_ascii=False) + redacted.citation_key
    assert "Lavrov" not in text and "Blinken" not in text and "lavrov" not in text
    assert redacted.interviewees[0].family == "Source A"  # one family name, no initials
    assert redacted.interviewees[0].role == "aide to Source B"


def test_the_workspace_applies_the_library_list_to_copy_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import paths
    from desktop.core.workspace import Workspace, redaction_list, save_redaction_list

    data_dir = paths.user_data_dir()
    with Workspace.open(data_dir) as ws:
        transcript = ws.open_file(SAMPLE).transcript
        turn = next(i for i, t in enumerate(transcript.turns) if "Sergey Lavrov will" in t.text)
        start = transcript.turns[turn].text.index("Sergey Lavrov will")
        added = ws.add_quotes(transcript, [(turn, start, start + len("Sergey Lavrov will return"))],
                              note="call Lavrov")  # fmt: skip
        save_redaction_list(data_dir, Redaction.of(["Lavrov=[Source A]"]))
        assert redaction_list(data_dir).rules == ws.redaction().rules
        cited = ws.copy([added[0].id], "apa")
        assert "Lavrov" not in cited.plain + cited.html and "[Source A]" in cited.plain
        written = ws.export(None, "json", tmp_path / "board.json")
        assert "Lavrov" not in written.read_text("utf-8")
    # the command line's board export adds its own terms to the library's list
    out = tmp_path / "board.md"
    args = ["export", "--board", "--format", "md", "-o", str(out)]
    assert main(args) == 0
    assert "Sergey" in out.read_text("utf-8") and "Lavrov" not in out.read_text("utf-8")
    assert main([*args, "--redact", "Sergey"]) == 0
    text = out.read_text("utf-8")
    assert "Lavrov" not in text and "Sergey" not in text and "will return" in text
