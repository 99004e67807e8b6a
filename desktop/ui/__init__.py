"""The Qt user interface: a thin layer over `desktop.core` (PySide6 only lives here)."""

from desktop.ui.pyside_hooks import skip_feature_scan

skip_feature_scan()  # before the window's modules are imported (see pyside_hooks)
