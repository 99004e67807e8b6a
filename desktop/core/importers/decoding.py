"""Bytes to text: BOMs, UTF-8, legacy encodings, line endings and NUL bytes.

Everything changed on the way is described in `repairs`, for the import report.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
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
    else:
        text, label = _detect_and_decode(data, repairs)
    return DecodedText(_normalise(text, repairs), label, tuple(repairs))


def _detect_and_decode(data: bytes, repairs: list[str]) -> tuple[str, str]:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), label
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"has a {label} mark but invalid bytes") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UndecodableError("is not UTF-8 or Windows-1252 text") from exc
    repairs.append("decoded as Windows-1252 (the file is not UTF-8)")
    return text, "windows-1252"


def _normalise(text: str, repairs: list[str]) -> str:
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
