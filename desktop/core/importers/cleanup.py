"""Clean-up that never loses words: web junk out, annotations marked, framing quotes off.

Three separate jobs, each reporting what it did:
- `remove_junk` drops whole lines that are site furniture (ad markers, "Source link", .gov
  banners, language switchers, `Tags:` lines, translation notices) and says which;
- `find_annotations` marks `(Laughter.)`, `[inaudible 4:55]`, `[ndlr : …]` inside turn text
  as non-speech spans, leaving the text itself unchanged;
- `strip_framing_quotes` removes quotation marks that wrap a whole turn (print interviews
  quote every answer), including the broken ones scrapers leave, and keeps inner quotes.
Patterns are our own: no library knows news-site furniture, and the lists stay readable.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from desktop.core.lazy_regex import LazyPattern, lazy
from desktop.core.model import Annotation, AnnotationKind

# --- web junk -----------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


_LANGUAGE_NAMES = _words(
    "english français francais deutsch español espanol italiano português portugues "
    "русский українська polski nederlands türkçe turkce ελληνικά العربية عربي فارسی 中文 "
    "简体中文 繁體中文 日本語 한국어 svenska dansk norsk suomi čeština magyar română "
    "български српски "
    "hrvatski slovenščina slovenčina shqip հայերեն ქართული עברית हिन्दी bahasa "
    "indonesia melayu tiếng việt ไทย kiswahili azərbaycan қазақ o'zbek en fr de es it "
    "pt ru uk pl nl tr el ar fa zh ja ko sv da no fi cs hu ro bg sr hr sl sk"
)

#: Whole lines that are site furniture. Matched against the stripped line, case-insensitively,
#: as one alternation (`_ANY_JUNK_LINE`; compiling each alone too cost ~10 ms of a launch).
_JUNK_LINES: tuple[str, ...] = tuple(
    p  # kept as text, compiled once as one alternation below
    for p in (
        r"\[ad_?\d*\]",
        r"advertisement|advertisements|sponsored content|ad",
        r"source\s*(link|:\s*link)",
        r"leave a (comment|reply)|\d+ comments?|no comments( yet)?|comments are closed\.?",
        r"(share|like) this:?|share (this )?(article|story|on \w+)|print( this)?( page)?",
        r"(read|see) more:?|related( articles| posts| stories)?:?|you may also like:?",
        r"(read|see) (more|also)\s*[:|»›-]\s*.{1,150}",  # `READ MORE: <another headline>`
        r"comments?( \(\d+\))?|view comments|show comments",
        r"copy/paste the article( video)? embed link below:?",
        # a row of share buttons: `Facebook Twitter Flipboard Send Reddit Linkedin …`
        r"(?:(?:facebook|twitter|x|flipboard|send|reddit|linkedin|messenger|telegram|vk"
        r"|whatsapp|email|e-mail|pinterest|print|copy link|share)[\s,|·•/]*){3,}",
        r"continue reading\.?|click here to .{0,80}|skip to (main )?content",
        r"subscribe( now| to our newsletter)?\.?|sign up for (our|the) \w*\s?newsletter.{0,60}",
        r"(back|return) to top|top of page",
        r"tags?:.*|tagged( with)?:.*|filed under:.*|categor(y|ies):.*|topics?:.*",
        r"photo( by| credit)?\s*:.*|image( credit)?\s*:.*|credit\s*:.*|\(?photo:.*",
        r"today\s*:\s*\D{0,40}\d.{0,40}",
        r"posted (on|by) .{0,80}|last updated:? .{0,60}",
        r"published( on)?:?\s+[\w ,./-]{0,30}\d{4}(,?\s+\d{1,2}:\d{2}.{0,12})?",
        r"©.{0,120}|copyright ©?.{0,120}|all rights reserved\.?",
        r"copyright (©|\(c\))\s*\d{4}.{0,300}",  # NPR's copyright paragraph
        r"\w+ transcripts are created on a rush deadline.{0,300}",
        r".{0,200}©\s*[\w .&/'’-]{1,40}",  # a photo caption ending with its credit
        # .gov banner and footer (state.gov, whitehouse.gov and their mirrors)
        r"an official website of the united states government\.?(\s*here['’]s how you know\.?)?",
        r"here['’]s how you know\.?",
        r"official websites use \.gov\.?",
        r"a \.gov website belongs to an official government organization in the united"
        r" states\.?",
        r"secure \.gov websites use https\.?",
        r"a lock \(.{0,40}\) or https:// means you['’]ve safely connected to the \.gov"
        r" website\..{0,120}",
        r"share sensitive information only on official, secure websites\.?",
        r"(this is a )?mirror of the u\.?s\.? (department of state|state department) website.*",
        r"(privacy policy|accessibility statement|copyright information|foia|no fear act"
        r"|external link policy|disclaimers?|site map|contact us)(\s*[|·•]\s*.{0,40})*",
        r"stay connected with the .{0,40}|subscribe to updates\.?|follow us on .{0,40}",
        r"end\s+\d{1,2}:\d{2}\s*[ap]\.?\s?m\.?.{0,10}|#\s*#\s*#|-\s*30\s*-",
        r"for immediate release\.?|embargoed until .{0,60}",
        r"[*#~=_•·\-–—\s]{3,}",  # separator rules: `* * *`, `-----`
        r"_[a-z]{2,20}\s*:.*",  # a transcript project's markup lines: `_page: 42`, `_note: …`
        # a printed page's marker or number alone on a line: `[[Page S701]]`, `Page 3 of 10`
        r"\[{1,2}\s*page\s+[a-z]{0,2}-?\d{1,5}\s*\]{1,2}|page\s+\d{1,5}\s+of\s+\d{1,5}",
        # transcription tools' own lines
        r"transcribed by (https?://)?(otter\.ai|descript|rev\.com|trint|sonix).{0,40}",
        r"(this transcript was )?(generated|exported|created) (by|with|from) .{0,40}"
        r"\b(otter(\.ai)?|descript|trint|sonix|rev\.com)\b.{0,40}",
    )
)

_ANY_JUNK_LINE = lazy("|".join(f"(?:{p})" for p in _JUNK_LINES), re.IGNORECASE)

#: "This article was automatically translated" and its cousins, in several languages.
_TRANSLATION_NOTICE = lazy(
    r"(automatic(ally)?|machine)[- ]?translat"
    r"|translated (automatically|by (google|deepl|a machine))"
    r"|traduit automatiquement|traduction automatique|traducido automáticamente"
    r"|traducción automática|automatisch übersetzt|maschinell übersetzt|automatische übersetzung"
    r"|tradotto automaticamente|traduzione automatica|traduzido automaticamente"
    r"|tradução automática|автоматически переведен|машинный перевод|automatisch vertaald"
    r"|تمت الترجمة آليا|ترجمة آلية|机器翻译|自动翻译|自動翻訳",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The text with junk lines removed (blank lines kept, so paragraphs survive)."""

    text: str
    removed: tuple[str, ...]


