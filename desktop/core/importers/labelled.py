"""Speaker-labelled text: `NAME: text` transcripts, and the engine the other text shapes share.

The engine reads text in three steps, the same for every speaker-labelled shape:
1. **tokenise** lines into blocks: a labelled turn, an unlabelled paragraph, or a heading
   (which lines count as labels is the shape's `Style`);
2. **header**: blocks before the first turn give the title, date, place and lede;
3. **assemble**: unlabelled paragraphs continue the previous speaker, consecutive turns of one
   speaker merge (unless the shape says every block is its own turn), framing quotes come
   off, annotations are marked, speakers get ids and roles.

`LabelledTextImporter` (this module's importer) handles government, podcast, court-style and
caption (`>>`) transcripts: labels inline with the words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import (
    drop_page_chrome,
    find_annotations,
    first_content_line,
    is_html_page,
    remove_junk,
    strip_framing_quotes,
    strip_html,
)
from desktop.core.importers.clock import CLOCK, parse_clock
from desktop.core.importers.metadata import (
    HeaderInfo,
    build_metadata,
    is_date_line,
    looks_like_outlet,
    parse_date,
    place_from_line,
    read_header_lines,
    split_front_matter,
)
from desktop.core.importers.speakers import (
    Label,
    LabelledLine,
    RoleContext,
    SpeakerBook,
    infer_roles,
    initials_key,
    interviewer_named,
    is_anonymous,
    is_initials,
    name_alone,
    name_key,
    parse_label,
    role_from_label,
    section_label,
    slug_to_name,
    split_alone,
    split_inline,
    surname_key,
)
from desktop.core.model import Role, Section, Turn


class Kind(Enum):
    TURN = "turn"
    TEXT = "text"
    HEADING = "heading"


_SPACES = re.compile(r"[ \t\f\v]+")


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines as one paragraph: runs of spaces and tabs become one space.

    No-break spaces stay: French puts them before `?` and `:`, and they are the source's.
    """
    return _SPACES.sub(" ", " ".join(line.strip() for line in lines if line.strip())).strip()


@dataclass(slots=True)
class Block:
    """One unit of a labelled text: a turn's start, a paragraph, or a heading."""

    kind: Kind
    lines: list[str] = field(default_factory=list)
    label: Label | None = None
    start: float | None = None
    merge: bool = True
    #: The paragraph was one line in the source (headings and titles are).
    single_line: bool = True
    #: Part of an unlabelled talk before the first label: its paragraphs form one turn.
    talk: bool = False

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass(frozen=True, slots=True)
class Style:
    """Which lines of a shape are speaker labels, and how blocks become turns."""

    inline: bool = True  # `NAME: words` on one line
    alone: bool = True  # `NAME:` alone on its line, words below
    markdown: bool = False  # `### name：` headings, `# Title`, Markdown escapes and links
    otter: bool = False  # `Name  0:49` header lines
    cart: bool = False  # `>>` starts a new (unnamed) speaker
    merge: bool = True  # consecutive blocks of one speaker form one turn
    allow_slug: bool = False
    #: Inline `NAME: words` count only for names that also stand alone as labels (scrapes
    #: mix the two for the same people; other inline lines are prose or the headline).
    inline_if_known: bool = False
    #: Names alone on a line without a colon (`MR. SMITH`, `Lex Fridman`), the words below;
    #: only names that repeat through the file count (see `repeated_names_alone`).
    names_alone: bool = False


# --- step 1: tokenise -----------------------------------------------------------------------

_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_CLOCK_LINE = re.compile(rf"^\s*{CLOCK}\s*$")
_OTTER_HEADER = re.compile(rf"^(?P<label>\S.{{0,60}}?)\s+(?:[|·-]\s*)?(?P<ts>{CLOCK})\s*[:：]?\s*$")
_CART = re.compile(r"^\s*>>+\s*")


def iter_paragraphs(text: str) -> Iterator[list[str]]:
    """Blank-line separated paragraphs, as lists of non-blank lines, one at a time (a 100 MB
    transcript is never held as one list of lines)."""
    current: list[str] = []
    start = 0
    length = len(text)
    while start <= length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        line = text[start:end]
        start = end + 1
        if line.strip():
            current.append(line)
        elif current:
            yield current
            current = []
    if current:
        yield current


def paragraphs(text: str) -> list[list[str]]:
    """Blank-line separated paragraphs, as lists of non-blank lines."""
    return list(iter_paragraphs(text))


def otter_header(line: str) -> LabelledLine | None:
    """`Name  0:49`, `Unknown Speaker  12:03`, `Speaker 1 (00:05):`: a block header, or None."""
    match = _OTTER_HEADER.match(line.strip())
    if match is None:
        return None
    raw = match.group("label").strip().rstrip(":：")
    if raw.startswith("[") and raw.endswith("]"):
        raw = raw[1:-1]  # Zoom: `[Jane Smith] 10:02:34`
    label = parse_label(raw, allow_lower=False)
    if label is None:
        return None
    if any(c.isdigit() for c in raw) and not is_anonymous(label.name):
        return None  # `Tue, 3/14 10:02AM • 45:12`: Otter's date line, not a speaker
    return LabelledLine(label, "", parse_clock(match.group("ts")))


