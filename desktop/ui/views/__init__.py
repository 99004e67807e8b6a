"""Widgets that show the models: navigator, reader, import report bar."""
