"""Q/A boards: `Name from Place`, the question, the answer; no speaker labels at all.

Seen on call-in shows and "ask the minister" pages:

    Maria from Lyon
    What happens to my pension if I move abroad?
    It stays yours: ...

The asker line names an audience member (role audience, the place as affiliation); the
answer is unattributed, because the page rarely names who answers each question.
"""

from __future__ import annotations

import re

from desktop.core.importers.base import Parsed, SourceDocument
from desktop.core.importers.cleanup import find_annotations, first_content_line, remove_junk
from desktop.core.importers.labelled import join_lines, shape_of
from desktop.core.importers.metadata import HeaderInfo, build_metadata
from desktop.core.importers.speakers import Label, SpeakerBook, split_inline
from desktop.core.model import Role, Turn

_ASKER = re.compile(
    r"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),?\s+(?:from|in|of|de|aus|da|di)\s+"
    r"(?P<place>[A-Z][^\n?!:;]{1,60}?)(?:\s+(?:asks|writes|wants to know|wonders))?\s*:?\s*$"
)


def _is_asker(lines: list[str], index: int) -> bool:
    """Line `index` names an asker and a question ending in `?` follows it."""
    if _ASKER.match(lines[index].strip()) is None or len(lines[index].split()) > 10:
        return False
    for following in lines[index + 1 : index + 6]:
        if following.rstrip().endswith(("?", "？", "؟")):
            return True
        if _ASKER.match(following.strip()):
            return False
    return False


class QABoardImporter:
    """`Name from Place` / question / answer blocks without labels."""

    format = "qa-board"
    label = "Q/A board (asker, question, answer)"
    extensions = (".txt",)

    def score(self, doc: SourceDocument) -> float:
        if doc.text is None:
            return 0.0
        shape = shape_of(doc.text)
        if shape.inline >= 2 or shape.alone >= 2 or shape.cue_arrows:
            return 0.0
        lines = [line for line in doc.text[:200_000].split("\n") if line.strip()]
        askers = sum(1 for i in range(len(lines)) if _is_asker(lines, i))
        return 0.6 if askers >= 2 else 0.0

    def parse(self, doc: SourceDocument) -> Parsed:
        assert doc.text is not None
        cleaned = remove_junk(doc.text, title=first_content_line(doc.text))
        lines = [line.strip() for line in cleaned.text.split("\n") if line.strip()]
        book = SpeakerBook()
        drafts: list[tuple[str | None, list[str]]] = []
        header: list[str] = []
        index = 0
        while index < len(lines):
            if _is_asker(lines, index):
                match = _ASKER.match(lines[index])
                assert match is not None
                label = Label(
                    raw=lines[index],
                    name=match.group("name"),
                    affiliation=match.group("place").strip(),
                )
                key = book.add(label)
                book.set_role(key, Role.AUDIENCE)
                question: list[str] = []
                index += 1
                while index < len(lines):
                    question.append(lines[index])
                    index += 1
                    if question[-1].endswith(("?", "？", "؟")):
                        break
                drafts.append((key, question))
                drafts.append((None, []))
                continue
            labelled = split_inline(lines[index]) if drafts else None
            words = labelled.label.name.split() if labelled is not None else []
            named = len(words) >= 2 and all(word[:1].isupper() for word in words)
            if labelled is not None and labelled.rest and named:
                # `Dr. Patel: Thanks everyone!`: a named speaker's own line, not the answer
                drafts.append((book.add(labelled.label), [labelled.rest]))
            elif drafts:
                drafts[-1][1].append(lines[index])
            else:
                header.append(lines[index])
            index += 1
        speakers = book.finish()
        turns = []
        for asker, parts in drafts:
            text = join_lines(parts)
            if text:
                speaker = None if asker is None else book.speaker_id(asker)
                turns.append(Turn(speaker, text, annotations=find_annotations(text)))
        info = HeaderInfo(title=header[0] if header else None)
        if len(header) > 1:
            info.lede = "\n\n".join(header[1:])
        metadata = build_metadata(info, {}, "\n".join(t.text for t in turns))
        return Parsed(
            turns=turns, speakers=speakers, metadata=metadata, removed=list(cleaned.removed)
        )


IMPORTERS = (QABoardImporter(),)
