"""Step 4 of the text engine: blocks -> turns, speakers and metadata (`build`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import (
    drop_page_chrome,
    find_annotations,
    first_content_line,
    is_html_page,
    page_headings,
    page_title,
    remove_junk,
    split_indented_paragraphs,
    strip_framing_quotes,
    strip_html,
)
from desktop.core.importers.metadata import (
    HeaderInfo,
    build_metadata,
    looks_like_outlet,
    split_front_matter,
)
from desktop.core.importers.speakers import (
    Label,
    RoleContext,
    SpeakerBook,
    infer_roles,
    interviewer_named,
    is_anonymous,
    role_from_label,
)
from desktop.core.importers.text.blocks import (
    Block,
    Kind,
    Style,
    iter_paragraphs,
)
from desktop.core.importers.text.classify import (
    ANNOTATION_ALONE,
    TRANSCRIPT_MARKER,
    drop_furniture,
    drop_tail_furniture,
    mark_headings,
)
from desktop.core.importers.text.header import (
    field_metadata,
    header_fields,
    people_from_fields,
    take_header,
)
from desktop.core.importers.text.lines import (
    markdown_to_text,
)
from desktop.core.importers.text.tokenise import (
    tokenise,
)
from desktop.core.model import Role, Section, Segment, Turn


@dataclass(slots=True)
class _Draft:
    key: str | None
    paragraphs: list[str]
    start: float | None
    merge: bool
    unlabelled_text: bool = False
    talk: bool = False
    timed: list[tuple[float, str]] = field(default_factory=list)
    #: The last paragraph is unlabelled prose ending in a question, taken as this turn's
    #: continuation; a label of the same speaker right after it says it was someone else's.
    asked_after: bool = False


#: A `>>` inside a line of live captions (after words, before words): a change of speaker
#: the captioner wrote mid-paragraph.
_MID_CHEVRON = re.compile(r"(?<=\S)[ \t]+>>(?=[ \t]+\S)")


def build(doc: SourceDocument, style: Style, *, warnings: list[str] | None = None) -> Parsed:
    """The shared engine: text of a speaker-labelled shape -> `Parsed`."""
    assert doc.text is not None
    front = split_front_matter(doc.text)
    front_fields = front.fields
    text = front.body
    repaired: list[str] = []
    page = is_html_page(text)
    title_of_page = page_title(text) if page else None
    headings_of_page = page_headings(text) if page else frozenset()
    text, chrome = drop_page_chrome(text)
    text, tags = strip_html(text, page=page)
    if not style.markdown:  # in Markdown an indent belongs to lists and code, not paragraphs
        text = split_indented_paragraphs(text)
    if tags:
        repaired.append(f"removed {tags} HTML tags")
    if style.cart:  # `… using. >> Charles Dickens. >> SETH POLSLEY: So …`: each `>>` a turn
        text = _MID_CHEVRON.sub("\n>>", text)
    cleaned = remove_junk(text, title=first_content_line(text))
    removed = chrome + list(cleaned.removed)
    text = cleaned.text
    text, fields = header_fields(text)
    front_fields = {**field_metadata(fields), **front_fields}
    del cleaned, front  # large files: let each stage's copy go as soon as it is used
    if style.markdown:
        text = markdown_to_text(text, repaired)
    notes: list[Block] = []
    marker = TRANSCRIPT_MARKER.search(text[:50_000])
    if marker is not None and marker.start() > 0:
        # Show notes above a `Transcript` line: header prose, whatever colons they hold
        notes = [
            Block(Kind.TEXT, para, single_line=len(para) == 1)
            for para in iter_paragraphs(text[: marker.start()])
        ]
        removed.append(marker.group(0).strip())
        text = text[marker.end() :]
    blocks = drop_furniture(tokenise(text, style, repaired), removed)
    if headings_of_page:  # `<h2>Closing session</h2>` is a heading even with speech below it
        blocks = [replace(b, kind=Kind.HEADING) if b.kind is Kind.TEXT
                  and " ".join(b.text.split()) in headings_of_page else b for b in blocks]
    blocks = drop_tail_furniture(mark_headings(notes + blocks), removed)
    del text
    info = HeaderInfo()
    body = take_header(blocks, info, style, front_title=front_fields.get("title"))
    if info.title is None and title_of_page is not None:
        info.title = title_of_page  # the page's <title>, when its text names none
    del blocks
    warn: list[str] = list(warnings or [])

    book = SpeakerBook()
    drafts: list[_Draft] = []
    sections: list[Section] = []
    broken = True  # a heading (or the start) breaks merging
    for block in body:
        words = block.text
        block.lines = []  # the joined words replace the lines: one copy of the text at a time
        if block.kind is Kind.TEXT and ANNOTATION_ALONE.fullmatch(words):
            # `(Cross-talk.)`, `(Applause)`, `[Music]` alone: a note in the turn it interrupts
            # (marked as an annotation there), never a turn of its own nor the end of one;
            # before any turn it stays an unattributed note.
            if drafts and not broken:
                drafts[-1].paragraphs.append(words)
                drafts[-1].asked_after = False
            else:
                drafts.append(_Draft(None, [words], block.start, False, True))
                broken = False
            continue
        if block.kind is Kind.HEADING:
            _drop_empty(drafts, warn)
            sections.append(Section(words.strip("# "), len(drafts)))
            broken = True
            continue
        if block.kind is Kind.TEXT:
            # a talk's paragraphs form one turn until a heading starts its next section
            talk_goes_on = bool(drafts) and block.talk and drafts[-1].talk and not broken
            if talk_goes_on or (drafts and not drafts[-1].unlabelled_text and not broken):
                drafts[-1].paragraphs.append(words)
                drafts[-1].timed.extend(block.timed)
                drafts[-1].asked_after = (
                    drafts[-1].key is not None and not block.timed and _asks(words)
                )
            elif style.cart and drafts and drafts[-1].key is not None:
                # live captions change speaker only at `>>`: under a session heading the
                # speaker before it goes on, in a turn of the new section
                drafts.append(_Draft(drafts[-1].key, [words], block.start, False,
                                     timed=block.timed))
                broken = False
            else:  # prose before any label or under a heading: nobody is named for it
                drafts.append(
                    _Draft(None, [words], block.start, False, True, block.talk, block.timed)
                )
                broken = broken and not block.talk  # the section's talk has begun
            continue
        key = book.add(block.label) if block.label is not None else None
        _drop_empty(drafts, warn)
        previous = drafts[-1] if drafts else None
        if (
            previous is not None
            and previous.asked_after
            and not broken  # a heading between: the speaker is named again for the section
            and len(previous.paragraphs) > 1  # never the label's own (first) words
            and key == previous.key
        ):
            # `AA: answer` / `What would you suggest?` / `AA: answer`: the transcript names
            # AA again because someone else asked; the question is nobody's, never AA's
            drafts.append(_Draft(None, [previous.paragraphs.pop()], None, False, True))
            previous.asked_after = False
            previous = drafts[-1]
            if _UNLABELLED_QUESTION not in warn:
                warn.append(_UNLABELLED_QUESTION)
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
                previous.timed.extend(block.timed)
        else:
            drafts.append(
                _Draft(key, [words] if words else [], block.start, block.merge, timed=block.timed)
            )
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
    people_from_fields(book, fields)
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
            segments=segments_of(d.timed, t),
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


_UNLABELLED_QUESTION = (
    "an unlabelled question between two turns of one speaker was kept as nobody's turn"
)
_ENDS_ASKING = re.compile(r"[?？؟][\s\"'”’»)\]]*$")


def _asks(words: str) -> bool:
    """The paragraph ends with a question."""
    return _ENDS_ASKING.search(words[-20:]) is not None


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


def segments_of(timed: list[tuple[float, str]], text: str) -> tuple[Segment, ...]:
    """A turn's segments from the times taken out of its lines (two or more: one time is
    just the turn's start). Each runs to the next one; words the turn lost (framing quotes)
    are looked up without them."""
    if len(timed) < 2:
        return ()
    segments = []
    for index, (start, words) in enumerate(timed):
        end = timed[index + 1][0] if index + 1 < len(timed) else start
        segments.append(Segment(start, max(start, end), words))
    return tuple(segments)
