"""Bringing data in from files: other apps' exports and imr-tui's own JSON export.

imports/registry.py lists the formats (Daylio, Bearable, eMoods, iMoodJournal, jrnl, Pixels, imr-tui
JSON) and the one interface they share; each format is one module. What they share: files.py (reading,
CSV, ZIP), rows.py (checks, ids, the plan), moods.py (moods placed by the person), items.py (the person's
items), dates.py, text.py, care.py (the crisis notice), detect.py (which format a file is).
Plain Python: never imports Textual.
"""
