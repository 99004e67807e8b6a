"""A segment writer's postings held in memory, as compact arrays, until the segment is written.

Whoosh's writer pickles every posting (field, word, turn, weight, value) into sorted runs on
disk and merges them back with a heap when the segment is written: at 10 million words that
was a third of the build. A segment's postings arrive grouped by turn, in turn order, so
keeping one growing array per word gives each word's turns already sorted; writing the segment
then only sorts the words. Eight bytes a posting (turn number and weight, both 32-bit), plus
the word itself once.

Weights are how often a turn says a word (integers: the schema has no boosts); the value
bytes of a posting are kept only for fields whose format stores more than that (the speaker
field's positions).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

#: Python's own cost of one word's entry (its array, key and dictionary slot), in bytes; used
#: only to estimate the memory the postings hold (`megabytes`).
_ENTRY_BYTES = 160


class Postings:
    """Postings by field and word: `add` appends one turn's words; `terms` gives each
    field's words (sorted, as Whoosh writes them) with their turns and weights."""

    def __init__(self, valued_fields: Iterable[str] = ()) -> None:
        #: field -> word -> array of (turn, weight) pairs, interleaved.
        self._fields: dict[str, dict[str, array[int]]] = {}
        #: field -> word -> each posting's value bytes (only `valued_fields`).
        self._values: dict[str, dict[str, list[bytes]]] = {
            name: {} for name in valued_fields}
        #: The fields whose postings keep values (`add_valued`).
        self.valued = frozenset(self._values)
        self.count = 0
        self._entries = 0

    def __len__(self) -> int:
        return self.count

    def megabytes(self) -> float:
        """About how much memory the postings hold."""
        return (self.count * 8 + self._entries * _ENTRY_BYTES) / (1 << 20)

    def add(self, fieldname: str, docnum: int, weights: Iterable[tuple[str, int]]) -> None:
        """Record that turn `docnum` says each word (with its weight) in `fieldname`. Turns
        must be added in ascending order per word."""
        words = self._fields.get(fieldname)
        if words is None:
            words = self._fields[fieldname] = {}
        new = 0
        n = 0
        for word, weight in weights:
            entry = words.get(word)
            if entry is None:
                entry = words[word] = array("I")
                new += 1
            entry.append(docnum)
            entry.append(weight)
            n += 1
        self.count += n
        self._entries += new

    def add_valued(
        self, fieldname: str, docnum: int, items: Iterable[tuple[str, int, bytes]]
    ) -> None:
        """As `add`, keeping each posting's value bytes (a field with positions)."""
        values = self._values[fieldname]
        items = list(items)
        self.add(fieldname, docnum, ((word, weight) for word, weight, _v in items))
        for word, _weight, value in items:
            found = values.get(word)
            if found is None:
                values[word] = [value]
            else:
                found.append(value)

    def add_run(
        self, fieldname: str, word: str, docnums: Iterable[int], weights: Iterable[int],
        values: Iterable[bytes] | None = None,
    ) -> None:
        """Append many turns of one word at once (a merged segment's postings)."""
        words = self._fields.get(fieldname)
        if words is None:
            words = self._fields[fieldname] = {}
        entry = words.get(word)
        if entry is None:
            entry = words[word] = array("I")
            self._entries += 1
        before = len(entry)
        pairs = array("I", docnums)
        doubled = array("I", bytes(8 * len(pairs)))
        doubled[0::2] = pairs
        doubled[1::2] = array("I", weights)
        entry.extend(doubled)
        self.count += (len(entry) - before) // 2
        if fieldname in self._values:
            self._values[fieldname].setdefault(word, []).extend(values or ())

    def fields(self) -> list[str]:
        return sorted(self._fields)

    def terms(self, fieldname: str) -> Iterator[tuple[bytes, array[int], array[int],
                                                       list[bytes] | None]]:
        """(word as UTF-8, turns, weights, values or None) of each word of the field, in
        Whoosh's order (by UTF-8 bytes); each word's entry is released once given."""
        words = self._fields.pop(fieldname, {})
        values = self._values.get(fieldname)
        keyed = sorted((word.encode("utf-8", "surrogatepass"), word) for word in words)
        for btext, word in keyed:
            entry = words.pop(word)
            yield (btext, entry[0::2], entry[1::2],
                   values.pop(word, []) if values is not None else None)
        self.count = sum(len(e) // 2 for w in self._fields.values() for e in w.values())
