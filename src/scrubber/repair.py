"""Stage 2: repair encoding damage with ftfy, line by line, recording every fix.

Most lines need nothing: a pure-ASCII line without `&`, ESC or control
characters is provably left unchanged by ftfy (every ftfy fixer needs a
non-ASCII character, an HTML entity, a terminal escape or a control character
to act on), so such lines skip ftfy entirely.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from scrubber.model import Fix

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

_ASCII_TRIGGERS = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


def needs_ftfy(line: str) -> bool:
    """False only when ftfy is certain to return the line unchanged."""
    return not line.isascii() or _ASCII_TRIGGERS.search(line) is not None


@lru_cache(maxsize=1)
def _ftfy_config() -> TextFixerConfig:
    from ftfy import TextFixerConfig

    # Repair damage, never restyle: curly quotes and full-width CJK punctuation
    # are correct text. Line breaks are ours to split (U+2028 stays inside its
    # line so that line numbers keep matching the input).
    return TextFixerConfig(
        uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, explain=True
    )


def repair_line(line: str, number: int) -> tuple[str, Fix | None]:
    """Return the repaired line and the fix record, or the line itself and None."""
    if not needs_ftfy(line):
        return line, None
    import ftfy

    fixed, explanation = ftfy.fix_and_explain(line, config=_ftfy_config())
    if fixed == line:
        return line, None
    steps = tuple(f"{action}:{arg}" for action, arg in (explanation or []))
    return fixed, Fix(line=number, kind="ftfy", steps=steps, before=line, after=fixed)


def repair_lines(lines: list[str]) -> tuple[list[str], list[Fix]]:
    repaired: list[str] = []
    fixes: list[Fix] = []
    for number, line in enumerate(lines, start=1):
        fixed, fix = repair_line(line, number)
        repaired.append(fixed)
        if fix is not None:
            fixes.append(fix)
    return repaired, fixes
