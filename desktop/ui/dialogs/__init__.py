"""Dialogs of the window (speaker corrections, ...)."""
