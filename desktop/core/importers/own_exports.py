"""Recognise Verbatim's own quote exports, so they are never imported as transcripts.

Why: an export is prose with labels ("Speaker: …") or JSON, so the importers read it as a
labelled transcript (speakers named `"path"` and `"sha256"`), and indexing a home folder,
where exports are saved by default, would fill the library with them. Every quote export
carries a provenance block that says who wrote it; this module looks for it in the raw bytes,
before any importer guesses a shape:

- Markdown, plain text and HTML end with a "Provenance" heading and the line
  "Exported by Verbatim <version> on <date>.";
- JSON starts with `{"exported_by": {"app": "Verbatim", …`;
- CSV starts with the export's own header row (… `exported_by,exported_at`);
- DOCX holds the provenance line in its document properties (docProps/core.xml).

The reference-manager formats (CSL-JSON, RIS, BibTeX) are bibliographies with no provenance
block; they are not claimed here.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Final

from desktop import appinfo

#: What the refusal says after the file's name ("“q.md” is a Verbatim quote export, …").
REASON: Final = f"is a {appinfo.APP_NAME} quote export, not a transcript"

_APP: Final = re.escape(appinfo.APP_NAME.encode())
_LINE: Final = re.compile(rb"Exported by " + _APP + rb" \S+ on \d{4}-\d{2}-\d{2}")
_HEADING: Final = re.compile(rb"(?m)^(?:#{1,6} )?Provenance\s*$|<h2>Provenance</h2>")
_JSON: Final = re.compile(rb'\A\s*\{\s*"exported_by"\s*:\s*\{\s*"app"\s*:\s*"' + _APP + rb'"')
_CSV_HEADER: Final = re.compile(rb"\A(?:\xef\xbb\xbf)?number,quote,speaker,locator,source,sha256,"
                                rb"note,tags,citation,reference,exported_by,exported_at\r?\n")
#: The provenance block ends a text export; its tail is enough to find it.
_TAIL: Final = 64_000
_CORE_XML: Final = "docProps/core.xml"
_CORE_XML_LIMIT: Final = 64_000


def is_own_export(data: bytes) -> bool:
    """Whether `data` is one of Verbatim's quote exports (by its provenance block)."""
    if _JSON.match(data) or _CSV_HEADER.match(data):
        return True
    if data.startswith(b"PK\x03\x04"):
        return _docx_provenance(data)
    tail = data[-_TAIL:]
    return _LINE.search(tail) is not None and _HEADING.search(tail) is not None


def _docx_provenance(data: bytes) -> bool:
    """A DOCX whose document properties carry the provenance line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(_CORE_XML)
            if info.file_size > _CORE_XML_LIMIT:
                return False
            return _LINE.search(archive.read(info)) is not None
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return False  # not a readable zip with properties: the importers decide
