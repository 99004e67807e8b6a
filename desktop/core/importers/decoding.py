"""Bytes to text: BOMs, UTF-8/16/32, legacy encodings, mojibake, line endings and NUL bytes.

Everything changed on the way is described in `repairs`, for the import report. Detection
order is deliberate: a BOM is certain, UTF-8 that decodes is almost certain, UTF-16 without a
BOM shows itself by NUL bytes in alternate positions; only then do we guess a legacy code page
(charset-normalizer), preferring Windows-1252 for Latin text because that is what real
transcripts saved on Windows use.
"""

from __future__ import annotations

import ast
import codecs
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)

#: Legacy encodings of non-Latin scripts that charset-normalizer may rightly detect. For
#: anything else (its guesses for short Latin text are often cp1257 or mac_roman) we use
#: Windows-1252 when the bytes allow it: that is what Word and Notepad wrote for Western
#: languages for decades.
_NON_LATIN_LEGACY = frozenset(
    {
        "cp1251",
        "koi8_r",
        "koi8_u",
        "cp866",
        "iso8859_5",
        "mac_cyrillic",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "iso8859_8",
        "cp1256",
        "iso8859_6",
        "cp874",
        "tis_620",
        "shift_jis",
        "cp932",
        "euc_jp",
        "iso2022_jp",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc_kr",
        "cp949",
        "johab",
        "hz",
    }
)

