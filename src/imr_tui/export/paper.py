"""Paper sizes for the PDFs, and the usual one where the person lives (no fpdf2 here: the CLI reads it cheaply)."""

from __future__ import annotations

PAPERS: dict[str, str] = {"a4": "A4", "letter": "Letter"}  # our name -> fpdf2's
# Countries that use US Letter paper; everyone else gets A4 unless they ask (--paper).
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI"})


def paper_for(country: str) -> str:
    """"letter" where that is the usual paper (the US, Canada, parts of Latin America, the Philippines), else "a4"."""
    return "letter" if country.upper() in LETTER_COUNTRIES else "a4"
