"""Formatting many dates fast, in the active language's format.

Django's `date_format` interprets the format string for every value; a page that prints a
date for each of fifty log entries spends milliseconds there. `formatter` reads the format once
and, when it only uses day, month, year, hour and minute, turns it into a `strftime` pattern;
any other format falls back to Django's own function, so the output is always the same.
"""

import datetime
from collections.abc import Callable

from django.utils import formats

_STRFTIME = {
    "d": "%d",
    "m": "%m",
    "Y": "%Y",
    "y": "%y",
    "H": "%H",
    "i": "%M",
}


def formatter(format_name: str) -> Callable[[datetime.date], str]:
    """A function formatting a date or datetime like `date_format(value, format_name)`."""
    django_format = formats.get_format(format_name)
    pattern = []
    escaped = False
    for char in django_format:
        if escaped:
            pattern.append(char.replace("%", "%%"))
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in _STRFTIME:
            pattern.append(_STRFTIME[char])
        elif char.isalpha():
            return lambda value: formats.date_format(value, format_name)
        else:
            pattern.append(char.replace("%", "%%"))
    strftime = "".join(pattern)
    return lambda value: value.strftime(strftime)
