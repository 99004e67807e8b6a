"""The app's identity, defined once: every other place (desktop file, icon, AppStream id,
PyInstaller spec, QSettings, About box) reads it from here."""

from __future__ import annotations

__version__ = "0.1.0"

APP_NAME = "Verbatim"
#: Reverse-DNS id: the .desktop file name, icon name, AppStream id and bundle identifier.
APP_ID = "org.verbatimapp.Verbatim"
ORGANIZATION = "Verbatim"
ORGANIZATION_DOMAIN = "verbatimapp.org"
VERSION = __version__
SUMMARY = "Read, search, quote and cite interview transcripts"
