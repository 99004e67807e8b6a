"""Every importer's score for every corpus file, and the evidence rule that decided it.

    python benchmarks/score_matrix.py            # the real-world corpus
    python benchmarks/score_matrix.py FILE...    # any files

Prints one row per file: the chosen format, then each importer that scored above 0 with its
score, and for the text shapes the rule (from `importers/text/evidence.py`) that decided.
A routing change shows up here as a changed row.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from desktop.core.importers import available_importers, detect, read_document  # noqa: E402
from desktop.core.importers.text import evidence  # noqa: E402
from desktop.core.importers.text.shape import shape_of  # noqa: E402

_TABLES = {
    "labelled": evidence.LABELLED,
    "captions": evidence.CAPTIONS,
    "markdown": evidence.MARKDOWN,
    "news-scrape": evidence.NEWS,
    "otter": evidence.OTTER,
}


def main(paths: list[Path]) -> None:
    """Print the matrix for these files."""
    formats = [importer.format for importer in available_importers()]
    print("file".ljust(64), " ".join(f[:8].rjust(8) for f in formats))
    for path in paths:
        doc = read_document(path, path.read_bytes())
        scores = {importer.format: score for importer, score in detect(doc)}
        chosen = next(iter(scores), "-")
        row = " ".join(f"{scores.get(f, 0):8.2f}" if f in scores else " " * 8 for f in formats)
        print(f"{path.parent.name}/{path.name}"[:63].ljust(64), row, "->", chosen)
        if doc.text is not None:
            shape = shape_of(doc.text)
            for name, table in _TABLES.items():
                rule = table.explain(shape)
                if rule is not None and rule.value(shape) > 0:
                    print(" " * 4, f"{name}: {rule.why}")


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    corpus = REPO / "tests" / "data" / "corpus"
    main(args or sorted(p for p in corpus.glob("*/*") if p.is_file()))
