"""The team library's tables, created and migrated by the app (versioned, one transaction each).

Migration N is applied once, in order, under an advisory lock (two laptops connecting to a new
database at once do not both create it). Members of the team role may read and add
transcripts; quote boards are private per user by row-level security, with an explicit
`shared` flag. Only a role that may create objects in the database (its owner) can migrate;
members then use what it made.
"""

from __future__ import annotations

from typing import Any

from desktop.core.team.connection import TEAM_ROLE, TeamLibraryNotReadyError

#: Bump by appending to MIGRATIONS; never edit an applied one.
_LOCK_KEY = 0x56455242  # "VERB"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: the library, the search columns, corrections, details, boards
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
        # words folded like the laptop index: lower case, accents off; `english` stems
        "DO $$ BEGIN CREATE TEXT SEARCH CONFIGURATION verbatim_english (COPY = english);"
        " EXCEPTION WHEN unique_violation THEN NULL; END $$",
        # Snowball English without a stop list: every word is indexed (the query side leaves
        # out the laptop's few stop words, see pg_search.STOP_WORDS)
        "DO $$ BEGIN CREATE TEXT SEARCH DICTIONARY verbatim_english_stem"
        " (TEMPLATE = snowball, Language = english);"
        " EXCEPTION WHEN unique_violation THEN NULL; END $$",
        "ALTER TEXT SEARCH CONFIGURATION verbatim_english ALTER MAPPING FOR"
        " asciihword, asciiword, hword, hword_asciipart, hword_part, word"
        " WITH unaccent, verbatim_english_stem",
        "DO $$ BEGIN CREATE TEXT SEARCH CONFIGURATION verbatim_simple (COPY = simple);"
        " EXCEPTION WHEN unique_violation THEN NULL; END $$",
        "ALTER TEXT SEARCH CONFIGURATION verbatim_simple ALTER MAPPING FOR"
        " asciihword, asciiword, hword, hword_asciipart, hword_part, word"
        " WITH unaccent, simple",
        # SQLite's NOCASE, which the laptop stores sort titles with (ICU, case-insensitive)
        "DO $$ BEGIN CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2',"
        " deterministic = false); EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        # the laptop library's own tables, column for column (desktop/core/library.py), so the
        # same Library class serves both; `added_by` says whose laptop parsed the file
        """CREATE TABLE transcripts (
            id            BIGSERIAL PRIMARY KEY,
            path          TEXT NOT NULL UNIQUE,
            sha256        TEXT NOT NULL,
            size          BIGINT NOT NULL,
            mtime         DOUBLE PRECISION NOT NULL,
            format        TEXT NOT NULL,
            encoding      TEXT NOT NULL,
            title         TEXT NOT NULL,
            metadata      TEXT NOT NULL,
            report        TEXT NOT NULL,
            speakers      TEXT NOT NULL,
            turns         INTEGER NOT NULL,
            status        TEXT NOT NULL DEFAULT 'ok'
                          CHECK (status IN ('ok', 'changed', 'missing')),
            added_at      TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            parsed        TEXT,
            cache_version TEXT NOT NULL DEFAULT '',
            index_version TEXT NOT NULL DEFAULT '',
            forced_format   TEXT,
            forced_encoding TEXT,
            added_by      TEXT NOT NULL DEFAULT current_user)""",
        "CREATE INDEX transcripts_sha256 ON transcripts (sha256)",
        """CREATE TABLE speaker_corrections (
            id            BIGSERIAL PRIMARY KEY,
            transcript_id BIGINT NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
            speaker_id    TEXT NOT NULL,
            speaker_name  TEXT NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('rename', 'merge', 'role')),
            value         TEXT NOT NULL,
            made_by       TEXT NOT NULL DEFAULT current_user,
            UNIQUE (transcript_id, speaker_id, kind))""",
        """CREATE TABLE citation_details (
            source_path TEXT PRIMARY KEY,
            details     TEXT NOT NULL,
            updated     TEXT NOT NULL,
            entry_id    BIGINT REFERENCES transcripts (id) ON DELETE SET NULL)""",
        # every user's quotes; row-level security keeps each board private unless shared
        """CREATE TABLE board_quotes (
            id            BIGSERIAL PRIMARY KEY,
            owner         TEXT NOT NULL DEFAULT current_user,
            position      INTEGER NOT NULL,
            source_path   TEXT NOT NULL,
            source_sha256 TEXT NOT NULL,
            turn          INTEGER NOT NULL,
            start         INTEGER NOT NULL,
            "end"         INTEGER NOT NULL,
            text          TEXT NOT NULL,
            before        TEXT NOT NULL DEFAULT '',
            after         TEXT NOT NULL DEFAULT '',
            elisions      TEXT NOT NULL DEFAULT '[]',
            speaker       TEXT,
            para          INTEGER,
            seconds       DOUBLE PRECISION,
            note          TEXT NOT NULL DEFAULT '',
            tags          TEXT NOT NULL DEFAULT '[]',
            stale         INTEGER NOT NULL DEFAULT 0,
            created       TEXT NOT NULL,
            entry_id      BIGINT REFERENCES transcripts (id) ON DELETE SET NULL)""",
        "CREATE INDEX board_quotes_owner ON board_quotes (owner, position)",
        """CREATE TABLE board_shares (
            owner  TEXT PRIMARY KEY DEFAULT current_user,
            shared BOOLEAN NOT NULL DEFAULT false)""",
        "ALTER TABLE board_quotes ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE board_shares ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY quotes_read ON board_quotes FOR SELECT USING (owner = current_user OR"
        " EXISTS (SELECT 1 FROM board_shares s WHERE s.owner = board_quotes.owner"
        " AND s.shared))",
        "CREATE POLICY quotes_insert ON board_quotes FOR INSERT"
        " WITH CHECK (owner = current_user)",
        "CREATE POLICY quotes_update ON board_quotes FOR UPDATE USING (owner = current_user)"
        " WITH CHECK (owner = current_user)",
        "CREATE POLICY quotes_delete ON board_quotes FOR DELETE USING (owner = current_user)",
        "CREATE POLICY shares_read ON board_shares FOR SELECT USING (true)",
        "CREATE POLICY shares_write ON board_shares FOR ALL USING (owner = current_user)"
        " WITH CHECK (owner = current_user)",
        # `quotes` is the signed-in user's own board: the laptop's table name, so the laptop's
        # QuoteStore reads and writes it unchanged (row-level security still applies)
        "CREATE VIEW quotes WITH (security_invoker = true) AS SELECT * FROM board_quotes"
        " WHERE owner = current_user WITH CASCADED CHECK OPTION",
        "ALTER VIEW quotes ALTER COLUMN id SET DEFAULT nextval('board_quotes_id_seq')",
        "ALTER VIEW quotes ALTER COLUMN owner SET DEFAULT current_user",
        "ALTER VIEW quotes ALTER COLUMN before SET DEFAULT ''",
        "ALTER VIEW quotes ALTER COLUMN after SET DEFAULT ''",
        "ALTER VIEW quotes ALTER COLUMN elisions SET DEFAULT '[]'",
        "ALTER VIEW quotes ALTER COLUMN note SET DEFAULT ''",
        "ALTER VIEW quotes ALTER COLUMN tags SET DEFAULT '[]'",
        "ALTER VIEW quotes ALTER COLUMN stale SET DEFAULT 0",
        # the search index (pg_search.py): one row per turn, and what version it indexed
        """CREATE TABLE turns (
            transcript_id BIGINT NOT NULL REFERENCES transcripts ON DELETE CASCADE,
            turn INTEGER NOT NULL,
            speaker TEXT,
            speaker_names TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL,
            section TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            tsv_english TSVECTOR NOT NULL,
            tsv_simple TSVECTOR NOT NULL,
            tsv_speaker TSVECTOR NOT NULL,
            tsv_section TSVECTOR NOT NULL,
            PRIMARY KEY (transcript_id, turn))""",
        "CREATE INDEX turns_english ON turns USING gin (tsv_english)",
        "CREATE INDEX turns_simple ON turns USING gin (tsv_simple)",
        "CREATE INDEX turns_speaker ON turns USING gin (tsv_speaker)",
        "CREATE INDEX turns_section ON turns USING gin (tsv_section)",
        """CREATE TABLE indexed (
            transcript_id BIGINT PRIMARY KEY REFERENCES transcripts ON DELETE CASCADE,
            version TEXT NOT NULL)""",
        # the lexicon, for fuzzy words (a (first letter, length) index narrows, Levenshtein
        # decides, pg_trgm orders)
        "CREATE TABLE words (word TEXT PRIMARY KEY)",
        "CREATE INDEX words_trgm ON words USING gin (word gin_trgm_ops)",
        "CREATE INDEX words_first_length ON words (left(word, 1), length(word))",
    ),
    (  # 2: the user's fixes to imports (core/import_fixes.py), beside the speaker corrections
        """CREATE TABLE import_fixes (
            id            BIGSERIAL PRIMARY KEY,
            transcript_id BIGINT NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
            kind          TEXT NOT NULL,
            turn          INTEGER NOT NULL,
            anchor        TEXT NOT NULL,
            char_offset   INTEGER NOT NULL DEFAULT 0,
            made_by       TEXT NOT NULL DEFAULT current_user)""",
    ),
)

