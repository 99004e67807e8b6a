"""CSL-JSON export of the sources (citations.md §3.1, §4, golden record 1: type `interview`,
interviewee as author; inner quotation marks stored straight; dates as `date-parts`)."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.citations import CitationRecord, PartialDate, Person
from desktop.core.export.base import ExportDocument


def _name(person: Person) -> dict[str, str]:
    return (
        {"family": person.family, "given": person.given}
        if person.given
        else {"literal": person.full or person.name}
    )


def _date(date: PartialDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    parts = (
        [date.year]
        + ([date.month] if date.month else [])
        + ([date.day] if date.month and date.day else [])
    )
    return {"date-parts": [parts]}


def straight_quotes(text: str) -> str:
    """Inner quotation stored with straight double quotes, for processors to localise (§3.1)."""
    return text.replace("“", '"').replace("”", '"')


def csl_item(record: CitationRecord) -> dict[str, Any]:
    item: dict[str, Any] = {"id": record.citation_key, "type": "interview"}
    if record.title:
        item["title"] = straight_quotes(record.title)
    if record.interviewees:
        item["author"] = [_name(p) for p in record.interviewees]
    if record.interviewer_person:
        item["interviewer"] = [_name(record.interviewer_person)]
    if record.outlet:
        item["container-title"] = record.outlet
    if record.medium:
        item["medium"] = record.medium
    if record.duration:
        item["dimensions"] = record.duration
    if record.place:
        item["event-place"] = record.place
    for key, value in (("event-date", _date(record.recorded_date)),
                       ("issued", _date(record.published_date)),
                       ("accessed", _date(record.accessed_date))):  # fmt: skip
        if value:
            item[key] = value
    if record.url:
        item["URL"] = record.url
    if record.language:
        item["language"] = record.language
    return item


class CslJsonExporter:
    format = "csl-json"
    label = "CSL-JSON (Zotero, Pandoc)"
    extension = ".json"
    kind = "references"

    def render(self, document: ExportDocument) -> bytes:
        items = [csl_item(source.record) for source in document.sources]
        return (json.dumps(items, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