@cache
def _ftfy_config() -> Any:
    """ftfy's settings, with ftfy imported on first need: most files are UTF-8 without
    mojibake, and ftfy (with charset_normalizer) is ~150 ms of a launch's imports."""
    import ftfy

    return ftfy.TextFixerConfig(
        # Only undo encoding mix-ups: never touch quotes, HTML entities, widths or line
        # breaks, because turn text must stay the source's words.
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def _mojibake_pattern() -> re.Pattern[str]:
    """Complete UTF-8 sequences as they look after a Windows-1252 (or Latin-1) decode.

    Only lead bytes of the scripts transcripts use are included (Latin-1 and Latin
    Extended-A, Greek, Cyrillic, Hebrew, Arabic; punctuation and CJK for three bytes), so
    that rare but real pairs such as `ß£` are never "repaired" into another script.
    """

    def chars(byte_range: range) -> str:
        found: set[str] = set()
        for byte in byte_range:
            for codec in ("cp1252", "latin-1"):
                try:
                    found.add(bytes([byte]).decode(codec))
                except UnicodeDecodeError:
                    continue
        return "".join(re.escape(c) for c in sorted(found))

    cont = f"[{chars(range(0x80, 0xC0))}]"
    lead2 = f"[{chars(range(0xC2, 0xC6))}{chars(range(0xCE, 0xD2))}{chars(range(0xD7, 0xDC))}]"
    punct = f"{chars(range(0xE2, 0xE3))}[{chars(range(0x80, 0x87))}]"  # U+2000-U+21FF
    cjk = f"[{chars(range(0xE3, 0xEA))}]{cont}"
    return re.compile(f"(?:{punct}|{cjk}){cont}|{lead2}{cont}")


_MOJIBAKE = _mojibake_pattern()
#: The characters a `_MOJIBAKE` match starts with: Windows-1252 / Latin-1 decodes of the UTF-8
#: lead bytes above (0xC2-0xE9 decode to U+00C2-U+00E9 in both). A text with none of them has
#: no mojibake, and each is found by a fast substring scan where the pattern's search visits
#: every character (0.4 s for 20 MB).
_MOJIBAKE_LEADS = tuple(
    bytes([byte]).decode("latin-1")
    for byte in (*range(0xC2, 0xC6), *range(0xCE, 0xD2), *range(0xD7, 0xDC), *range(0xE2, 0xEA))
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """Decode transcript bytes; `encoding` forces a codec (the user's "reopen as" choice)."""
    repairs: list[str] = []
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise UndecodableError(f"cannot be read as {encoding}") from exc
        label = encoding
        if text.startswith("\ufeff"):
            text = text[1:]
    else:
        text, label = _detect_and_decode(data, repairs)
    text = _normalise(text, repairs)
    text = unwrap_bytes_literals(text, repairs)
    text = repair_mojibake(text, repairs)
    return DecodedText(text, label, tuple(repairs))


#: A line that is a whole Python bytes literal (`b'<div>…\n…\xc2\xa0…'`): a page a scraper
#: saved with `str(response.content)`, its newlines and UTF-8 bytes written out as escapes.
_BYTES_LITERAL = re.compile(r"""[ \t]*b(?P<q>['"]).{20,}(?P=q)[ \t]*""")


def unwrap_bytes_literals(text: str, repairs: list[str]) -> str:
    """Lines holding a Python bytes literal replaced by the text it stands for (UTF-8);
    a line that is not a valid literal of UTF-8 bytes is kept as written."""
    if "b'" not in text and 'b"' not in text:
        return text  # most files: one substring test
    lines = text.split("\n")
    count = 0
    for index, line in enumerate(lines):
        if not line.lstrip().startswith(("b'", 'b"')) or "\\" not in line:
            continue
        if _BYTES_LITERAL.fullmatch(line) is None:
            continue
        try:
            value = ast.literal_eval(line.strip())
            unwrapped = value.decode("utf-8") if isinstance(value, bytes) else None
        except (ValueError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
            continue
        if unwrapped is not None:
            lines[index] = unwrapped.replace("\r\n", "\n")
            count += 1
    if not count:
        return text
    noun = "line" if count == 1 else "lines"
    repairs.append(f"read {count} {noun} written as a Python bytes literal (b'…') as its text")
    return "\n".join(lines)


def repair_mojibake(text: str, repairs: list[str]) -> str:
    """Undo UTF-8 that was decoded as Windows-1252 and saved again (`Itâ€™s` -> `It’s`).

    ftfy does the repair (it knows the many partial forms, such as `Â` before a no-break
    space); we only call it when the tell-tale sequences are present, and count them first.
    """
    if text.isascii() or not any(lead in text for lead in _MOJIBAKE_LEADS):
        return text
    found = _MOJIBAKE.findall(text)
    if not found:
        return text
    import ftfy

    fixed = ftfy.fix_text(text, _ftfy_config())
    if fixed == text:
        return text
    remaining = len(_MOJIBAKE.findall(fixed))
    count = len(found) - remaining
    if count <= 0:
        return text  # ftfy changed something else; not ours to change
    noun = "sequence" if count == 1 else "sequences"
    repairs.append(f"repaired {count} mojibake {noun} (UTF-8 read as Windows-1252)")
    return fixed


def _detect_and_decode(data: bytes, repairs: list[str]) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"has a {label} mark but invalid bytes") from exc
    utf16 = _utf16_without_bom(data)  # before UTF-8: UTF-16 ASCII text is valid UTF-8 too
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _legacy(data, repairs)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 is obvious when most even (LE) or odd (BE) bytes of a sample are NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    for nuls, codec, label in (
        (odd_nuls, "utf-16-le", "UTF-16 LE"),
        (even_nuls, "utf-16-be", "UTF-16 BE"),
    ):
        if nuls > 0.7 * half:
            try:
                return data[: len(data) - len(data) % 2].decode(codec), label
            except UnicodeDecodeError:
                return None
    return None


def _legacy(data: bytes, repairs: list[str]) -> tuple[str, str]:
    import charset_normalizer  # only for files that are not UTF-8

    best = charset_normalizer.from_bytes(data[:200_000]).best()
    guess = best.encoding if best is not None else None
    if guess not in _NON_LATIN_LEGACY:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            repairs.append("decoded as Windows-1252 (the file is not UTF-8)")
            return text, "windows-1252"
    if guess in _NON_LATIN_LEGACY:
        try:
            text = data.decode(str(guess))
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            name = codecs.lookup(str(guess)).name
            repairs.append(f"decoded as {name} (the file is not UTF-8)")
            return text, name
    try:
        text = data.decode("latin-1")
    except UnicodeDecodeError as exc:  # pragma: no cover - latin-1 decodes every byte
        raise UndecodableError("is not text in any known encoding") from exc
    repairs.append("decoded as Latin-1 (the file is not UTF-8)")
    return text, "latin-1"


def _normalise(text: str, repairs: list[str]) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        repairs.append(f"dropped {text.count(chr(0))} NUL bytes")
        text = text.replace("\x00", "")
    if "\r" in text:
        crlf = text.count("\r\n")
        text = text.replace("\r\n", "\n")
        lone_cr = text.count("\r")
        text = text.replace("\r", "\n")
        if crlf:
            repairs.append("converted CRLF line endings")
        if lone_cr:
            repairs.append("converted CR line endings")
    return text
