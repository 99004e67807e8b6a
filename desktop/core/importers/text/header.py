"""The header of a text transcript: title, date, place, lede, oral-history fields."""

from __future__ import annotations

import re
from dataclasses import replace

from desktop.core.importers.metadata import (
    HeaderInfo,
    is_date_line,
    parse_date,
    place_from_line,
    read_header_lines,
)
from desktop.core.importers.speakers import (
    SpeakerBook,
    initials_key,
    is_initials,
    name_key,
)
from desktop.core.importers.text.blocks import (
    Block,
    Kind,
    Style,
    join_lines,
)
from desktop.core.importers.text.classify import (
    ANNOTATION_ALONE,
    COURT_HEADING,
    TIME_LINE,
    is_title_line,
    looks_like_heading,
)
from desktop.core.model import Role

_FIRST_PERSON = frozenset(
    re.split(
        r"\s+",
        "i i'm i’m i've i’ve me my we we're we’re our us you your je j’ai j'ai nous vous mon"
        " ma mes ich wir mein yo nosotros mi io noi eu nós",
    )
)


def take_header(
    blocks: list[Block], info: HeaderInfo, style: Style, front_title: str | None = None
) -> list[Block]:
    """Use the blocks before the first turn as title, date, place, lede; return the rest.

    A first line that looks like `Name: “words”` but whose label is never used again is the
    headline of a scrape, not speech. Long unlabelled prose before the first label (a talk
    before its Q&A) stays as unattributed turns rather than becoming a "lede". Headings and
    notes keep their place in the document; when the front matter names the title
    (`front_title`), a first heading that says something else (`## Introduction`) is the
    first section, not the title.
    """
    if not blocks:
        return blocks
    blocks = list(blocks)
    first = blocks[0]
    if (
        first.kind is Kind.TURN
        and first.label is not None
        and first.single_line
        and first.lines
        and first.start is None  # a turn with its time is speech, never a headline
    ):
        uses = sum(1 for b in blocks if b.label is not None and b.label.key == first.label.key)
        turns = sum(1 for b in blocks if b.kind is Kind.TURN)
        candidate = Block(Kind.TEXT, [f"{first.label.raw}: {first.lines[0].strip()}"])
        dated = all(is_date_line(line) or place_from_line(line) for line in first.lines[1:])
        if uses == 1 and turns >= 3 and is_title_line(candidate) and first.lines and dated:
            # the headline, with the date or place lines printed under it
            blocks[0] = Block(Kind.TEXT, candidate.lines + first.lines[1:], single_line=False)
    if blocks[0].kind is Kind.HEADING and style.markdown and _is_title(blocks[0], front_title):
        info.title = blocks[0].text
        blocks = blocks[1:]
    index = next((i for i, b in enumerate(blocks) if b.kind is Kind.TURN), len(blocks))
    header, body = blocks[:index], blocks[index:]
    if not body:
        # no labelled turn at all: a talk, a speech, an essay
        return _talk(blocks, info, front_title)
    if (
        header
        and header[-1].kind is Kind.TEXT
        and header[-1].single_line  # a stack of header lines is not one heading
        and looks_like_heading(header[-1].text)
        and (len(header) > 1 or info.title is not None)
    ):
        # the line just above the first turn heads it: a section, never the title
        last_heading = [replace(header.pop(), kind=Kind.HEADING)]
    else:
        last_heading = []
    # `(Intro music: …)` before the first turn: a note kept in the text, never title or lede
    # (a bracketed date alone, `(February 16, 2021)`, is the header's date, not a note)
    notes = [
        b
        for b in header
        if b.kind is Kind.TEXT
        and ANNOTATION_ALONE.fullmatch(b.text)
        and not is_date_line(b.text.strip().strip("()[]").strip())
    ]
    # Title and fields are read from the other blocks; each note then goes back in front of
    # the same number of blocks it had after it (those are never taken as title or field).
    is_note = {id(b) for b in notes}
    placed: list[tuple[int, Block]] = []  # (blocks after it that are not notes, the note)
    others_after = 0
    for block in reversed(header):
        if id(block) in is_note:
            placed.insert(0, (others_after, block))
        else:
            others_after += 1
    header = [b for b in header if id(b) not in is_note]
    if header and info.title is None:
        if header[0].kind is Kind.HEADING:
            if _is_title(header[0], front_title):
                info.title = header[0].text.strip("# ")
                header = header[1:]
        else:
            found = HeaderInfo()
            rest = _take_title(header, found)
            if found.title is None:
                pass
            elif not front_title or _squash(found.title) == _squash(front_title):
                info.title, header = found.title, rest
            elif _header_line(found.title):
                # the front matter names the title: a header line (a place, a byline) heads
                # the lede instead; a line that speaks ("Good afternoon. I …") stays put
                _add_to_lede(info, [found.title])
                header = rest
    header = _take_fields(header, info)
    for count, note in placed:
        header.insert(max(0, len(header) - count), note)
    header += last_heading
    # What is left, in the document's order: headings and notes stay where they were (they
    # become sections and annotations of the text around them); prose is header or speech.
    pieces: list[Block | str] = []
    for block in header:
        if block.kind is Kind.HEADING or id(block) in is_note:
            pieces.append(block)
            continue
        left = read_header_lines(block.lines, info)
        if left:
            short = all(len(line) <= 80 for line in left) and len(left) > 1
            joiner = "\n" if short else " "  # a stack of header lines stays a stack
            pieces.append(joiner.join(join_lines([line]) for line in left))
    headings = [p for p in pieces if isinstance(p, Block) and p.kind is Kind.HEADING]
    if info.date is None:
        info.date = next(
            (d for d in (parse_date(h.text) for h in headings) if d is not None), None
        )
    prose = [p for p in pieces if isinstance(p, str)]
    if not _is_speech(prose):
        _add_to_lede(info, prose)
        return [p for p in pieces if isinstance(p, Block)] + body
    intro = _introduction(pieces)
    if intro:
        _add_to_lede(info, [p for p in pieces[:intro] if isinstance(p, str)])
        notes_before: list[Block | str] = [p for p in pieces[:intro] if isinstance(p, Block)]
        pieces = notes_before + pieces[intro:]
    kept = [
        Block(Kind.TEXT, [p], single_line=False, talk=True) if isinstance(p, str) else p
        for p in pieces
    ]
    return kept + body


