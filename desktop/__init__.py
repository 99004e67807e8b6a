"""Verbatim: read, search, quote and cite interview transcripts, offline."""
