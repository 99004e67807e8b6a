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
        """CREATE TABLE transcripts (
            id BIGSERIAL PRIMARY KEY,
            path_key TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            title TEXT NOT NULL,
            format TEXT,
            encoding TEXT,
            forced_format TEXT,
            forced_encoding TEXT,
            data TEXT NOT NULL,
            index_version TEXT NOT NULL DEFAULT '',
            added_by TEXT NOT NULL DEFAULT current_user,
            added_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
        # one entry per file content: two users adding the same file at once get one entry
        "CREATE UNIQUE INDEX transcripts_sha ON transcripts (sha256)",
        "CREATE INDEX transcripts_path ON transcripts (path_key)",
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
        # the lexicon, for fuzzy words (pg_trgm narrows, levenshtein decides)
        "CREATE TABLE words (word TEXT PRIMARY KEY)",
        "CREATE INDEX words_trgm ON words USING gin (word gin_trgm_ops)",
        "CREATE INDEX words_first_length ON words (left(word, 1), length(word))",
        """CREATE TABLE corrections (
            id BIGSERIAL PRIMARY KEY,
            transcript_id BIGINT NOT NULL REFERENCES transcripts ON DELETE CASCADE,
            kind TEXT NOT NULL,
            speaker_id TEXT NOT NULL,
            value TEXT NOT NULL,
            made_by TEXT NOT NULL DEFAULT current_user,
            made_at TIMESTAMPTZ NOT NULL DEFAULT now())""",
        """CREATE TABLE citation_details (
            transcript_id BIGINT PRIMARY KEY REFERENCES transcripts ON DELETE CASCADE,
            data TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT current_user)""",
        """CREATE TABLE boards (
            id BIGSERIAL PRIMARY KEY,
            owner TEXT NOT NULL DEFAULT current_user,
            name TEXT NOT NULL DEFAULT 'Quotes',
            shared BOOLEAN NOT NULL DEFAULT false,
            UNIQUE (owner, name))""",
        """CREATE TABLE quotes (
            id BIGSERIAL PRIMARY KEY,
            board_id BIGINT NOT NULL REFERENCES boards ON DELETE CASCADE,
            owner TEXT NOT NULL DEFAULT current_user,
            position INTEGER NOT NULL,
            transcript_id BIGINT REFERENCES transcripts ON DELETE SET NULL,
            data TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '',
            created TIMESTAMPTZ NOT NULL DEFAULT now())""",
        "ALTER TABLE boards ENABLE ROW LEVEL SECURITY",
        "ALTER TABLE quotes ENABLE ROW LEVEL SECURITY",
        # your boards, and boards shared with the team (read only)
        "CREATE POLICY boards_read ON boards FOR SELECT USING (owner = current_user OR shared)",
        "CREATE POLICY boards_write ON boards FOR ALL USING (owner = current_user)"
        " WITH CHECK (owner = current_user)",
        "CREATE POLICY quotes_read ON quotes FOR SELECT USING (owner = current_user OR"
        " EXISTS (SELECT 1 FROM boards b WHERE b.id = board_id AND b.shared))",
        "CREATE POLICY quotes_write ON quotes FOR ALL USING (owner = current_user)"
        " WITH CHECK (owner = current_user)",
    ),
)

_TABLES = ("transcripts", "turns", "words", "corrections", "citation_details", "boards", "quotes")


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
