"""The Qt-free core: every rule about transcripts lives here (never import PySide6 here)."""
