"""Bytes to text: every encoding real transcripts come in, and every repair reported."""

from __future__ import annotations

import codecs

import ftfy.bad_codecs  # noqa: F401  (registers "sloppy-windows-1252")
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.importers.decoding import UndecodableError, decode, repair_mojibake

TEXT = "Efi Koutsokosta: It’s “very” direct – naïve façade, déjà vu… 50 €?\nAntony Blinken: Oui."


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "UTF-32 LE with BOM"),
        (TEXT.encode("utf-16-le"), "UTF-16 LE"),
        (TEXT.encode("utf-16-be"), "UTF-16 BE"),
        (TEXT.encode("cp1252"), "windows-1252"),
    ],
)
def test_encodings_decode_to_the_same_text(data: bytes, label: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == label
    assert not decoded.text.startswith("\ufeff")


def test_windows_1252_is_reported() -> None:
    decoded = decode(TEXT.encode("cp1252"))
    assert decoded.repairs == ("decoded as Windows-1252 (the file is not UTF-8)",)


def test_short_latin_text_prefers_windows_1252_over_lookalikes() -> None:
    # charset-normalizer alone guesses cp1257/mac_roman for text this short
    decoded = decode("déjà vu".encode("cp1252"))
    assert decoded.text == "déjà vu"


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Путин: Мы никому не угрожаем. Мы говорили это много раз, и скажем снова."
    decoded = decode(text.encode("cp1251"))
    assert decoded.text == text
    assert decoded.encoding == "cp1251"


def test_mojibake_is_repaired_and_counted() -> None:
    broken = "Itâ€™s not. Itâ€™s about them â€“ theyâ€™re hearing.Â\xa0Yes."
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == "It’s not. It’s about them – they’re hearing.\xa0Yes."
    assert decoded.repairs == ("repaired 5 mojibake sequences (UTF-8 read as Windows-1252)",)


def test_whole_file_mojibake_round_trip() -> None:
    broken = TEXT.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    decoded = decode(broken)
    assert decoded.text == TEXT
    assert any("mojibake" in r for r in decoded.repairs)


def test_correct_text_is_never_touched() -> None:
    # Accented capitals next to symbols look like mojibake to a naive fixer.
    text = "Â la carte? ÃŽle-de-France is not mojibake; “quotes” stay curly; &amp; stays."
    repairs: list[str] = []
    assert repair_mojibake("Plain “text” – fine.", repairs) == "Plain “text” – fine."
    assert decode(text.encode("utf-8")).text.endswith("“quotes” stay curly; &amp; stays.")
    assert repairs == []


@pytest.mark.parametrize(
    ("raw", "text", "repair"),
    [
        (b"a\r\nb\r\n", "a\nb\n", "converted CRLF line endings"),
        (b"a\rb\r", "a\nb\n", "converted CR line endings"),
        (b"a\x00b", "ab", "dropped 1 NUL bytes"),
    ],
)
def test_line_endings_and_nul_bytes(raw: bytes, text: str, repair: str) -> None:
    decoded = decode(raw)
    assert decoded.text == text
    assert repair in decoded.repairs


def test_forced_encoding_is_used_or_refused() -> None:
    assert decode("café".encode("latin-1"), "latin-1").text == "café"
    with pytest.raises(UndecodableError):
        decode(b"\xff\xfe\xfa", "utf-8")
    with pytest.raises(UndecodableError):
        decode(b"abc", "no-such-codec")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_the_documented_error(data: bytes) -> None:
    try:
        decoded = decode(data)
    except UndecodableError:
        return
    assert "\r" not in decoded.text and "\x00" not in decoded.text


#: Words of real Western transcripts, joined by spaces and newlines (ftfy's repair is a
#: heuristic: bare symbol pairs such as `ä££` are indistinguishable from mojibake, and are
#: not words anybody says).
_VOCABULARY = (
    "café naïve façade déjà Müller Straße Ça «Bonsoir» ¿Qué? señora it’s “quoted” ‘single’ "
    "– — … 50 € £20 ¥ 3° ½ © Zoë São Ålesund Øresund İstanbul Łódź Ærø x² 10% a b the"
)
_REAL_TEXT = st.lists(
    st.sampled_from([*_VOCABULARY.split(" "), "\n", ",", ".", "?"]), max_size=60
).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(_REAL_TEXT)
def test_utf8_text_round_trips(text: str) -> None:
    assert decode(text.encode("utf-8")).text == text.replace("\r\n", "\n").replace("\r", "\n")