def is_junk_line(line: str) -> bool:
    """True when a whole line is site furniture rather than transcript or header text."""
    stripped = line.strip()
    if not stripped or len(stripped) > 300:
        return False
    if _ANY_JUNK_LINE.fullmatch(stripped):
        return True
    if len(stripped) < 200 and _TRANSLATION_NOTICE.search(stripped):
        return True
    return _is_language_switcher(stripped)


_SWITCHER_SPLIT = lazy(r"[|/·•,;]+|\s{2,}|\s(?=[A-Z][a-z])")


def _is_language_switcher(line: str) -> bool:
    first = _SWITCHER_SPLIT.split(line, maxsplit=1)[0].strip().casefold()
    if first not in _LANGUAGE_NAMES:
        return False
    tokens = [t for t in _SWITCHER_SPLIT.split(line) if t.strip()]
    if len(tokens) < 2:
        tokens = line.split()
    if len(tokens) < 2:
        return False
    return all(t.strip().casefold() in _LANGUAGE_NAMES for t in tokens)


def first_content_line(text: str) -> str | None:
    """The first line that is not blank and not junk: where a headline would be."""
    for line in text.split("\n"):
        if line.strip() and not is_junk_line(line):
            return line.strip()
    return None


#: Paragraphs marked by an indented first line (each after a line at the margin) before the
#: indent is read as the file's paragraph mark.
INDENTED_PARAGRAPHS_MIN = 3
_INDENT_SAMPLE = 400_000