_TABLES = ("transcripts", "speaker_corrections", "citation_details", "board_quotes",
           "board_shares", "quotes", "turns", "indexed", "words", "import_fixes")


def _grants(role: str) -> tuple[str, ...]:
    tables = ", ".join(_TABLES)
    return (
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO "{role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}"',
    )


def current_version(conn: Any) -> int:
    """The schema version of the database (0: no Verbatim tables yet)."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('verbatim_schema') IS NOT NULL")
        row = cur.fetchone()
        if not row or not row[0]:
            return 0
        cur.execute("SELECT max(version) FROM verbatim_schema")
        found = cur.fetchone()
    return int(found[0] or 0) if found else 0


def migrate(conn: Any, where: str) -> int:
    """Bring the database to the newest schema; returns the version. A member who may not
    create tables gets TeamLibraryNotReadyError when the database is not set up yet."""
    if current_version(conn) >= len(MIGRATIONS):
        conn.commit()
        return len(MIGRATIONS)
    import psycopg

    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))
            cur.execute("CREATE TABLE IF NOT EXISTS verbatim_schema (version INTEGER NOT NULL,"
                        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        version = current_version(conn)
        with conn.cursor() as cur:
            for number, steps in enumerate(MIGRATIONS, 1):
                if number <= version:
                    continue
                for step in steps:
                    cur.execute(step)
                cur.execute("INSERT INTO verbatim_schema (version) VALUES (%s)", (number,))
            for grant in _grants(TEAM_ROLE):
                cur.execute(grant)
            cur.execute(f'GRANT SELECT ON verbatim_schema TO "{TEAM_ROLE}"')
        conn.commit()
    except psycopg.errors.InsufficientPrivilege:
        conn.rollback()
        raise TeamLibraryNotReadyError(
            where, "is not set up yet: its owner must connect once to create the tables"
        ) from None
    return len(MIGRATIONS)
