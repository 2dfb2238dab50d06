"""A portal's theme colours: which CSS variables of static/css/portal.css each one sets,
the text colours each is read with, and the contrast check (WCAG 2.1 AA: 4.5:1 for text).

The reader's themes (static/css/reader.css: dark, high contrast) set the same variables
with a more specific selector (html[data-reader-theme=…]), so they win over a portal's
colours wherever they set them."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
AA_TEXT = 4.5


def validate_hex_colour(value: str) -> None:
    if value and not HEX_COLOUR.match(value):
        raise ValidationError(
            "Màu phải viết ở dạng #RRGGBB, ví dụ: #1a5fb4.", code="invalid_colour"
        )


def _channel(value: int) -> float:
    value = value / 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darker(colour: str, amount: float = 0.25) -> str:
    """`colour` mixed with black: the deeper shade of a frame (its top bar, a hover)."""
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(value * (1 - amount)):02x}" for value in channels)


@dataclass(frozen=True)
class ThemeColour:
    field: str
    label: str
    variables: tuple[str, ...]
    # (text colour, its name) the colour is read with, as static/css/portal.css draws it
    read_with: tuple[tuple[str, str], ...]
    # variables set to a deeper shade of the colour (top bar, hovered menu entry)
    deeper_variables: tuple[str, ...] = ()


WHITE = ("#ffffff", "chữ trắng (#ffffff)")
THEME_COLOURS = (
    ThemeColour(
        "theme_primary", "Màu chính", ("--red", "--accent", "--header-bg"), (WHITE,),
    ),
    ThemeColour(
        "theme_primary_dark", "Màu chính đậm",
        ("--red-dark", "--nav-bg", "--footer-bg", "--heading", "--link-hover"),
        (WHITE, ("#ffe08a", "chữ vàng của menu và chân trang (#ffe08a)"),
         ("#fbf8f1", "nền trang (#fbf8f1), khi dùng làm màu tiêu đề")),
        deeper_variables=("--red-deep", "--topbar-bg", "--nav-hover-bg"),
    ),
    ThemeColour(
        "theme_link", "Màu liên kết", ("--link",),
        (("#ffffff", "nền trắng (#ffffff)"), ("#fbf8f1", "nền trang (#fbf8f1)")),
    ),
    ThemeColour(
        "theme_header_background", "Nền đầu trang", ("--header-bg",), (WHITE,),
    ),
)


def _ratio_text(ratio: float) -> str:
    return f"{ratio:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def contrast_errors(values: dict[str, str]) -> dict[str, str]:
    """field → the Vietnamese message naming the ratio, for each colour too pale (or too
    dark) for the text read on it."""
    errors = {}
    for colour in THEME_COLOURS:
        value = values.get(colour.field) or ""
        if not HEX_COLOUR.match(value):
            continue
        for text_colour, text_name in colour.read_with:
            ratio = contrast_ratio(value, text_colour)
            if ratio < AA_TEXT:
                errors[colour.field] = (
                    f"{colour.label} {value.lower()} chỉ đạt độ tương phản "
                    f"{_ratio_text(ratio)}:1 với {text_name}; cần ít nhất 4,5:1 "
                    "(chuẩn WCAG 2.1 mức AA) để người đọc đọc rõ chữ."
                )
                break
    return errors


def css_variables(values: dict[str, str]) -> list[tuple[str, str]]:
    """(variable, colour) pairs the portal's colours set, in order; later ones win (the
    header background over the primary colour)."""
    found: dict[str, str] = {}
    for colour in THEME_COLOURS:
        value = (values.get(colour.field) or "").lower()
        if not HEX_COLOUR.match(value):
            continue
        for variable in colour.variables:
            found[variable] = value
        for variable in colour.deeper_variables:
            found[variable] = darker(value)
    return list(found.items())