def split_indented_paragraphs(text: str) -> str:
    """Hard-wrapped print (the Congressional Record, hearing and court transcripts) starts a
    paragraph by indenting its first line, not with a blank line: the wrapped lines under it
    start at the margin. When the file's own habit shows that (one indent that keeps coming
    after margin lines, and margin lines that continue), a blank line goes before each line
    with that indent, so later steps see the paragraphs the printer meant (an editor's note
    in parentheses is then a paragraph of its own). Deeper indents (quoted text) stay."""
    sample = text[:_INDENT_SAMPLE]
    if "\n  " not in sample:
        return text
    starts: Counter[int] = Counter()
    continuations = 0
    previous: int | None = None  # indent of the line before, None after a blank line
    for line in sample.split("\n"):
        if not line.strip():
            previous = None
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and previous is not None:
            continuations += 1
        elif 0 < indent <= 8 and previous == 0:
            starts[indent] += 1
        previous = indent
    if not starts:
        return text
    mark, count = starts.most_common(1)[0]
    if count < INDENTED_PARAGRAPHS_MIN or continuations < count:
        return text
    lines = text.split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if (index and lines[index - 1].strip() and line[:mark] == " " * mark
                and line[mark : mark + 1].strip()):
            out.append("")
        out.append(line)
    return "\n".join(out)