def markdown_label(line: str) -> LabelledLine | None:
    """`### nicolas-demorand：` or `## Audrey Tang:`: a Markdown heading naming a speaker."""
    match = _MD_HEADING.match(line.strip())
    if match is None:
        return None
    inner = match.group("text").strip()
    if not re.search(r"[:：]\s*$", inner):
        return None
    raw = re.sub(r"\s?[:：]\s*$", "", inner)
    if re.fullmatch(r"[a-z][a-z0-9]*", raw):
        raw = slug_to_name(raw)  # `### interviewer：` names a speaker as a slug would
    label = parse_label(raw, allow_slug=True)
    if label is None:
        return None
    return LabelledLine(label, "", None)


def repeated_names_alone(lines: Iterable[str]) -> frozenset[str]:
    """Keys of names standing alone on a line (no colon) with words below them, when at least
    two such names repeat: one `INTRODUCTION` line is a heading, `MR. SMITH` / `MS. JONES`
    coming back turn after turn are speakers."""
    counts: Counter[str] = Counter()
    previous: Label | None = None
    for line in lines:
        if not line.strip():
            continue
        label = name_alone(line)
        if previous is not None and label is None and split_inline(line) is None:
            counts[previous.key] += 1  # a name with words (not another label) below it
        previous = label
    repeated = frozenset(key for key, count in counts.items() if count >= 2)
    return repeated if len(repeated) >= 2 else frozenset()


def repeated_lower_labels(lines: Iterable[str]) -> frozenset[str]:
    """Keys of labels with lower-case words (`La ministre :`, `interviewer:`) that start at
    least two lines each: one such line is prose (`the problem: …`), a repeated one a speaker."""
    counts: Counter[str] = Counter()
    for line in lines:
        if ":" not in line[:60] and "：" not in line[:60]:
            continue
        if split_inline(line) is not None:
            continue
        found = split_inline(line, allow_lower=True)
        if found is not None and found.rest:
            counts[found.label.key] += 1
    return frozenset(key for key, count in counts.items() if count >= 2)


def _lines_of(text: str) -> Iterator[str]:
    for para in iter_paragraphs(text):
        yield from para


_LEADING_TIME = re.compile(rf"^\s*(?P<ts>{CLOCK})\s*(?:[-–—|]\s*)?(?=\S)")


def tokenise(text: str, style: Style, repaired: list[str] | None = None) -> list[Block]:
    """Lines -> blocks, as the style says; unlabelled lines stay text.

    In a turn whose first line began with a time (`(00:00:15) Let's start`), a time at the
    start of its later lines is taken off too (counted in `repaired`): it is the tool's
    mark, not speech, and it would end up in the middle of quotes.
    """
    blocks: list[Block] = []
    timed_turn = False
    inner_times = 0
    pending_start: float | None = None
    known = _known_alone_labels(text, style) if style.inline_if_known else frozenset()
    names = repeated_names_alone(_lines_of(text)) if style.names_alone else frozenset()
    lower = repeated_lower_labels(_lines_of(text)) if style.inline else frozenset()
    for number, para in enumerate(iter_paragraphs(text)):
        current: Block | None = None
        for line in para:
            found = _label_line(line, style)
            if found is None and lower:
                inline = split_inline(line, allow_slug=style.allow_slug, allow_lower=True)
                if inline is not None and inline.rest and inline.label.key in lower:
                    found = (inline, False)
            if found is None and names:
                alone = name_alone(line)
                if alone is not None and alone.key in names:
                    found = (LabelledLine(alone, ""), False)
            if (
                found is None
                and current is not None
                and current.kind is Kind.TURN
                and not current.lines
                and current.start is None
            ):
                clock = _LEADING_TIME.match(line)
                if clock is not None:  # `Lex Fridman` / `(00:00:12) Thanks for having me.`
                    current.start = parse_clock(clock.group("ts"))
                    line = line[clock.end() :]
                    timed_turn = True
            elif found is None and timed_turn and current is not None:
                clock = _LEADING_TIME.match(line)
                if clock is not None:
                    line = line[clock.end() :]
                    inner_times += 1
            if found is None and known and number > 0:
                inline = split_inline(line, allow_slug=style.allow_slug)
                if inline is not None and inline.rest and inline.label.key in known:
                    found = (inline, False)
            if found is not None:
                labelled, is_heading = found
                if is_heading:
                    blocks.append(Block(Kind.HEADING, [labelled.rest]))
                    current = None
                    continue
                start = labelled.start if labelled.start is not None else pending_start
                pending_start = None
                timed_turn = False
                current = Block(
                    Kind.TURN,
                    [labelled.rest] if labelled.rest else [],
                    label=labelled.label if labelled.label.name != ">>" else None,
                    start=start,
                    merge=style.merge,
                )
                blocks.append(current)
                continue
            if _CLOCK_LINE.match(line) and (style.otter or style.inline):
                pending_start = parse_clock(line)
                continue
            if current is None:
                current = Block(Kind.TEXT, [], single_line=len(para) == 1)
                blocks.append(current)
            current.lines.append(line)
        # A turn's first paragraph ends with its paragraph; later lines are new paragraphs.
    if inner_times and repaired is not None:
        noun = "time" if inner_times == 1 else "times"
        repaired.append(f"took {inner_times} {noun} off the start of lines inside turns")
    return [b for b in blocks if b.kind is not Kind.TEXT or b.text]


