"""The layer rules of docs/ARCHITECTURE.md, read from the source's import statements.

- `desktop.core` imports no Qt (and nothing of the UI or the command line);
- only `desktop/core/search/whoosh_engine.py` imports Whoosh;
- the UI and the command line reach the user's data (library, quote board, index) only through
  `desktop.core.workspace`: they import none of the stores and call no importer or index
  opener themselves;
- no import cycles: none among the modules a load runs, and in the core none even counting
  imports made only for type checking.

Parsed with `ast` (nothing is imported), so a rule broken anywhere fails here with the file and
line, whichever feature the code belongs to.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "desktop"

QT = ("PySide6", "shiboken6", "qdarktheme")
WHOOSH_HOME = "desktop.core.search.whoosh_engine"
#: Modules that own the user's data: only the workspace (and the core below it) use them.
STORES = ("desktop.core.library", "desktop.core.quote_store", WHOOSH_HOME)
#: Names that read files or open the index behind the workspace's back.
BACK_DOORS = ("import_file", "open_index", "open_library_index")
#: Store classes in modules the UI may otherwise use (their helpers are plain functions).
STORE_CLASSES = {"desktop.core.media": ("MediaStore",)}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the module imported (for `from X import Y`: X.Y when that is a module)
    names: tuple[str, ...]
    line: int
    typing_only: bool  # under `if TYPE_CHECKING:`
    at_load: bool  # runs when the module is loaded (not inside a function)

    def where(self) -> str:
        return f"{self.module.replace('.', '/')}.py:{self.line}"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def walk(node: ast.AST, typing_only: bool, at_load: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(name, alias.name, (), child.lineno, typing_only, at_load)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.split(".")
                    parent = parent[: len(parent) - child.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                names = tuple(alias.name for alias in child.names)
                submodules = [f"{base}.{n}" for n in names if f"{base}.{n}" in known]
                for target in submodules or [base]:
                    yield Import(name, target, names, child.lineno, typing_only, at_load)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                yield from walk(child, True, at_load)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, typing_only, False)
            else:
                yield from walk(child, typing_only, at_load)

    yield from walk(tree, False, True)


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    found = modules()
    known = set(found)
    return [imp for name, path in found.items() for imp in imports_of(name, path, known)]


def _top(target: str) -> str:
    return target.split(".")[0]


def test_the_core_imports_no_qt_and_nothing_above_it(graph: list[Import]) -> None:
    bad = [
        f"{i.where()} imports {i.target}"
        for i in graph
        if i.module.startswith("desktop.core")
        and (_top(i.target) in QT or i.target.startswith(("desktop.ui", "desktop.commands",
                                                           "desktop.cli")))
    ]
    assert bad == []


def test_only_the_whoosh_engine_imports_whoosh(graph: list[Import]) -> None:
    bad = [f"{i.where()} imports {i.target}" for i in graph
           if _top(i.target) == "whoosh" and i.module != WHOOSH_HOME]
    assert bad == []
    assert any(i.module == WHOOSH_HOME and _top(i.target) == "whoosh" for i in graph)


@pytest.mark.parametrize("layer", ["desktop.ui", "desktop.commands"])
def test_the_ui_and_the_cli_reach_user_data_only_through_the_workspace(
    graph: list[Import], layer: str
) -> None:
    bad = [
        f"{i.where()} imports {i.target}" for i in graph
        if i.module.startswith(layer) and i.target.startswith(STORES)
    ]
    bad += [
        f"{i.where()} imports {name} from {i.target}" for i in graph
        if i.module.startswith(layer) and i.target.startswith("desktop.core")
        for name in i.names
        if name in BACK_DOORS or name in STORE_CLASSES.get(i.target, ())
    ]
    assert bad == []
    assert any(i.module.startswith(layer) and i.target == "desktop.core.workspace"
               for i in graph)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def _edges(graph: list[Import], keep: object) -> dict[str, set[str]]:
    known = {i.module for i in graph}
    edges: dict[str, set[str]] = {}
    for imp in graph:
        if imp.target in known and imp.target != imp.module and keep(imp):  # type: ignore[operator]
            edges.setdefault(imp.module, set()).add(imp.target)
    return edges


def test_no_import_cycles_when_modules_load(graph: list[Import]) -> None:
    assert _cycles(_edges(graph, lambda i: i.at_load and not i.typing_only)) == []


def test_no_import_cycles_in_the_core_even_for_type_checking(graph: list[Import]) -> None:
    core = [i for i in graph if i.module.startswith("desktop.core")]
    assert _cycles(_edges(core, lambda i: i.at_load)) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The checks above can fail: a two-module and a three-module loop are found."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
    assert _cycles({"x": {"y"}, "y": {"z"}, "z": {"x"}}) == [["x", "y", "z"]]
    assert _cycles({"x": {"y"}, "y": {"z"}}) == []