def _header_line(line: str) -> bool:
    """A line that names (a place, a byline, an event), not a sentence that speaks: no
    first person and no full stop at its end."""
    return not _first_person(line) and not line.rstrip(" \"'”’»)").endswith((".", "!", "…"))


def _add_to_lede(info: HeaderInfo, paragraphs: list[str]) -> None:
    """The lede gets these paragraphs after what it holds (header fields read earlier)."""
    if paragraphs:
        info.lede = "\n\n".join([*([info.lede] if info.lede else []), *paragraphs])


def _is_title(heading: Block, front_title: str | None) -> bool:
    """A leading heading is the title unless the front matter names another one."""
    if not front_title:
        return True
    return _squash(heading.text.strip("# ")) == _squash(front_title)


def _squash(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _introduction(pieces: list[Block | str]) -> int:
    """How many leading pieces are an editor's introduction to the talk that follows: prose
    before the document's first section heading, in the third person ("This is a transcript
    of … Here is a video."), with the talk in the first person after the heading. 0 when
    there is none: a talk that starts without a heading, or whose opening paragraphs speak
    in the first person, keeps every word as speech."""
    first_heading = next(
        (i for i, p in enumerate(pieces) if isinstance(p, Block) and p.kind is Kind.HEADING),
        None,
    )
    if first_heading is None:
        return 0
    before = [p for p in pieces[:first_heading] if isinstance(p, str)]
    after = [p for p in pieces[first_heading:] if isinstance(p, str)]
    # a spoken opening says I or we ("We call this the post-lunch session"); an editor's
    # note speaks of the event and may address its reader ("if you were a participant")
    if not before or any(_first_person(p, reader=False) for p in before):
        return 0
    # the prose as a whole reads as speech: the first person is after the heading
    return first_heading if any(_first_person(p) for p in after) else 0


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
        and not TIME_LINE.match(item[2])
        and not COURT_HEADING.match(item[2])  # `DIRECT EXAMINATION` heads a part only
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


#: A word with its digits (`adam3us` is a name, not "adam" and "us").
_WORD = re.compile(r"\w+(?:['’]\w+)?")
#: Addresses, whose parts are not words (`diyhpl.us`, `https://…/we/`).
_ADDRESS = re.compile(r"\S+://\S+|\S*\w\.\w{2,}/\S*|\b[\w-]+(?:\.[\w-]+)+\b")


#: Second-person words: an editor's note addresses its reader ("if you were a participant").
_SECOND_PERSON = frozenset({"you", "your", "vous"})


def _first_person(text: str, *, reader: bool = True) -> int:
    """How many first-person words (I, we, my, je, ich, yo …) a text holds; with `reader`
    False, without the second person (`you`), which an editor's note uses too."""
    words = _WORD.findall(_ADDRESS.sub(" ", text).casefold())
    return sum(1 for w in words if w in _FIRST_PERSON and (reader or w not in _SECOND_PERSON))


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


def field_metadata(fields: dict[str, str]) -> dict[str, str]:
    """Header fields as front-matter keys (`date`, `place`, `title`) for `build_metadata`."""
    found: dict[str, str] = {}
    for key, value in fields.items():
        kind = _FIELD_KEYS.get(key.casefold())
        if kind in ("date", "place", "title", "language") and kind not in found:
            found[kind] = value
    return found


def people_from_fields(book: SpeakerBook, fields: dict[str, str]) -> None:
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


def _talk(blocks: list[Block], info: HeaderInfo, front_title: str | None) -> list[Block]:
    """A text without labels: a title line on top (a `#` heading or a headline alone), then
    the talk's paragraphs, one unattributed turn each. When the front matter names another
    title, a heading stays a section and a headline goes to the lede."""
    blocks = list(blocks)
    if blocks and info.title is None:
        first = blocks[0]
        if first.kind is Kind.HEADING and _is_title(first, front_title):
            info.title = first.text.strip("# ")
            blocks = blocks[1:]
        elif (
            first.kind is Kind.TEXT
            and len(blocks) > 2
            and is_title_line(first)
            and len(first.text) <= 120
        ):
            if _is_title(first, front_title):
                info.title = first.text
                blocks = blocks[1:]
            elif _header_line(first.text):  # the front matter names another title
                _add_to_lede(info, [first.text])
                blocks = blocks[1:]
    return _take_fields(blocks, info)


def _take_fields(blocks: list[Block], info: HeaderInfo) -> list[Block]:
    """Leading one-line `Key: value` paragraphs (`Location: …`, `Slides: <url>`), which the
    grammar did not take as labels: the header's fields, kept as the lede, never speech."""
    fields: list[str] = []
    while (
        blocks
        and blocks[0].kind is Kind.TEXT
        and len(blocks[0].lines) == 1
        and _FIELD_START.match(blocks[0].text)
        and not _first_person(blocks[0].text)  # `Dictionary terms: we have …` is speech
    ):
        fields.append(blocks[0].text)
        blocks = blocks[1:]
    if fields:
        _add_to_lede(info, ["\n".join(fields)])
    return blocks


#: A header field line of a talk: a short key, a colon, a value (`位置：Adopting Bitcoin`).
_FIELD_START = re.compile(r"^[^\W\d_][\w '’-]{0,30}?\s?[:：]\s*\S.{0,300}$")
