"""Patterns compiled on first use behave as `re.compile`'s, and every one of them compiles."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from desktop.core.lazy_regex import LazyPattern, lazy

#: Modules that define their patterns with `lazy` (an error in one shows only on first use,
#: so each is compiled here).
LAZY_MODULES = (
    "desktop.core.importers.cleanup",
    "desktop.core.importers.metadata",
    "desktop.core.importers.speakers",
    "desktop.core.citations.people",
    "desktop.core.citations.record",
    "desktop.core.citations.typography",
    "desktop.core.quotes",
)

TEXTS = ["", "Q: Where were you?", "MARIA LOPEZ: In 2019. In Madrid, 2 May 2019.", "a-b a_b ab",
         "Ünïcödé Wörds and 日本語 text", "x" * 50]


def _patterns(value: Any) -> list[LazyPattern]:
    if isinstance(value, LazyPattern):
        return [value]
    if isinstance(value, tuple | list):
        return [p for item in value for p in _patterns(item)]
    return []


@pytest.mark.parametrize("name", LAZY_MODULES)
def test_every_lazy_pattern_of_a_module_compiles_as_written(name: str) -> None:
    module = importlib.import_module(name)
    found = [p for value in vars(module).values() for p in _patterns(value)]
    assert found, f"{name} defines no lazy patterns"
    for pattern in found:
        assert pattern.compiled().pattern == pattern.pattern


@pytest.mark.parametrize(
    ("source", "flags"),
    [(r"(?P<label>[A-Z][\w ]+):\s*(?P<rest>.*)", 0), (r"\b(in|at)\s+(\w+)", re.IGNORECASE),
     (r"[-_]", 0), (r"^\W*(\w+)", re.MULTILINE)],
)
def test_a_lazy_pattern_answers_as_the_compiled_one(source: str, flags: int) -> None:
    compiled = re.compile(source, flags)

    def spans(found: Any) -> Any:
        if isinstance(found, re.Match):
            return found.span(), found.groups()
        if found is None:
            return None
        return [(m.span(), m.groups()) for m in found]

    for text in TEXTS:
        fresh = lazy(source, flags)  # each method as the first use, and again after it
        assert spans(fresh.search(text)) == spans(compiled.search(text))
        for pattern in (lazy(source, flags), fresh):
            assert spans(pattern.match(text)) == spans(compiled.match(text))
            assert spans(pattern.fullmatch(text)) == spans(compiled.fullmatch(text))
            assert spans(pattern.search(text, 1)) == spans(compiled.search(text, 1))
            assert spans(pattern.finditer(text)) == spans(compiled.finditer(text))
            assert pattern.findall(text) == compiled.findall(text)
            assert pattern.sub("<\\g<0>>", text) == compiled.sub("<\\g<0>>", text)
            assert pattern.subn(lambda m: m.group(0).upper(), text, 1) == compiled.subn(
                lambda m: m.group(0).upper(), text, 1)
            assert pattern.split(text) == compiled.split(text)
        assert (fresh.flags, fresh.groups, dict(fresh.groupindex)) == (
            compiled.flags, compiled.groups, dict(compiled.groupindex))


def test_nothing_is_compiled_before_the_first_use_and_once_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: Any, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    pattern = lazy(r"never(?:used)?x{2}")
    assert pattern.pattern == r"never(?:used)?x{2}" and calls == []  # text without compiling
    assert pattern.search("a neverxx b") is not None
    assert pattern.match("neverusedxx") is not None
    assert calls == [r"never(?:used)?x{2}"]
    # From now on the compiled pattern's own methods answer (no call through this object).
    assert pattern.search.__self__ is pattern.compiled()  # type: ignore[attr-defined]


def test_a_broken_pattern_fails_on_first_use_with_re_error() -> None:
    broken = lazy(r"(unclosed")
    with pytest.raises(re.error):
        broken.search("text")
