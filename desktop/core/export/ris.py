"""RIS export (interview semantics, Zotero RIS.js-compatible: `TY  - PCOMM`, interviewee `AU`,
interviewer `A2`; citations.md §3.2, §4, golden.ris record 1)."""

from __future__ import annotations

from desktop.core.citations import CitationRecord, dates
from desktop.core.export.base import ExportDocument
from desktop.core.export.csl import straight_quotes


def _ris_date(value: str | None) -> str | None:
    from desktop.core.citations import PartialDate

    date = PartialDate.parse(value)
    if date is None:
        return None
    month = f"{date.month:02d}" if date.month else ""
    day = f"{date.day:02d}" if date.month and date.day else ""
    return f"{date.year:04d}/{month}/{day}/"


def _line(value: str) -> str:
    return " ".join(value.split())  # RIS values are one line each


def ris_entry(record: CitationRecord) -> list[tuple[str, str]]:
    tags: list[tuple[str, str]] = [("TY", "PCOMM")]
    if record.title:
        tags.append(("TI", straight_quotes(record.title)))
    tags += [("AU", p.inverted) for p in record.interviewees]
    if record.interviewer_person:
        tags.append(("A2", record.interviewer_person.inverted))
    if record.outlet:
        tags.append(("T2", record.outlet))
    published = _ris_date(record.published)
    if published:
        tags.append(("DA", published))
        tags.append(("PY", published[:4]))
    if record.medium:
        tags.append(("M3", record.medium))
    if record.url:
        tags.append(("UR", record.url))
    accessed = _ris_date(record.accessed)
    if accessed:
        tags.append(("Y2", accessed))
    if record.language:
        tags.append(("LA", record.language))
    recorded = record.recorded_date
    if record.place or recorded:
        when = dates.day_month_year(recorded, dates.MLA_MONTHS) if recorded else ""
        where = f"recorded at {record.place}" if record.place else "recorded"
        tags.append(("N1", f"Published interview; {where}{', ' + when if when else ''}."))
    tags.append(("ER", ""))
    return [(tag, _line(value)) for tag, value in tags]


class RisExporter:
    format = "ris"
    label = "RIS (EndNote, Zotero, Mendeley)"
    extension = ".ris"
    kind = "references"

    def render(self, document: ExportDocument) -> bytes:
        blocks = []
        for source in document.sources:
            lines = [f"{tag}  - {value}" for tag, value in ris_entry(source.record)]
            blocks.append("\r\n".join(lines))
        return ("\r\n\r\n".join(blocks) + "\r\n").encode("utf-8")
