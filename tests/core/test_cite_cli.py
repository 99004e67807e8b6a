"""`verbatim cite` and `verbatim export` on the bundled interview: the golden strings of
citations.md for the details given there, refusals with exit 1 and one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from desktop import cli
from desktop.core.export import EXPORTERS
from tests.core.citation_fixtures import URL, as_html, plain

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "sample-interview.txt"
GOLDEN_QUOTE = "A new aggression against Ukraine would be a mistake"
META = {
    "title": "Antony Blinken: “In case of Russian aggression in Ukraine, we will respond”",
    "interviewees": [{"name": "Antony Blinken", "role": "Secretary of State"}],
    "interviewer": "Efi Koutsokosta",
    "byline": "Efi Koutsokosta",
    "outlet": "Euronews",
    "published": "2021-12-02",
    "url": URL,
    "accessed": "2025-01-15",
    "language": "en",
}
#: The golden strings' `para. N`: Blinken's first answer is the transcript's second paragraph.
N = "2"


@pytest.fixture
def meta(tmp_path: Path) -> Path:
    path = tmp_path / "META.json"
    path.write_text(json.dumps(META, ensure_ascii=False), "utf-8")
    return path


def cite_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    code = cli.main(["cite", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--json", *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    data: dict[str, object] = json.loads(out.out)
    return data


GOLDEN = {
    "apa": {
        "reference": "Koutsokosta, E. (2021, December 2). *Antony Blinken: “In case of Russian "
        "aggression in Ukraine, we will respond.”* Euronews. https://www.euronews.com/EXAMPLE-PATH",
        "in_text": f"(Koutsokosta, 2021, para. {N})",
        "attribution": "In an interview with Euronews, Blinken said that “a new aggression "
        f"against Ukraine would be a mistake” (Koutsokosta, 2021, para. {N}).",
    },
    "mla": {
        "reference": "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in "
        "Ukraine, We Will Respond.’” Interview by Efi Koutsokosta. *Euronews*, 2 Dec. 2021, "
        "www.euronews.com/EXAMPLE-PATH.",
        "in_text": "(Blinken)",
        "attribution": "Blinken told Euronews that “a new aggression against Ukraine would be a "
        "mistake.”",
    },
    "chicago-notes": {
        "note": "Antony Blinken, “Antony Blinken: ‘In Case of Russian Aggression in Ukraine, "
        "We Will Respond,’” interview by Efi Koutsokosta, *Euronews*, December 2, 2021, "
        "https://www.euronews.com/EXAMPLE-PATH.",
        "reference": "Blinken, Antony. “Antony Blinken: ‘In Case of Russian Aggression in "
        "Ukraine, We Will Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        "https://www.euronews.com/EXAMPLE-PATH.",
    },
    "chicago-author-date": {
        "reference": "Blinken, Antony. 2021. “Antony Blinken: ‘In Case of Russian Aggression in "
        "Ukraine, We Will Respond.’” Interview by Efi Koutsokosta. *Euronews*, December 2, 2021. "
        "https://www.euronews.com/EXAMPLE-PATH.",
        "in_text": "(Blinken 2021)",
    },
    "harvard": {
        "reference": "Blinken, A. (2021) ‘Antony Blinken: “In case of Russian aggression in "
        "Ukraine, we will respond”’. Interview with Antony Blinken. Interviewed by Efi "
        "Koutsokosta for *Euronews*, 2 December. Available at: "
        "https://www.euronews.com/EXAMPLE-PATH (Accessed: 15 January 2025).",
        "in_text": "(Blinken, 2021)",
        "attribution": "Blinken (2021) said that ‘a new aggression against Ukraine would be a "
        "mistake’.",
    },
    "ieee": {
        "reference": "[1] E. Koutsokosta, “Antony Blinken: ‘In case of Russian aggression in "
        "Ukraine, we will respond,’” *Euronews*, Dec. 2, 2021. Accessed: Jan. 15, 2025. "
        "[Online]. Available: https://www.euronews.com/EXAMPLE-PATH",
    },
    "ap": {
        "attribution": "“A new aggression against Ukraine would be a mistake,” Secretary of "
        "State Antony Blinken said in an interview with Euronews on Dec. 2, 2021.",
    },
}


@pytest.mark.parametrize("style", list(GOLDEN))
def test_cite_json_gives_the_golden_strings(
    style: str, meta: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = cite_json(capsys, "--style", style, "--meta", str(meta))
    assert data["style"] == style
    assert data["words"] == "a new aggression against Ukraine would be a mistake"
    assert data["locator"] == f"para. {N}"
    html = data["html"]
    assert isinstance(html, dict)
    for part, golden in GOLDEN[style].items():
        assert data[part] == plain(golden), part
        assert html[part] == as_html(golden), part
    assert set(data) >= {"quote", "in_text", "note", "reference", "attribution", "html"}


def test_numbered_chicago_note(meta: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = cite_json(capsys, "--style", "chicago-notes", "--meta", str(meta), "--note-number", "1")
    assert str(data["note"]).startswith("1. Antony Blinken, “Antony Blinken:")


def test_plain_output_and_what_the_import_alone_gives(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["cite", str(SAMPLE), "--quote", GOLDEN_QUOTE]) == 0
    out = capsys.readouterr().out
    # from the import alone: outlet "euronews" as group author (A5), written "Euronews" in
    # the in-text citation and the reference alike (A7); no year in the source
    assert "In-text:     (Euronews, n.d., para. 2)" in out
    assert "Reference:   Euronews. (n.d.)." in out
    assert "Missing:" in out and "byline" in out and "published" in out


def test_words_not_in_the_transcript_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["cite", str(SAMPLE), "--quote", "a new aggression against Russia"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"verbatim: {SAMPLE}:")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "is not valid JSON"), ('{"published": "Dec 2"}', "not an ISO 8601 date"),
     ("[1, 2]", "JSON object"), ('{"interviewees": 5}', "list of {name, role}")],
)  # fmt: skip
def test_bad_meta_is_refused(
    content: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    meta = tmp_path / "META.json"
    meta.write_text(content, "utf-8")
    code = cli.main(["cite", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--meta", str(meta)])
    err = capsys.readouterr().err
    assert code == 1 and reason in err and err.count("\n") == 1


def test_unknown_style_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["cite", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--style", "vancouver"])
    assert caught.value.code == 2


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_export_every_format(
    fmt: str, meta: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"quotes.{fmt}"
    code = cli.main([
        "export", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--quote", "No, not publicly.",
        "--format", fmt, "--style", "chicago-notes", "--meta", str(meta), "-o", str(out),
    ])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    data = out.read_bytes()
    assert data
    if fmt == "docx":
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "“No, not publicly.”" in text
    elif fmt == "pdf":
        assert data.startswith(b"%PDF")
    elif fmt in ("csl-json", "ris", "bibtex"):
        assert "Koutsokosta" in data.decode("utf-8")
    else:
        assert "a new aggression against Ukraine would be a mistake" in data.decode("utf-8-sig")


def test_export_refuses_words_not_in_the_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.md"
    code = cli.main([
        "export", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--quote", "we will invade tomorrow",
        "--format", "md", "-o", str(out),
    ])  # fmt: skip
    assert code == 1 and not out.exists()
    assert "we will invade tomorrow" in capsys.readouterr().err


def test_export_to_an_unwritable_place_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main([
        "export", str(SAMPLE), "--quote", GOLDEN_QUOTE, "--format", "txt",
        "-o", "/nonexistent-dir/q.txt",
    ])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("verbatim: /nonexistent-dir/q.txt:")
    assert err.count("\n") == 1


def test_real_entry_point(meta: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "cite", str(SAMPLE), "--quote", GOLDEN_QUOTE,
         "--style", "ap", "--meta", str(meta)],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert GOLDEN["ap"]["attribution"] in done.stdout
