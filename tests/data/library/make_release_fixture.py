"""How `release-72145ae.sqlite3` was made: by Verbatim at commit 72145ae, the release before
quotes were keyed by library entry (issue 13), to test that the migration keeps every quote.

    git archive 72145ae desktop resources | tar -x -C /tmp/old
    mkdir -p /tmp/verbatim-fixture/data
    cp resources/sample-interview.txt tests/data/whisper_smartphone_fr.srt \
       tests/data/state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt /tmp/verbatim-fixture/
    PYTHONPATH=/tmp/old python tests/data/library/make_release_fixture.py
    sqlite3 /tmp/verbatim-fixture/data/library.sqlite3 'PRAGMA wal_checkpoint(TRUNCATE)'

Two files are added to the library; six quotes are taken (two from each file, including the
subtitles that were never added) and citation details stored for two sources.
"""

from pathlib import Path

from desktop.core.importers import import_file
from desktop.core.library import Library
from desktop.core.quote_store import QuoteStore
from desktop.core.quotes import quote_from_span

ROOT = Path("/tmp/verbatim-fixture")
SAMPLE = "sample-interview.txt"
BRIEFING = "state-dept_blinken-mitchell-msnbc_2021-02-01_excerpt.txt"
SUBTITLES = "whisper_smartphone_fr.srt"


def main() -> None:
    db = ROOT / "data" / "library.sqlite3"
    library = Library(db)
    library.add([ROOT / SAMPLE, ROOT / BRIEFING])
    store = QuoteStore(db)
    for name in (SAMPLE, BRIEFING, SUBTITLES):
        transcript = import_file(ROOT / name)
        turn = next(i for i, t in enumerate(transcript.turns) if len(t.text) > 45)
        store.add(quote_from_span(transcript, turn, 0, 40), note=f"from {name}", tags=["fixture"])
        following = turn + 1 if turn + 1 < len(transcript.turns) else turn
        store.add(quote_from_span(transcript, following, 0, 20))
    store.set_details(str(ROOT / SAMPLE), {"outlet": "Fixture Weekly", "published": "2024-05-01"})
    store.set_details(str(ROOT / SUBTITLES), {"title": "Un entretien"})
    store.close()
    library.close()


if __name__ == "__main__":
    main()