def remove_junk(text: str, *, title: str | None = None) -> CleanedText:
    """Drop junk lines, and a second copy of the headline (`title`) when a site printed it twice.

    Removed lines become blank lines so the paragraph structure around them is unchanged.
    The text is scanned line by line without splitting it, and returned as the same object
    when nothing is removed: a 100 MB transcript is not copied for nothing.
    """
    removed: list[str] = []
    cuts: list[tuple[int, int]] = []
    copies: list[tuple[int, int]] = []
    slot = 0
    for start, end in _line_spans(text):
        stripped = text[start:end].strip()
        if not stripped:
            continue
        if is_junk_line(stripped):
            removed.append(stripped)
            cuts.append((start, end))
            continue
        if title is not None and _same_text(stripped, title):
            copies.append((start, end))
            if len(copies) == 2:
                slot = len(removed)  # report it in file order
    # `ALICE:` alone, or `Q: Thank you.` said twice: a speaker's line, never a headline
    is_label = title is not None and (
        title.rstrip().endswith((":", "："))
        or (":" in title[:40] and title.rstrip().endswith((".", "?", "!")))
    )
    if len(copies) == 2 and not is_label and not all(_heads_a_paragraph(text, s) for s in copies):
        # Exactly twice: a headline printed twice. A line that keeps coming back, or that
        # stands above words each time (`Lex Fridman` over his turns), is a speaker label.
        second = copies[1]
        removed.insert(slot, f"{text[second[0] : second[1]].strip()} (repeated headline)")
        cuts.append(second)
        cuts.sort()
    if not cuts:
        return CleanedText(text, tuple(removed))
    pieces: list[str] = []
    previous = 0
    for start, end in cuts:
        pieces.append(text[previous:start])
        previous = end
    pieces.append(text[previous:])
    return CleanedText("".join(pieces), tuple(removed))


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without the newline."""
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        yield start, end
        start = end + 1


def _heads_a_paragraph(text: str, span: tuple[int, int]) -> bool:
    """The line has a different, non-junk line of text right under it (no blank line)."""
    following = text[span[1] + 1 : span[1] + 1000].split("\n", 1)[0].strip()
    if span[1] >= len(text) or not following or is_junk_line(following):
        return False
    return not _same_text(following, text[span[0] : span[1]].strip())


def _same_text(a: str, b: str) -> bool:
    """Equal, or one is the other plus a short tail (`Headline – Euronews`)."""
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 20 and long.startswith(short) and len(short) >= 0.6 * len(long)


# --- annotations --------------------------------------------------------------------------

_INAUDIBLE_WORDS = (
    r"inaudible|unintelligible|indiscernible|incomprehensible|crosstalk|cross-talk|cross talk"
    r"|overlapping|overtalk|no audio|audio (cuts|drops|gap)|off[- ]mic|unclear|garbled"
    r"|inintelligible|incompréhensible|unverständlich|ininteligible"
    r"|\?\?\?"
)
_STAGE_WORDS = (
    r"laughter|laughs|laughing|laugh|chuckles?|applause|applauding|cheers|cheering|booing"
    r"|music|silence|pause|pauses|sighs?|coughs?|crying|break|recess|beep|noise|background"
    r"|video|audio|clip|phone rings|gavel|end of (recording|transcript|tape)|recording (ends"
    r"|begins|starts|stops)|rire|rires|applaudissements|musique|lachen|gelächter|beifall"
    r"|risas|aplausos|risate|applausi|risos|смех|аплодисменты|ضحك|تصفيق|笑|掌声"
    # subtitle sound cues (SDH): what is heard, in the languages subtitles come in
    r"|cries|sobs|sobbing|screams?|gasps?|whispers?|sniffles|groans?|grunts?|panting"
    r"|thunder|door|phone|footsteps|indistinct|chatter|siren|birds|wind"
    r"|música|musica|tema musical|silencio|suspira|solloza|llora|grita|ríe|risita|truenos"
    r"|vítores|teléfono|puerta|portazo|jadea|tartamudea|musik|stille|seufzt|weint|silenzio"
)
_EDITORIAL_WORDS = (
    r"as translated|translated|translation|through (an )?interpreter|via (an )?interpreter"
    r"|interpreted|sic|ndlr|n\.d\.l\.r\.|nda|ndt|n\.d\.t\.|editor['’]?s note|ed\.|ed note"
    r"|note|correction|clarification|redacted|name withheld|speaking \w+|in english|in french"
    r"|anm\. d\. red\.|n\. del r\.|ndr"
)
_KIND_PATTERNS: tuple[tuple[AnnotationKind, LazyPattern], ...] = (
    (AnnotationKind.INAUDIBLE, lazy(rf"^\W*({_INAUDIBLE_WORDS})\b", re.IGNORECASE)),
    (AnnotationKind.STAGE, lazy(rf"^\W*({_STAGE_WORDS})\b", re.IGNORECASE)),
    (AnnotationKind.EDITORIAL, lazy(rf"^\W*({_EDITORIAL_WORDS})\b", re.IGNORECASE)),
)
#: `[...]` (never a Markdown link `[x](...)`) and `(...)`; brackets may be Markdown-escaped.
_BRACKETED = lazy(
    r"\\?\[(?P<sq>[^\[\]\n]{1,120}?)\\?\](?!\()|\((?P<par>[^()\n]{1,80})\)"
    r"|（(?P<fw>[^（）\n]{1,80})）"  # fullwidth parentheses (Chinese, Japanese): `（笑）`
)


#: A paragraph that is one bracketed note, and sung lines or music cues (`♪ … ♪`, `♪♪`).
_NOTE_PARAGRAPH = lazy(r"(?m)^(?:\([^()\n]{1,200}\)|\[[^\[\]\n]{1,200}\])[ \t]*$")
_MUSIC = lazy(r"♪[^♪\n]{0,200}♪|♪+")


@lru_cache(maxsize=1024)
def annotation_kind(inner: str) -> AnnotationKind | None:
    """The kind of a bracketed note from its words, or None when it reads as speech."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(inner.strip()):
            return kind
    return None


