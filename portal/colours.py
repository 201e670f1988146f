"""Colour arithmetic for the WCAG contrast checks on collectivity branding."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

HEX_COLOUR_VALIDATOR = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Saisissez une couleur au format hexadécimal, par exemple #1d4f91."),
)


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour):
    """The WCAG 2.1 relative luminance of a ``#rrggbb`` colour, from 0 (black) to 1 (white)."""
    hex_colour = hex_colour.lstrip("#")
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first, second):
    """The WCAG contrast ratio between two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background):
    """White or near-black, whichever reads better on ``background``."""
    return "#ffffff" if contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#1a1a1a") else "#1a1a1a"
