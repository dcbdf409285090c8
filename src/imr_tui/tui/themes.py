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

# The themes Settings offers, high contrast first, each with a plain name (never a theme id on screen).
THEME_NAMES: dict[str, str] = {
    HIGH_CONTRAST.name: "High contrast: white and yellow on black, the easiest to read",
    "textual-dark": "Dark",
    "textual-light": "Light",
    "ansi-dark": "Your terminal's own colours, dark",
    "ansi-light": "Your terminal's own colours, light",
    "solarized-light": "Soft light (cream)",
    "solarized-dark": "Soft dark (blue-green)",
    "catppuccin-latte": "Pastel light",
    "catppuccin-mocha": "Pastel dark",
    "rose-pine-dawn": "Rose light",
    "rose-pine": "Rose dark",
    "nord": "Cool blue dark",
    "gruvbox": "Warm brown dark",
    "tokyo-night": "Night blue dark",
}
CURRENT_COLOURS = "The colours you use now"


def theme_name(theme: str) -> str:
    """The plain name of a theme ("Dark"); a theme not on the list is "the colours you use now"."""
    return THEME_NAMES.get(theme, CURRENT_COLOURS)