def _known_alone_labels(text: str, style: Style) -> frozenset[str]:
    keys = set()
    for para in iter_paragraphs(text):
        found = split_alone(para[0], allow_slug=style.allow_slug)
        if found is not None:
            keys.add(found.label.key)
    return frozenset(keys)


_CART_LABEL = Label(raw=">>", name=">>")


def _label_line(line: str, style: Style) -> tuple[LabelledLine, bool] | None:
    """(labelled line, is_heading) when `line` starts a turn or is a Markdown heading."""
    if style.cart:
        cart = _CART.match(line)
        if cart is not None:
            rest = line[cart.end() :]
            named = split_inline(rest) if style.inline else None
            if named is not None and named.rest:
                return named, False
            return LabelledLine(_CART_LABEL, rest.strip()), False
    if style.markdown:
        md = markdown_label(line)
        if md is not None:
            return md, False
        heading = _MD_HEADING.match(line.strip())
        if heading is not None:
            return LabelledLine(_CART_LABEL, heading.group("text")), True
    if style.otter:
        header = otter_header(line)
        if header is not None:
            return header, False
    if style.inline or style.alone:
        found = split_inline(line, allow_slug=style.allow_slug)
        if found is not None:
            if found.rest and style.inline:
                return found, False
            if not found.rest and style.alone:
                return found, False
    return None


# --- step 2 and 3: header and assembly --------------------------------------------------------


_SUBHEADING = re.compile(
    r"^(?:part|chapter|section|session|episode|day|round|partie|teil|parte)\s+\w{1,8}[.:]\s"
    r"|^(?:direct|cross|redirect|recross)[- ]examination\b",  # court transcripts
    re.IGNORECASE,
)
_COURT_HEADING = re.compile(r"^(?:direct|cross|redirect|recross)[- ]examination\b", re.I)
_FIRST_PERSON = frozenset(
    re.split(
        r"\s+",
        "i i'm i’m i've i’ve me my we we're we’re our us you your je j’ai j'ai nous vous mon"
        " ma mes ich wir mein yo nosotros mi io noi eu nós",
    )
)
_TIME_LINE = re.compile(r"^\d{1,2}[:.h]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4})?$")
_TERMINAL = re.compile(r"[.?!…;,:]\W*$")
_QUOTES = "“”«»„\"'‘’"


def looks_like_heading(text: str) -> bool:
    """A short line standing alone that reads as a heading, not as speech.

    Headings in scraped interviews are pull quotes (`“NATO is not directed against Russia”`)
    or titles without a full stop (`A “very direct conversation” with Sergey Lavrov`).
    """
    words = text.split()
    if not 2 <= len(words) <= 20 or len(text) > 160:
        return False
    if text[0] in "([" and text[-1] in ")]":
        return False  # `(SOUNDBITE OF MUSIC)`, `[crosstalk]`: annotations, not headings
    if sum(1 for word in words if any(c.isalpha() for c in word)) < 2:
        return False  # `* * *`, `- 30 -`: separators, not titles
    if _SUBHEADING.match(text):
        return True
    if is_date_line(text) or place_from_line(text) or _TIME_LINE.match(text):
        return False
    first = text.lstrip(_QUOTES)[:1]
    if not first or not (first.isupper() or first.isdigit() or not first.isalpha()):
        return False
    wrapped = text[0] in '“«"„' and text[-1] in '”»"“'
    if wrapped:
        return True
    return _TERMINAL.search(text.rstrip(_QUOTES)) is None


def is_title_line(block: Block) -> bool:
    """A first line that is a headline (even when it looks like `Name: “quote”`)."""
    text = block.text
    if not block.single_line or not text or len(text) > 200:
        return False
    if is_date_line(text):
        return False
    body = text.rstrip(_QUOTES + " ")
    return not body.endswith((".", "?", "!", "…", ":", ";", ","))


@dataclass(slots=True)
class _Draft:
    key: str | None
    paragraphs: list[str]
    start: float | None
    merge: bool
    unlabelled_text: bool = False
    talk: bool = False


