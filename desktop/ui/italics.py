"""Which text may be set in italics (annotations, the lede, quote notes)."""

from __future__ import annotations

from typing import Final

#: Letters at or above U+0590 that still belong to scripts set in italics: phonetic and
#: Latin/Greek extensions, Latin Extended-C/-D/-E and the Latin ligatures.
_ITALIC_RANGES: Final = ((0x1D00, 0x1FFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
                         (0xAB30, 0xAB6F), (0xFB00, 0xFB06))


def italic_suits(text: str) -> bool:
    """True when `text` may be set in italics: all its letters are Latin, Greek, Cyrillic or
    Armenian. Hebrew, Arabic, the Indic scripts, Thai, CJK and others have no italic
    convention, and fonts often have no italic faces for them (DejaVu Sans Oblique draws
    Arabic as empty boxes): such text is marked by colour alone."""
    if text.isascii():
        return True
    for ch in text:
        code = ord(ch)
        if code >= 0x0590 and ch.isalpha() and not any(lo <= code <= hi
                                                      for lo, hi in _ITALIC_RANGES):
            return False
    return True
