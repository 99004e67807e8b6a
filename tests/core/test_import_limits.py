"""Files that cannot be transcripts are refused with one clear reason; markup stays text."""

from __future__ import annotations

import json
import os
import struct
import zlib
from pathlib import Path

import pytest

from desktop.core.errors import ImportProblem, TranscriptImportError
from desktop.core.importers import bounded_read, import_bytes, import_file, registry


def refuse(path: Path) -> TranscriptImportError:
    with pytest.raises(TranscriptImportError) as caught:
        import_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.reason and "\n" not in error.reason and "Traceback" not in error.reason
    return error


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def test_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.srt"  # the extension lies; the content decides
    path.write_bytes(png_bytes())
    error = refuse(path)
    assert error.problem is ImportProblem.BINARY
    assert "PNG image" in error.reason


def test_random_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 64)
    assert refuse(path).problem in (ImportProblem.BINARY, ImportProblem.ENCODING)


def test_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tool.vtt"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    error = refuse(path)
    assert error.problem is ImportProblem.BINARY and "program" in error.reason


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.srt"
    path.write_bytes(content)
    assert refuse(path).problem is ImportProblem.EMPTY


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "interviews.vtt"
    folder.mkdir()
    error = refuse(folder)
    assert error.problem is ImportProblem.DIRECTORY
    assert "folder" in error.reason


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert refuse(tmp_path / "nowhere.srt").problem is ImportProblem.NOT_FOUND


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("this user can read a chmod 000 file (root)")
        error = refuse(path)
        assert error.problem is ImportProblem.UNREADABLE
        assert "cannot be read" in error.reason
    finally:
        path.chmod(0o600)


def test_permission_error_while_reading_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as chmod 000, for runs as root (who can read anything)."""
    path = tmp_path / "locked.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")

    real_open = os.open

    def denied(file: object, flags: int, *args: object) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(bounded_read.os, "open", denied)
    error = refuse(path)
    assert error.problem is ImportProblem.UNREADABLE
    assert error.reason == "cannot be read (Permission denied)"


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "MAX_BYTES", 1000)
    path = tmp_path / "big.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\n" + "word " * 400 + "\n", encoding="utf-8")

    def never(fd: int, size: int) -> bytes:
        raise AssertionError("a file over the limit must not be read")

    monkeypatch.setattr(bounded_read.os, "read", never)
    error = refuse(path)
    assert error.problem is ImportProblem.TOO_LARGE
    assert "limit" in error.reason


def test_bytes_over_the_size_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MAX_BYTES", 100)
    with pytest.raises(TranscriptImportError) as caught:
        import_bytes(b"Hello. " * 50, Path("big.txt"))
    assert caught.value.problem is ImportProblem.TOO_LARGE


def test_file_just_under_the_limit_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"1\n00:00:01,000 --> 00:00:02,000\nHello.\n"
    monkeypatch.setattr(registry, "MAX_BYTES", len(data))
    path = tmp_path / "small.srt"
    path.write_bytes(data)
    assert import_file(path).turns[0].text == "Hello."


def test_unknown_forced_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n", encoding="utf-8")
    with pytest.raises(TranscriptImportError) as caught:
        import_file(path, format="no-such-format")
    assert caught.value.problem is ImportProblem.UNKNOWN_FORMAT


# --- markup is text ---------------------------------------------------------------------------

MARKUP = '<b>bold</b> <script>alert("x")</script> <img src=x onerror=alert(1)> &amp;'


@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_markup_in_a_text_transcript_stays_literal(name: str) -> None:
    transcript = import_bytes(f"Some words.\n\n{MARKUP}\n".encode(), Path(name))
    joined = "\n".join(t.text for t in transcript.turns)
    assert MARKUP in joined


def test_markup_in_subtitles_stays_literal_except_subtitle_formatting() -> None:
    data = f"1\n00:00:01,000 --> 00:00:02,000\n{MARKUP}\n".encode()
    [turn] = import_bytes(data, Path("x.srt")).turns
    # <b> is SRT's own bold markup; everything else is the speaker's text, untouched.
    assert turn.text == 'bold <script>alert("x")</script> <img src=x onerror=alert(1)> &amp;'


def test_markup_in_whisper_json_stays_literal() -> None:
    data = json.dumps({"segments": [{"start": 0, "end": 1, "text": MARKUP}]}).encode()
    [turn] = import_bytes(data, Path("x.json")).turns
    assert turn.text == MARKUP


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.json", b"{}"),
        ("numbers.json", b"[1, 2, 3]"),
        ("no-text.otr", b'{"media": "a.mp3"}'),
        ("settings.txt", json.dumps({"a": [1, 2], "b": {"c": "text"}}, indent=2).encode()),
    ],
)
def test_json_that_no_importer_knows_is_refused_not_read_as_prose(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert refuse(path).problem is ImportProblem.NO_TRANSCRIPT


def test_rtf_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "interview.rtf"
    path.write_bytes(rb"{\rtf1\ansi{\fonttbl\f0 Times;}\f0 Q: Hello?\par A: Hi.\par}")
    error = refuse(path)
    assert error.problem is ImportProblem.BINARY and "RTF" in error.reason