def build(doc: SourceDocument, style: Style, *, warnings: list[str] | None = None) -> Parsed:
    """The shared engine: text of a speaker-labelled shape -> `Parsed`."""
    assert doc.text is not None
    front = split_front_matter(doc.text)
    front_fields = front.fields
    text = front.body
    repaired: list[str] = []
    text, chrome = drop_page_chrome(text)
    text, tags = strip_html(text)
    if tags:
        repaired.append(f"removed {tags} HTML tags")
    cleaned = remove_junk(text, title=first_content_line(text))
    removed = chrome + list(cleaned.removed)
    text = cleaned.text
    text, fields = header_fields(text)
    front_fields = {**_field_metadata(fields), **front_fields}
    del cleaned, front  # large files: let each stage's copy go as soon as it is used
    if style.markdown:
        text = _markdown_to_text(text, repaired)
    notes: list[Block] = []
    marker = _TRANSCRIPT_MARKER.search(text[:50_000])
    if marker is not None and marker.start() > 0:
        # Show notes above a `Transcript` line: header prose, whatever colons they hold
        notes = [
            Block(Kind.TEXT, para, single_line=len(para) == 1)
            for para in iter_paragraphs(text[: marker.start()])
        ]
        removed.append(marker.group(0).strip())
        text = text[marker.end() :]
    blocks = _drop_tail_furniture(mark_headings(notes + tokenise(text, style, repaired)), removed)
    del text
    info = HeaderInfo()
    body = _take_header(blocks, info, style)
    del blocks
    warn: list[str] = list(warnings or [])

    book = SpeakerBook()
    drafts: list[_Draft] = []
    sections: list[Section] = []
    broken = True  # a heading (or the start) breaks merging
    for index, block in enumerate(body):
        words = block.text
        block.lines = []  # the joined words replace the lines: one copy of the text at a time
        following = body[index + 1] if index + 1 < len(body) else None
        if (
            block.kind is Kind.TEXT
            and following is not None
            and following.kind is Kind.TURN
            and _ANNOTATION_ALONE.fullmatch(words)
        ):
            # `(SOUNDBITE OF ARCHIVED RECORDING)` between one turn and the next label: not
            # said by the speaker above, so a turn of its own with nobody named
            drafts.append(_Draft(None, [words], block.start, False, True))
            broken = False
            continue
        if block.kind is Kind.HEADING:
            _drop_empty(drafts, warn)
            sections.append(Section(words.strip("# "), len(drafts)))
            broken = True
            continue
        if block.kind is Kind.TEXT:
            talk_goes_on = bool(drafts) and block.talk and drafts[-1].talk
            if talk_goes_on or (drafts and not drafts[-1].unlabelled_text and not broken):
                drafts[-1].paragraphs.append(words)
            else:  # prose before any label or under a heading: nobody is named for it
                drafts.append(_Draft(None, [words], block.start, False, True, block.talk))
            continue
        key = book.add(block.label) if block.label is not None else None
        _drop_empty(drafts, warn)
        previous = drafts[-1] if drafts else None
        if (
            previous is not None
            and not broken
            and block.merge
            and previous.merge
            and key is not None
            and previous.key == key
            and not _many_people(block.label)
        ):
            if words:
                previous.paragraphs.append(words)
        else:
            drafts.append(_Draft(key, [words] if words else [], block.start, block.merge))
        broken = False
    _drop_empty(drafts, warn)
    del body
    sections = [s for s in sections if s.turn < len(drafts)] + [
        s for s in sections if s.turn >= len(drafts) and not drafts
    ]

    turn_texts: list[str] = []
    framed = 0
    for draft in drafts:
        joined = "\n\n".join(draft.paragraphs)
        draft.paragraphs = []
        unframed = strip_framing_quotes(joined)
        if unframed != joined:
            framed += 1
        turn_texts.append(unframed)
    if framed:
        noun = "turn" if framed == 1 else "turns"
        repaired.append(f"removed framing quotation marks around {framed} {noun}")

    book.merge_aliases()
    _people_from_fields(book, fields)
    if fields and info.lede is None:
        info.lede = "\n".join(f"{key}: {value}" for key, value in fields.items())
    context = RoleContext(info.title, info.lede)
    infer_roles(book, [d.key for d in drafts], turn_texts, context)
    speakers = book.finish()
    turns = [
        Turn(
            speaker=None if d.key is None else book.speaker_id(d.key),
            text=t,
            start=d.start,
            annotations=find_annotations(t),
        )
        for d, t in zip(drafts, turn_texts, strict=True)
    ]
    outlet = _outlet(
        speakers_affiliations=[(s.role, s.affiliation) for s in speakers], context=context
    )
    metadata = build_metadata(info, front_fields, "\n".join(turn_texts[:2000]), outlet)
    return Parsed(
        turns=turns,
        speakers=speakers,
        sections=sections,
        metadata=metadata,
        removed=removed,
        repaired=repaired,
        warnings=warn,
    )


#: Lines after the last turn from which a government page's footer runs (`TAGS`, then tags).
_FOOTER_STARTS = frozenset(["tags", "related articles", "related content", "related links"])


_ANNOTATION_ALONE = re.compile(r"\([^()]{1,80}\)|\[[^\[\]]{1,80}\]")

