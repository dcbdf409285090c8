"""Bringing data in from files: other apps' exports and imr-tui's own JSON export.

imports/registry.py lists the formats and the one interface they share; each format is one module.
Plain Python: never imports Textual.
"""