def find_annotations(text: str, *, captions: bool = False) -> tuple[Annotation, ...]:
    """Non-speech spans in a turn's text.

    Square brackets are editorial insertions by convention (`[ndlr : en Suède]`, `[sic]`), so
    every short `[...]` counts, with its kind from its words. Parentheses are often the
    speaker's own aside, so `(...)` counts only when its words are a known stage direction,
    inaudible mark or editorial note; in subtitles (`captions`) parentheses never hold
    dialogue (a sound, a speaker's name, an on-screen caption such as `（特雷西米兰诺——
    康奈尔大学网络政策主管）`), so every short `(...)` counts there.
    """
    found: list[Annotation] = []
    notes = _NOTE_PARAGRAPH.finditer(text) if "(" in text or "[" in text else ()
    for match in notes:
        # a whole paragraph in brackets is a note whatever its words
        # (`(Air Force One experiences turbulence.)`)
        inner = match.group(0)[1:-1]
        kind = annotation_kind(inner) or AnnotationKind.STAGE
        found.append(Annotation(match.start(), match.end(), kind))
    if "♪" in text:
        for match in _MUSIC.finditer(text):
            found.append(Annotation(match.start(), match.end(), AnnotationKind.STAGE))
    for match in _BRACKETED.finditer(text):
        if any(a.start <= match.start() and match.end() <= a.end for a in found):
            continue
        square = match.group("sq")
        if square is not None:
            if re.fullmatch(r"\s*\d{1,2}(:\d{2}){1,2}([.,]\d+)?\s*", square):
                continue  # a bare timestamp, handled by the importer
            kind = annotation_kind(square) or AnnotationKind.EDITORIAL
        else:
            found_kind = annotation_kind(match.group("par") or match.group("fw"))
            if found_kind is None and not captions:
                continue
            kind = found_kind or AnnotationKind.EDITORIAL
        found.append(Annotation(match.start(), match.end(), kind))
    return tuple(sorted(found, key=lambda a: a.start))


# --- framing quotation marks --------------------------------------------------------------

_OPENERS = "“„«‘‹"
_CLOSERS = "”»’›"


def _balance(text: str) -> int | None:
    """Depth of typographic double quotes at the end, or None when a closer comes unopened."""
    depth = 0
    for char in text:
        if char in "“„«":
            depth += 1
        elif char in "”»":
            depth -= 1
            if depth < 0:
                return None
    return depth


def strip_paragraph_quotes(paragraph: str) -> str:
    """A paragraph without the quotation marks that frame all of it, or unchanged.

    Handles `“…”`, `«…»`, `"…"`, the broken `“…“` and `… “` left by scrapers, and the print
    convention of an opening mark with no closing one on every paragraph but the last.
    """
    text = paragraph.strip()
    if len(text) < 2:
        return paragraph
    first, last = text[0], text[-1]
    if first in "“„«" and last in "”“»":
        inner = text[1:-1]
        if _balance(inner) is not None:
            return inner.strip()
    if first == '"' and last == '"' and text.count('"') == 2:
        return text[1:-1].strip()
    if first not in _OPENERS and re.search(r"\s[“„«]$", text):
        # A stray opening mark at the end: the closing quote of a turn that never opened.
        return text[:-1].rstrip()
    if first in "“„«":
        inner = text[1:]
        depth = _balance(inner)
        if depth == 0 and not re.search(r"[“„«]", inner):
            # Opened and never closed: the print convention for a continued quotation.
            return inner.strip()
    return paragraph