#: A line announcing the transcript after a page's show notes or summary.
_TRANSCRIPT_MARKER = re.compile(
    r"^[ \t]*(?:full |episode |interview |complete )?(?:transcript|transcription)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _drop_tail_furniture(blocks: list[Block], removed: list[str]) -> list[Block]:
    """After the last turn, government transcripts print `END`, the time the event ended
    (`1:58 P.M. EDT`) and the site's footer: drop a time alone on a line there, and every
    line from an `END` line on (reported as removed)."""
    last_turn = max((i for i, b in enumerate(blocks) if b.kind is Kind.TURN), default=-1)
    if last_turn < 0:
        return blocks
    kept = blocks[: last_turn + 1]
    ended = False
    for block in blocks[last_turn + 1 :]:
        if block.kind is not Kind.TEXT:
            kept.append(block)
            continue
        left: list[str] = []
        for line in block.lines:
            stripped = line.strip()
            ended = ended or stripped == "END" or stripped.casefold() in _FOOTER_STARTS
            if ended or _TIME_LINE.match(stripped):
                removed.append(stripped)
            else:
                left.append(line)
        if left:
            kept.append(replace(block, lines=left))
    return kept


_FIELD_LINE = re.compile(r"^(?P<key>[^\W\d_][\w '’-]{0,30}?)\s?[:：]\s*(?P<value>\S.{0,100})$")
#: Keys of an oral-history or research header (`Interviewer: Mary King`, `Date: …`).
_FIELD_KEYS = {
    "date": "date", "interview date": "date", "recording date": "date", "recorded": "date",
    "date of interview": "date", "location": "place", "place": "place",
    "interview location": "place", "interviewer": "interviewer", "interviewers": "interviewer",
    "interviewee": "interviewee", "narrator": "interviewee", "respondent": "interviewee",
    "participant": "interviewee", "transcriber": "transcriber", "transcribed by": "transcriber",
    "duration": "duration", "length": "duration", "project": "project",
    "collection": "project", "subject": "subject", "title": "title", "language": "language",
}


def header_fields(text: str) -> tuple[str, dict[str, str]]:
    """An oral-history header: a first paragraph of `Key: value` lines (`Interviewer: Mary
    King`, `Date: 12 March 2004`, `Transcriber: …`), taken out of the text so its lines are
    not read as turns. Returns the text without it and the fields (keys as written)."""
    head = text[:4000].lstrip("\n")
    offset = len(text[:4000]) - len(head)
    first = head.split("\n\n", 1)[0]
    lines = [line.strip() for line in first.split("\n") if line.strip()]
    if len(lines) < 3:
        return text, {}
    fields: dict[str, str] = {}
    for line in lines:
        match = _FIELD_LINE.match(line)
        if match is None:
            return text, {}
        fields[match.group("key").strip()] = match.group("value").strip()
    known = [k for k in fields if k.casefold() in _FIELD_KEYS]
    kinds = {_FIELD_KEYS[k.casefold()] for k in known}
    if len(known) * 2 < len(fields) or not kinds & {"date", "place", "transcriber", "duration"}:
        return text, {}
    end = offset + len(first)
    return "\n" * first.count("\n") + text[end:], fields


def _field_metadata(fields: dict[str, str]) -> dict[str, str]:
    """Header fields as front-matter keys (`date`, `place`, `title`) for `build_metadata`."""
    found: dict[str, str] = {}
    for key, value in fields.items():
        kind = _FIELD_KEYS.get(key.casefold())
        if kind in ("date", "place", "title", "language") and kind not in found:
            found[kind] = value
    return found


def _people_from_fields(book: SpeakerBook, fields: dict[str, str]) -> None:
    """`Interviewer: Mary King` names who `MK:` (or `Mary King:`) is, and their role."""
    named = [value for key, value in fields.items()
             if _FIELD_KEYS.get(key.casefold()) in ("interviewer", "interviewee")]
    for key, value in fields.items():
        kind = _FIELD_KEYS.get(key.casefold())
        if kind not in ("interviewer", "interviewee"):
            continue
        role = Role.INTERVIEWER if kind == "interviewer" else Role.INTERVIEWEE
        # Mary King and Mark Kay both abbreviate to MK: then no full name is shown
        shared = sum(initials_key(other) == initials_key(value) for other in named) > 1
        people = book.people()
        by_initials = [p for p in people if is_initials(book.name_of(p))
                       and initials_key(value) == name_key(book.name_of(p))]
        named_in_full = any(name_key(book.name_of(p)) == name_key(value) for p in people)
        for person in people:
            name = book.name_of(person)
            if name_key(name) == name_key(value) or person in by_initials:
                book.set_role(person, role)
                if name_key(name) != name_key(value):
                    book.add_alias(person, value)
                    if (by_initials == [person] and not named_in_full and not shared
                            and len(value.split()) > 1):
                        book.set_full_name(person, value)  # unambiguous: show the full name


def _many_people(label: Label | None) -> bool:
    """Labels that may stand for a different person each time (`Q`, `QUESTION`, `Speaker 1`):
    two in a row are two turns, because two reporters often ask one after the other."""
    if label is None or is_anonymous(label.name):
        return True
    return role_from_label(label.name) in (Role.INTERVIEWER, Role.AUDIENCE) and (
        len(label.name) <= 2 or label.name.isupper() or label.name.casefold() == "question"
    )


def _outlet(
    speakers_affiliations: list[tuple[Role, str | None]], context: RoleContext
) -> str | None:
    for role, affiliation in speakers_affiliations:
        if role in (Role.INTERVIEWER, Role.HOST) and affiliation and looks_like_outlet(affiliation):
            return affiliation
    named = interviewer_named(context)
    if named is not None and named[1]:
        return named[1]
    return None


def _drop_empty(drafts: list[_Draft], warnings: list[str]) -> None:
    """A label with no words after it (a label followed by another label) is dropped."""
    if drafts and not any(p.strip() for p in drafts[-1].paragraphs):
        drafts.pop()
        if "a speaker label had no words after it" not in warnings:
            warnings.append("a speaker label had no words after it")


def _take_header(blocks: list[Block], info: HeaderInfo, style: Style) -> list[Block]:
    """Use the blocks before the first turn as title, date, place, lede; return the rest.

    A first line that looks like `Name: “words”` but whose label is never used again is the
    headline of a scrape, not speech. Long unlabelled prose before the first label (a talk
    before its Q&A) stays as unattributed turns rather than becoming a "lede".
    """
    if not blocks:
        return blocks
    blocks = list(blocks)
    first = blocks[0]
    if first.kind is Kind.TURN and first.label is not None and first.single_line and first.lines:
        uses = sum(1 for b in blocks if b.label is not None and b.label.key == first.label.key)
        turns = sum(1 for b in blocks if b.kind is Kind.TURN)
        candidate = Block(Kind.TEXT, [f"{first.label.raw}: {first.lines[0].strip()}"])
        dated = all(is_date_line(line) or place_from_line(line) for line in first.lines[1:])
        if uses == 1 and turns >= 3 and is_title_line(candidate) and first.lines and dated:
            # the headline, with the date or place lines printed under it
            blocks[0] = Block(Kind.TEXT, candidate.lines + first.lines[1:], single_line=False)
    if blocks[0].kind is Kind.HEADING and style.markdown:
        info.title = blocks[0].text
        blocks = blocks[1:]
    index = next((i for i, b in enumerate(blocks) if b.kind is Kind.TURN), len(blocks))
    header, body = blocks[:index], blocks[index:]
    if not body:
        return blocks  # no labelled turn at all: the caller's shape does not fit
    heading_before: list[Block] = []
    while (
        header
        and header[-1].kind is Kind.TEXT
        and header[-1].single_line  # a stack of header lines is not one heading
        and looks_like_heading(header[-1].text)
        and (len(header) > 1 or info.title is not None)
    ):
        heading_before.insert(0, replace(header[-1], kind=Kind.HEADING))
        header = header[:-1]
        break
    if header and info.title is None:
        if header[0].kind is Kind.HEADING:
            info.title = header[0].text.strip("# ")
            header = header[1:]
        else:
            header = _take_title(header, info)
    prose: list[str] = []
    for block in header:
        if block.kind is Kind.HEADING:
            heading_before.insert(0, block)
            continue
        left = read_header_lines(block.lines, info)
        if left:
            short = all(len(line) <= 80 for line in left) and len(left) > 1
            joiner = "\n" if short else " "  # a stack of header lines stays a stack
            prose.append(joiner.join(join_lines([line]) for line in left))
    if info.date is None:
        info.date = next(
            (d for d in (parse_date(h.text) for h in heading_before) if d is not None), None
        )
    if _is_speech(prose):
        unattributed = [Block(Kind.TEXT, [p], single_line=False, talk=True) for p in prose]
        return unattributed + heading_before + body
    if prose:
        info.lede = "\n\n".join(prose)
    return heading_before + body


_TITLE_WORDS = re.compile(
    r"\b(interview|briefing|gaggle|remarks|conversation|press conference|podcast|episode"
    r"|transcript|hearing|testimony|q&a|town hall|roundtable|speech|statement|debate"
    r"|entretien|entrevista|intervista|gespräch|interviú|press availability|availability)\b",
    re.IGNORECASE,
)
_GENERIC_TITLE = re.compile(r"(interview|transcript|remarks|entretien|entrevista)\W*", re.I)


def _take_title(header: list[Block], info: HeaderInfo) -> list[Block]:
    """Find the title among the short lines before the first turn and take it out.

    Usually the first line; but a stack such as `THE WHITE HOUSE / Office of … / PRESS
    BRIEFING BY …` has its title further down, recognisable by words like "briefing"; and
    a bare `Interview` line is completed by the line under it (`Interview: Antony J. Blinken,
    Secretary of State`).
    """
    lines: list[tuple[int, int, str]] = []
    for b_index, block in enumerate(header[:6]):
        if block.kind is not Kind.TEXT or any(len(line.strip()) > 160 for line in block.lines):
            break
        lines.extend((b_index, l_index, line.strip()) for l_index, line in enumerate(block.lines))
    candidates = [
        item
        for item in lines[:10]
        if is_title_line(Block(Kind.TEXT, [item[2]]))
        and not _TIME_LINE.match(item[2])
        and not _COURT_HEADING.match(item[2])  # `DIRECT EXAMINATION` heads a part only
    ]
    if (
        not candidates
        and lines
        and len(header) > 1
        and len(header[0].lines) == 1
        and len(lines[0][2].split()) <= 20
        and not is_date_line(lines[0][2])
    ):
        # A headline alone above the lede may end with a full stop or a question mark.
        candidates = [lines[0]]
    if not candidates:
        return header
    keyworded = [item for item in candidates if _TITLE_WORDS.search(item[2])]
    if (
        not keyworded
        and len(candidates) > 1
        and lines.index(candidates[1]) == 1
        and len(candidates[0][2].split()) <= 3 < len(candidates[1][2].split())
    ):
        # `Morning Edition` over `A historian on why the 1918 flu was forgotten`: the show's
        # name, then the headline
        candidates = candidates[1:]
        keyworded = [candidates[0]]
    chosen = [keyworded[0] if keyworded else candidates[0]]
    if lines.index(chosen[0]) > 0 and not keyworded:
        return header  # no keyword and not first: probably not a title at all
    title = chosen[0][2]
    position = lines.index(chosen[0])
    if _GENERIC_TITLE.fullmatch(title) and position + 1 < len(lines):
        following = lines[position + 1]
        if not is_date_line(following[2]):
            title = f"{title.rstrip(':： ')}: {following[2]}"
            chosen.append(following)
    info.title = re.sub(r"^#{1,6}\s+", "", title)  # a Markdown `# Title` read by a text shape
    result = [replace(block, lines=list(block.lines)) for block in header]
    for b_index, l_index, _ in sorted(chosen, key=lambda item: (item[0], -item[1])):
        del result[b_index].lines[l_index]
    return [block for block in result if block.lines]


def _is_speech(prose: list[str]) -> bool:
    """Unlabelled paragraphs before the first label read as a talk, not a lede.

    A lede is a paragraph or two about the interview, in the third person; show notes are
    short lines. A talk is several long paragraphs in the first person ("I want to talk…").
    """
    long = [p for p in prose if len(p) > 100]
    if len(long) > 4 or (len(long) >= 2 and sum(len(p) for p in long) > 4000):
        return True
    if len(long) >= 2:
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", " ".join(long).casefold())
        first_person = sum(1 for w in words if w in _FIRST_PERSON)
        return first_person >= max(3, len(words) * 0.04)
    # A short talk ("Thank you all for coming. I want to talk about…") before a Q&A: kept as
    # speech when clearly in the first person (a lede that says "we" once stays a lede).
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", " ".join(prose).casefold())
    first_person = sum(1 for w in words if w in _FIRST_PERSON)
    return len(words) >= 12 and first_person >= max(2, len(words) * 0.05)


def _question_heading(text: str) -> bool:
    """`Is the war over?` has a heading's shape except for its question mark."""
    body = text.rstrip(_QUOTES + " ")
    if not body.endswith(("?", "？")) or len(text.split()) > 12:
        return False
    return looks_like_heading(body.rstrip("?？ "))


#: Words title case leaves in lower case.
_SMALL = frozenset(["the", "and", "but", "for", "nor", "yet", "with", "from", "into", "onto"])


def _title_cased(text: str) -> bool:
    """`Is the War Over?`: most words (beyond the first) capitalised, as titles are."""
    words = [
        w for w in re.findall(r"[^\W\d_]+", text)[1:] if len(w) > 2 and w.casefold() not in _SMALL
    ]
    return len(words) >= 2 and sum(1 for w in words if w[0].isupper()) * 3 >= len(words) * 2


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _quoted_below(blocks: list[Block], index: int, text: str) -> bool:
    """A pull quote repeats words said just below it (the next turn and its paragraphs)."""
    key = _words_key(text)
    if len(key.split()) < 3:
        return False
    below = " ".join(b.text for b in blocks[index + 1 : index + 5])
    return key in _words_key(below)


def mark_headings(blocks: list[Block]) -> list[Block]:
    """Short standalone lines between a finished turn and the next label become headings, and
    so do show-note section labels (`News:`, `Picks:`) standing alone between turns.

    A line ending in `?` in that position is usually the end of an answer, so it becomes a
    heading only with more evidence: it is quoted (as any heading), title-cased, or it repeats
    the words said just below it (a pull quote).
    """
    result = _mark_headings(blocks)
    filled = False
    for index, block in enumerate(result):
        if block.kind is not Kind.TEXT:
            filled = block.kind is Kind.TURN and bool(block.lines)
            continue
        following = result[index + 1] if index + 1 < len(result) else None
        if (
            filled
            and block.single_line
            and following is not None
            and following.kind is Kind.TURN
            and _question_heading(block.text)
            and (_title_cased(block.text) or _quoted_below(result, index, block.text))
        ):
            result[index] = replace(block, kind=Kind.HEADING)
            filled = False
            continue
        filled = True
    return result


def _mark_headings(blocks: list[Block]) -> list[Block]:
    result = list(blocks)
    filled = False
    seen_turn = False
    for index, block in enumerate(result):
        if block.kind is Kind.TURN:
            filled = bool(block.lines)
            seen_turn = True
            continue
        if block.kind is Kind.HEADING:
            filled = False
            continue
        if seen_turn and len(block.lines) == 1:
            label = section_label(block.lines[0])
            if label is not None:
                result[index] = replace(block, kind=Kind.HEADING, lines=[label])
                filled = False
                continue
        following = result[index + 1] if index + 1 < len(result) else None
        if (
            filled
            and block.single_line
            and following is not None
            and following.kind is Kind.TURN
            and looks_like_heading(block.text)
        ):
            result[index] = replace(block, kind=Kind.HEADING)
            filled = False
            continue
        filled = True
    return result


_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_MD_BOLD = re.compile(r"(\*\*|__)(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\1")


def _markdown_to_text(text: str, repaired: list[str]) -> str:
    """Markdown inside turns shown as the words: links as their text, escapes undone."""
    text, quoted = _MD_QUOTE.subn("", text)
    if quoted:
        noun = "line" if quoted == 1 else "lines"
        repaired.append(f"removed Markdown blockquote marks (>) from {quoted} {noun}")
    links = len(_MD_LINK.findall(text))
    text = _MD_LINK.sub(lambda m: m.group("text"), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_BOLD.sub(lambda m: m.group("inner"), text)
    if links:
        noun = "link" if links == 1 else "links"
        repaired.append(f"kept the text of {links} Markdown {noun} (addresses dropped)")
    return text


# --- shape statistics for scoring ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shape:
    """Counts that tell the text shapes apart, computed once per document."""

    lines: int
    paragraphs: int
    inline: int
    inline_keys: int
    inline_repeated: int
    alone: int
    markdown_labels: int
    otter_headers: int
    cart: int
    cue_arrows: int
    front_matter: bool
    #: Lines naming a repeated speaker alone, without a colon (`MR. SMITH`).
    names_alone: int = 0
    #: `NAME:` alone on a line for someone who also speaks in inline `NAME: text` turns.
    alone_known: int = 0


@lru_cache(maxsize=8)
def shape_of(text: str) -> Shape:
    """Count label lines of each kind (on the first 400 KB; enough to tell shapes apart)."""
    sample = text[:400_000]
    if is_html_page(sample):  # a saved web page: count what its text will be
        sample = strip_html(drop_page_chrome(sample)[0])[0]
    lines = [line for line in sample.split("\n") if line.strip()]
    inline_keys: Counter[str] = Counter()
    alone = markdown = otter = cart = arrows = 0
    alone_names: list[str] = []
    for line in lines:
        if "-->" in line:
            arrows += 1
            continue
        if _CART.match(line):
            cart += 1
        if markdown_label(line) is not None:
            markdown += 1
            continue
        if otter_header(line) is not None:
            otter += 1
            continue
        found = split_inline(line)
        if found is None:
            continue
        if found.rest:
            inline_keys[found.label.key] += 1
        else:
            alone += 1
            alone_names.append(found.label.name)
    for key in repeated_lower_labels(lines):
        inline_keys[key] += sum(
            1
            for line in lines
            if (f := split_inline(line, allow_lower=True)) is not None
            and f.rest
            and f.label.key == key
        )
    inline_surnames = {surname_key(key) for key in inline_keys}
    # `STEVE INSKEEP, HOST:` alone once, then `INSKEEP: …` inline: the same person
    alone_known = sum(1 for name in alone_names if surname_key(name) in inline_surnames)
    names = repeated_names_alone(lines)
    names_alone = sum(1 for line in lines if (n := name_alone(line)) is not None and n.key in names)
    return Shape(
        names_alone=names_alone,
        alone_known=alone_known,
        lines=len(lines),
        paragraphs=len(paragraphs(sample)),
        inline=sum(inline_keys.values()),
        inline_keys=len(inline_keys),
        inline_repeated=sum(1 for c in inline_keys.values() if c >= 2),
        alone=alone,
        markdown_labels=markdown,
        otter_headers=otter,
        cart=cart,
        cue_arrows=arrows,
        front_matter=text.startswith("---"),
    )


def _timed_penalty(shape: Shape) -> float:
    """Subtitle files (`-->` cue lines) belong to the timed importers."""
    return 0.1 if shape.cue_arrows >= 2 else 1.0


def _names_alone_lead(shape: Shape) -> bool:
    """Names alone without colons (`MR. SMITH`) label this file's turns, not `NAME:` lines."""
    return shape.names_alone >= 4 and shape.names_alone > max(
        shape.inline, shape.alone, shape.otter_headers, shape.markdown_labels
    )


def _short_exchange(shape: Shape) -> bool:
    """Two or three turns (`ALICE: Hi.` / `BOB: Hello.`, `Q:` / `A:`): too few for a label
    to repeat, so the labels must be different people and start most of the lines."""
    if shape.inline_keys < 2 or shape.alone or shape.otter_headers or shape.markdown_labels:
        return False
    return shape.inline * 2 >= min(shape.lines, max(shape.paragraphs, 2))


def _is_cart(shape: Shape) -> bool:
    return shape.cart >= 3 and shape.cart >= shape.inline


class LabelledTextImporter:
    """`NAME: text` inline: government, podcast and court transcripts, Q/A."""

    format = "labelled"
    label = "Speaker-labelled text"
    extensions = (".txt", ".text", ".md")

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        shape = shape_of(doc.text)
        if _is_cart(shape):
            return 0.0
        if _names_alone_lead(shape):
            return 0.6 * _timed_penalty(shape)
        if shape.inline < 2:
            return 0.0
        if shape.inline_repeated == 0 and shape.inline < 4 and not _short_exchange(shape):
            return 0.0
        density = shape.inline / max(1, shape.paragraphs)
        base = 0.4 + min(0.25, density / 2)
        if shape.alone > shape.inline:
            base -= 0.2
        return base * _timed_penalty(shape)

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        shape = shape_of(doc.text)
        if _names_alone_lead(shape):
            return build(doc, Style(inline=False, alone=False, names_alone=True))
        return build(doc, Style(inline=True, alone=shape.alone >= 2 or shape.alone_known >= 1))


class CaptionsImporter:
    """Live captions (CART): `>>` starts a new speaker, usually unnamed; hard line breaks."""

    format = "captions"
    label = "Live captions (>> speaker changes)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        shape = shape_of(doc.text)
        return 0.5 * _timed_penalty(shape) if _is_cart(shape) else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        return build(doc, Style(inline=True, alone=False, cart=True, merge=False))


IMPORTERS = (LabelledTextImporter(), CaptionsImporter())
