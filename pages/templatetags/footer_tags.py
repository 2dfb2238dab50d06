"""Filters of the site's footer."""

import re

from django import template

register = template.Library()

_NOT_DIGITS = re.compile(r"[^\d+]")


@register.filter
def tel_href(phone: str) -> str:
    """'0275 3822 111' -> 'tel:+842753822111': the number a phone dials from anywhere."""
    digits = _NOT_DIGITS.sub("", phone or "")
    if digits.startswith("0"):
        digits = "+84" + digits[1:]
    return f"tel:{digits}"
