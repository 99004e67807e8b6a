"""The People panel: one list of the people in the library (the bundled euronews interview and
the State Department's MSNBC transcript, both with Antony Blinken), merge and split, and the
Library search's `speaker:` finding a person under every name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop import paths
from desktop.ui.main_window import MainWindow
from desktop.ui.people_controller import PeopleController, controller_of
from desktop.ui.search_controller import SearchController
from desktop.ui.views.search_panel import SCOPE_LIBRARY
from tests.ui.test_search_panel import wait_for_results

pytestmark = pytest.mark.timeout(90)

MSNBC = Path(__file__).resolve().parents[1] / "data" / \
    "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"


@pytest.fixture
def people(qtbot: Any, window: MainWindow) -> Any:
    found = controller_of(window)
    assert isinstance(found, PeopleController)
    qtbot.waitUntil(lambda: found.session.ready, timeout=10_000)
    added: list[Any] = []
    found.session.add([paths.sample_interview(), MSNBC], on_done=added.append)
    qtbot.waitUntil(lambda: bool(added), timeout=20_000)
    yield found
    found.session.wait(10_000)


def person(controller: PeopleController, name: str) -> Any:
    assert controller.people is not None
    return next(p for p in controller.people if p.name == name)


def select(controller: PeopleController, *names: str) -> None:
    tree = controller.panel.people
    tree.clearSelection()
    for name in names:  # in this order: the first selected names the merged person
        item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                    if tree.topLevelItem(i).text(0) == name)  # type: ignore[union-attr]
        item.setSelected(True)  # type: ignore[union-attr]


def test_people_merge_split_and_search_by_person(
    qtbot: Any, window: MainWindow, people: PeopleController
) -> None:
    people.show_panel()
    qtbot.waitUntil(lambda: people.people is not None, timeout=20_000)
    names = people.panel.names()
    assert "Antony Blinken" in names and "SECRETARY BLINKEN" in names
    blinken = person(people, "Antony Blinken")
    assert blinken.interviews == 1 and blinken.turns > 0 and blinken.words > blinken.turns

    search = window.findChild(SearchController, "searchController")
    assert isinstance(search, SearchController)
    search.search("speaker:antony mistake", SCOPE_LIBRARY)
    before = wait_for_results(qtbot, search, "speaker:antony mistake")
    assert all("MSNBC" not in h.title for h in before.hits)

    select(people, "Antony Blinken", "SECRETARY BLINKEN")
    assert people.panel.merge_button.isEnabled()
    people.panel.merge_button.click()
    qtbot.waitUntil(lambda: person(people, "Antony Blinken").interviews == 2, timeout=20_000)
    assert "SECRETARY BLINKEN" not in people.panel.names()
    assert (Path(paths.user_data_dir()) / "people.json").is_file()  # kept for next time

    assert 'speaker:"SECRETARY BLINKEN"' in people.expand("speaker:antony mistake")
    search.search("speaker:antony  mistake", SCOPE_LIBRARY)
    after = wait_for_results(qtbot, search, "speaker:antony  mistake")
    assert any("MSNBC" in h.title for h in after.hits)  # the same person under another label

    select(people, "Antony Blinken")
    tree = people.panel.interviews
    msnbc = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                 if "MSNBC" in tree.topLevelItem(i).text(0))  # type: ignore[union-attr]
    msnbc.setSelected(True)  # type: ignore[union-attr]
    assert people.panel.split_button.isEnabled()
    people.panel.split_button.click()
    qtbot.waitUntil(lambda: person(people, "Antony Blinken").interviews == 1, timeout=20_000)
    assert "SECRETARY BLINKEN" in people.panel.names()


def test_the_filter_finds_a_person_by_any_name(
    qtbot: Any, window: MainWindow, people: PeopleController
) -> None:
    people.show_panel()
    qtbot.waitUntil(lambda: people.people is not None, timeout=20_000)
    people.panel.filter.setText("koutsokosta")
    assert people.panel.names() == ["Efi Koutsokosta"]
