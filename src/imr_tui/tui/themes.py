"""Themes beyond Textual's own: a high-contrast one for low vision and bright rooms."""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="imr-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    warning="#FFAA00",
    error="#FF5555",
    success="#55FF55",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    dark=True,
    variables={"footer-key-foreground": "#FFFF00", "border": "#FFFFFF", "input-selection-background": "#FFFF00 40%"},
)
