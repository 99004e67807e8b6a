"""A team library on PostgreSQL: one archive of interviews for a newsroom or a research group.

`VERBATIM_LIBRARY_URL=postgresql://user@host/db` (or `--library URL`) puts the library, the
speaker corrections, the citation details and each user's quote board in PostgreSQL, and
search runs there (`pg_search.PgSearchEngine`, over tsvector/GIN, pg_trgm and unaccent).
Without it everything stays on the laptop (SQLite + Whoosh), the default.

psycopg 3 is an optional extra (`pip install 'verbatim[team]'`); nothing here imports it
until a team library is opened.
"""