def strip_framing_quotes(text: str) -> str:
    """Framing quotes off a turn: around all its paragraphs, then around each paragraph."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1:
        first, last = paragraphs[0].strip(), paragraphs[-1].strip()
        if first[:1] in "“„«" and last[-1:] in "”»“" and _balance(text.strip()[1:-1]) is not None:
            paragraphs[0] = first[1:].lstrip()
            paragraphs[-1] = last[:-1].rstrip()
    return "\n\n".join(strip_paragraph_quotes(p) for p in paragraphs)


# --- HTML left in text exports ------------------------------------------------------------

_HTML_TAG = lazy(
    r"</?(?:p|br|div|span|a|strong|em|b|i|u|ul|ol|li|h[1-6]|blockquote|hr|img|table|tbody"
    r"|thead|tr|td|th|figure|figcaption|section|article|header|footer|nav|iframe|sup|sub"
    r"|small|font|center|dl|dt|dd|code|pre|time|mark|cite|q|abbr)\b[^<>]{0,500}?/?>",
    re.IGNORECASE,
)
_HTML_BLOCK = lazy(
    r"</?(?:p|div|li|h[1-6]|tr|ul|ol|blockquote|section|article|header|footer|figure|table"
    r"|dl|dt|dd|pre)\b[^<>]*>|<br\s*/?>|<hr\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_LINE_START = lazy(
    r"^\s*<(?:p|div|ul|ol|li|h[1-6]|br|table|section|article|blockquote)\b[^<>]*>",
    re.IGNORECASE | re.MULTILINE,
)
_HTML_DROP = lazy(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# `&#9;` (a tab, as Word writes it) has one digit; `&#x2019;` four hex digits
_HTML_ENTITY = lazy(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
#: Any tag or comment: on a whole saved page every tag is markup (`<DIR>`, `<CENTER>`, `<META>`)
_PAGE_TAG = lazy(r"<!--.*?-->|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>", re.DOTALL)


_HTML_PAGE = lazy(r"\A\s*(?:<!doctype\s+html|<html\b)", re.IGNORECASE)
_PAGE_CHROME = lazy(
    r"<(?P<tag>head|nav|footer|aside|noscript|script|style|form|button|select|thead)\b[^<>]*>"
    r"(?P<inner>.*?)</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)


def is_html_page(text: str) -> bool:
    """A whole web page saved from a browser (`<!DOCTYPE html>` or `<html>` first)."""
    return _HTML_PAGE.match(text[:1000]) is not None


_PAGE_TITLE = lazy(r"<title\b[^<>]*>(?P<title>[^<]{1,300})</title\s*>", re.IGNORECASE)


def page_title(text: str) -> str | None:
    """The `<title>` of a saved web page (the title when the text itself gives none)."""
    if not is_html_page(text):
        return None
    match = _PAGE_TITLE.search(text[:20_000])
    title = " ".join(html.unescape(match["title"]).split()) if match else ""
    return title or None


_PAGE_HEADING = lazy(r"<h[1-6]\b[^<>]*>(?P<inner>.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)


def page_headings(text: str) -> frozenset[str]:
    """The words of a saved page's `<h1>`…`<h6>` elements (whitespace collapsed): the page
    says these are headings, whatever paragraph comes after them."""
    if not is_html_page(text):
        return frozenset()
    found = set()
    for match in _PAGE_HEADING.finditer(text):
        words = " ".join(html.unescape(_PAGE_TAG.sub("", match["inner"])).split())
        if words:
            found.add(words)
    return frozenset(found)


def drop_page_chrome(text: str) -> tuple[str, list[str]]:
    """A saved web page without its head, navigation, footer, scripts and forms, and what
    was removed (for the report). Text that is not a whole page is returned unchanged."""
    if not is_html_page(text):
        return text, []
    removed: list[str] = []

    def _drop(match: re.Match[str]) -> str:
        tag = match.group("tag").lower()
        inner = " ".join(_HTML_TAG.sub(" ", match.group("inner")).split())
        if tag in ("head", "script", "style"):
            removed.append(f"page <{tag}>")
        elif inner:
            removed.append(f"page {tag}: “{inner[:60]}”")
        return "\n\n"

    text = _PAGE_CHROME.sub(_drop, text)
    text = re.sub(r"</?(?:html|body|main)\b[^<>]*>|<!doctype[^<>]*>", "\n", text, flags=re.I)
    return text, removed


def strip_html(text: str, *, page: bool = False) -> tuple[str, int]:
    """Text with HTML tags taken out (block tags become paragraph breaks), and their count.

    Podcast show notes and some exports carry HTML; transcript text is never markup. Only
    acts when several lines start with a block tag (`<p>`, `<li>`), so that tags quoted in
    speech (`we wrote <b>bold</b>`) stay as the words they are; or on a whole saved page
    (`page`), whose table cells become lines of their own and whose every tag is markup.
    """
    if not page and len(_HTML_LINE_START.findall(text)) < 2:
        return text, 0  # tags inside speech are words to keep (and never rendered)
    tag = _PAGE_TAG if page else _HTML_TAG
    tags = tag.findall(text)
    text = _HTML_DROP.sub("", text)
    if page:
        text = re.sub(r"</?(?:td|th)\b[^<>]*>", "\n", text, flags=re.IGNORECASE)
    text = _HTML_BLOCK.sub("\n\n", text)
    text = tag.sub("", text)
    text = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = re.sub(r"[ \t]*\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
    return text, len(tags)
