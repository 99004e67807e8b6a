"""The format labels a window shows without importing the importers are the importers' own."""

from __future__ import annotations

from desktop.core.importers import FORMAT_LABELS, available_importers, format_label


def test_every_importer_label_is_in_the_table_and_nothing_else() -> None:
    assert {imp.format: imp.label for imp in available_importers()} == FORMAT_LABELS


def test_an_unknown_format_is_named_by_its_id() -> None:
    assert format_label("news-scrape") == "News-site interview"
    assert format_label("no-such-format") == "no-such-format"
