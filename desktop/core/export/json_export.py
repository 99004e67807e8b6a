"""JSON export: everything, machine-readable (anchors included, so a script can re-check)."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.export.base import ExportDocument


class JsonExporter:
    format = "json"
    label = "JSON"
    extension = ".json"
    kind = "quotes"

    def render(self, document: ExportDocument) -> bytes:
        data: dict[str, Any] = {
            "exported_by": {"app": document.app, "version": document.version},
            "exported_at": document.exported_at,
            "style": document.style,
            "sources": [
                {
                    "path": s.path,
                    "name": s.name,
                    "sha256": s.sha256,
                    "title": s.title,
                    "citation_details": s.record.to_mapping(),
                }
                for s in document.sources
            ],
            "quotes": [],
        }
        for e in document.entries:
            q = e.item.quote
            c = e.citation
            data["quotes"].append(
                {
                    "number": e.number,
                    "text": q.text,
                    "words": q.words(),
                    "speaker": q.speaker,
                    "locator": e.locator,
                    "source": {"path": q.source_path, "sha256": q.source_sha256},
                    "anchor": {
                        "turn": q.turn,
                        "start": q.start,
                        "end": q.end,
                        "elisions": [list(g) for g in q.elisions],
                    },
                    "note": e.item.note,
                    "tags": list(e.item.tags),
                    "citation": {
                        "quote": c.quote.plain,
                        "in_text": c.in_text.plain,
                        "note": c.note.plain,
                        "reference": c.reference.plain,
                        "attribution": c.attribution.plain,
                        "html": {
                            "quote": c.quote.html,
                            "in_text": c.in_text.html,
                            "note": c.note.html,
                            "reference": c.reference.html,
                            "attribution": c.attribution.html,
                        },
                    },
                }
            )
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
