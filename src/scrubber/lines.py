"""Splitting text into lines the same way everywhere (\\n, \\r\\n and lone \\r only)."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF and lone CR; unlike str.splitlines, never on U+2028, FF or VT."""
    # Without a CR the regex splits exactly where str.split does (and str.split is C).
    lines = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def is_blank(line: str) -> bool:
    """Blank: empty or ASCII whitespace only. NBSP-only lines are not blank: a rule drops them."""
    return not line.strip(" \t\f\v")
