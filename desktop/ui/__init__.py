"""The Qt user interface: a thin layer over `desktop.core` (PySide6 only lives here)."""
