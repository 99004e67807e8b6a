"""Say when unsure: a doubtful parse carries a warning naming what looks wrong (issue 10)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.importers import import_bytes, import_file
from desktop.core.model import Transcript

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _parse(text: str, name: str = "file.txt", fmt: str | None = None) -> Transcript:
    return import_bytes(text.encode("utf-8"), name, format=fmt)


def test_label_like_line_starts_with_no_speakers_found() -> None:
    """Lower-case labels the plain reader does not take: the report says so."""
    text = "".join(
        f"{who}: {words}\n\n"
        for who, words in [("interviewer", "So how did it start?"), ("mary", "In a garage.")] * 4
    )
    transcript = _parse(text, fmt="plain")
    assert not transcript.speakers
    [warning] = [w for w in transcript.report.warnings if "start like speaker labels" in w]
    assert "“interviewer:”" in warning and "no speakers were found" in warning


def test_a_labelled_file_read_right_has_no_such_warning() -> None:
    text = "ALICE: How did it start?\n\nBOB: In a garage.\n\n" * 4
    assert _parse(text).report.warnings == ()


def test_one_voice_asking_and_answering() -> None:
    text = "\n\n".join(["Why did you leave?", "Because the pay was low."] * 4)
    transcript = _parse("HOST: Hello and welcome.\n\nHOST: " + text + "\n")
    [warning] = [w for w in transcript.report.warnings if "alternate" in w]
    assert warning.startswith("“HOST” has 100% of the words")


def test_times_left_inside_the_words() -> None:
    text = "".join(f"and then [0{n}:1{n}] we went on {n}.\n\n" for n in range(1, 5))
    transcript = _parse(text, fmt="plain")
    [warning] = [w for w in transcript.report.warnings if "inside the words" in w]
    assert warning.startswith("4 times are still inside the words (first: “[01:11]”)")


def test_subtitle_speaker_tags_read_as_speakers_leave_no_doubt() -> None:
    """Netflix Spanish subtitles: `[Alba]` tags are the speakers, so nothing to warn about;
    read as plain words (as before issue 10) the same tags raise the warning."""
    path = CORPUS / "webvtt" / "netflix-chicas-del-cable_es_bracket-speakers.vtt"
    transcript = import_file(path)
    assert {"Alba", "Sara", "Carlota"} <= {s.name for s in transcript.speakers}
    assert not any("speaker labels" in w for w in transcript.report.warnings)
    as_plain = import_file(path, format="plain")
    assert any("“[Alba]”" in w for w in as_plain.report.warnings)


def test_a_close_second_that_reads_the_file_differently() -> None:
    """Synthetic: Markdown with `P:`/`R:` questions (the Markdown and the speaker-labelled
    readings score within 0.1) and `Ana:` alone above her words, which only the labelled
    reading takes as a label: the readings disagree about the speakers."""
    parts = "".join(f"# Parte {i}\n\nEsta es la parte {i} de la charla.\n\n" for i in range(3))
    asked = "".join(f"P: ¿Pregunta número {i}?\n\nR: Respuesta número {i}.\n\n" for i in range(19))
    alone = "".join(f"Ana:\nHabla {i}.\n\nLuis:\nContesta {i}.\n\n" for i in range(8))
    transcript = _parse(f"---\ntitle: Charla\n---\n{parts}{asked}{alone}", "talk.md")
    assert transcript.source.format == "markdown"
    [warning] = [w for w in transcript.report.warnings if "looks almost as much like" in w]
    assert warning.endswith("Reopen as Speaker-labelled text")


def test_no_close_second_once_the_labelled_reading_keeps_headings_apart() -> None:
    """A Spanish talk in Markdown with `# Sobre mí` headings and `P:`/`R:` questions: the
    labelled reading glued each heading into the turn above, so the two readings differed
    in their turn counts; with headings read as sections in both, they agree."""
    transcript = import_file(CORPUS / "markdown" / "btctranscripts_drivechain_es_talk.md")
    assert transcript.source.format == "markdown"
    assert not any("looks almost as much like" in w for w in transcript.report.warnings)
    again = import_file(CORPUS / "markdown" / "btctranscripts_drivechain_es_talk.md",
                        format="labelled")
    assert [s.title for s in again.sections] == [s.title for s in transcript.sections]


def test_no_close_second_when_both_readings_agree() -> None:
    """White House gaggle in Markdown: Markdown and labelled score close but read alike."""
    path = CORPUS / "labelled" / "wh_kirby-2024-03-25_moderator-teleconference.md"
    transcript = import_file(path)
    assert not any("looks almost as much like" in w for w in transcript.report.warnings)
