"""Stage 2: repair encoding damage with ftfy, line by line, recording every fix.

Most lines need nothing, and ftfy costs far more than deciding that. A line
skips ftfy only when every step of `ftfy.fix_and_explain` (with the config
below) provably returns it unchanged, so the fast path gives exactly ftfy's
result (tests/test_repair_screen.py checks this on a varied corpus):

- `unescape_html` rewrites only what ftfy's HTML_ENTITY_RE matches: no match;
- `fix_encoding` returns at once when `ftfy.badness.is_bad` finds no mojibake
  sequence (pure ASCII passes too: ftfy leaves ASCII to the other steps).
  `is_bad` is a slow regex, so it runs only on lines holding one of the
  characters every match of that regex needs (derived from its parse tree);
- `fix_c1_controls`, `fix_latin_ligatures`, `fix_surrogates`,
  `remove_terminal_escapes` and `remove_control_chars` act only on the
  characters of their tables (C1 controls, ftfy's LIGATURES and CONTROL_CHARS,
  surrogates, ESC): the line has none of them;
- NFC normalisation: the line is already NFC (`unicodedata.is_normalized`).

Width, quote and line-break fixes are off. When every step is the identity,
ftfy's fix loop returns the text after its first pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ftfy.chardata import HTML_ENTITY_RE

from scrubber.lines import split_lines
from scrubber.model import Fix

if TYPE_CHECKING:
    from ftfy import TextFixerConfig


def _char_class(codepoints: set[int]) -> str:
    """A regex character class matching exactly `codepoints`, as compact ranges."""
    parts: list[str] = []
    ordered = sorted(codepoints)
    start = prev = ordered[0]
    for cp in [*ordered[1:], -2]:
        if cp == prev + 1:
            prev = cp
            continue
        first, last = re.escape(chr(start)), re.escape(chr(prev))
        parts.append(first if start == prev else f"{first}-{last}")
        start = prev = cp
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def _trigger_codepoints() -> frozenset[int]:
    """Every character a table-driven ftfy step can act on, taken from ftfy's own tables."""
    from ftfy.chardata import CONTROL_CHARS, LIGATURES

    codepoints = {0x1B}  # ANSI terminal escapes
    codepoints |= set(range(0x80, 0xA0))  # C1 controls
    codepoints |= set(range(0xD800, 0xE000))  # surrogates
    codepoints |= set(LIGATURES) | set(CONTROL_CHARS)
    return frozenset(codepoints)


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern[str]:
    return re.compile(_char_class(set(_trigger_codepoints())))


def _cost(codepoints: set[int], triggers: re.Pattern[str]) -> int:
    """How often text holds one of these characters, roughly (this only affects speed).

    Characters that already send a line to ftfy are free; spaces and letters
    of the common alphabets are dear, lower case dearest.
    """
    total = 0
    for cp in codepoints:
        char = chr(cp)
        if triggers.match(char):
            continue
        if char.isspace():
            total += 60
        elif 0xC0 <= cp <= 0x24F or 0x386 <= cp <= 0x3CE or 0x400 <= cp <= 0x45F:
            total += 40 if char.islower() else 30
        else:
            total += 1
    return total


def _required(items: Any, triggers: re.Pattern[str]) -> set[int] | None:
    """Non-ASCII characters one of which every match of this regex sequence contains.

    Among the sequence's mandatory items whose characters are all non-ASCII,
    the rarest set is chosen; None when there is no such item (or the regex
    uses a construct this walk does not understand).
    """
    best: set[int] | None = None
    for op, arg in items:
        found = _item_required(op, arg, triggers)
        if (
            found
            and min(found) >= 0x80
            and (best is None or _cost(found, triggers) < _cost(best, triggers))
        ):
            best = found
    return best


def _item_required(op: Any, arg: Any, triggers: re.Pattern[str]) -> set[int] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.LITERAL:
        return {arg}
    if op is c.IN:
        chars: set[int] = set()
        for member, value in arg:
            if member is c.LITERAL:
                chars.add(value)
            elif member is c.RANGE:
                chars.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY (\w, \s): no finite set
                return None
        return chars
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, sub = arg
        return _required(sub, triggers) if low >= 1 else None
    if op is c.SUBPATTERN:
        return None if arg[1] & re.IGNORECASE else _required(arg[-1], triggers)
    if op is c.BRANCH:
        union: set[int] = set()
        for branch in arg[1]:
            found = _required(branch, triggers)
            if not found:
                return None
            union |= found
        return union
    return None


@dataclass(frozen=True)
class _BadnessScreen:
    """`ftfy.badness.is_bad`, searched only near the characters every match needs.

    Every alternative of BADNESS_RE has a mandatory item; the union of one
    such item's characters per alternative (`needed`) is in every match, and
    no match is longer than `width`. So a match exists iff one lies within
    `width` characters of a needed character: only those windows are searched
    (BADNESS_RE asserts nothing about the end of the text, and `^` matches
    only at the real start, so searching a window finds exactly the matches
    lying inside it).
    """

    needed: re.Pattern[str]
    width: int
    badness: re.Pattern[str]
    chars: frozenset[int]

    def is_bad(self, line: str) -> bool:
        low = high = -1
        for match in self.needed.finditer(line):
            at = match.start()
            start, end = max(0, at - self.width + 1), at + self.width
            if start <= high:
                high = end
                continue
            if high >= 0 and self.badness.search(line, low, high):
                return True
            low, high = start, end
        return high >= 0 and self.badness.search(line, low, high) is not None


@lru_cache(maxsize=1)
def _badness_screen() -> _BadnessScreen | None:
    """Analyse ftfy's BADNESS_RE once; None (always run is_bad) if it cannot be analysed."""
    from ftfy.badness import BADNESS_RE

    try:
        from re import _parser  # type: ignore[attr-defined]

        if BADNESS_RE.flags & re.IGNORECASE:
            return None
        tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
        chars = _required(tree.data, _triggers())
        width = int(tree.getwidth()[1])
    except (ImportError, AttributeError, TypeError, ValueError):  # pragma: no cover
        return None
    if not chars or width > 64 or _has_lookaround(tree.data):
        return None
    return _BadnessScreen(re.compile(_char_class(chars)), width, BADNESS_RE, frozenset(chars))


def _has_lookaround(items: Any) -> bool:
    """True if the regex asserts anything but the start of the text (windows would be unsafe)."""
    from re import _constants as c  # type: ignore[attr-defined]

    for op, arg in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.GROUPREF, c.GROUPREF_EXISTS):
            return True
        if op is c.AT and arg is not c.AT_BEGINNING:
            return True
        if op is c.BRANCH and any(_has_lookaround(b) for b in arg[1]):
            return True
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and _has_lookaround(arg[2]):
            return True
        if op is c.SUBPATTERN and _has_lookaround(arg[-1]):
            return True
    return False


def needs_ftfy(line: str) -> bool:
    """False only when ftfy is certain to return the line unchanged (see module doc)."""
    if "&" in line and HTML_ENTITY_RE.search(line) is not None:
        return True
    if _triggers().search(line) is not None:
        return True
    if line.isascii():  # ASCII is NFC, and fix_encoding leaves ASCII text alone
        return False
    if not unicodedata.is_normalized("NFC", line):
        return True
    screen = _badness_screen()
    if screen is not None:
        return screen.is_bad(line)
    from ftfy.badness import is_bad

    return is_bad(line)


@lru_cache(maxsize=1)
def ftfy_config() -> TextFixerConfig:
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

    fixed, explanation = ftfy.fix_and_explain(line, config=ftfy_config())
    if fixed == line:
        return line, None
    steps = tuple(f"{action}:{arg}" for action, arg in (explanation or []))
    return fixed, Fix(line=number, kind="ftfy", steps=steps, before=line, after=fixed)


def repair_lines(lines: list[str]) -> tuple[list[str], list[Fix]]:
    """Every line through `repair_line` (the reference `repair_text` must equal)."""
    repaired: list[str] = []
    fixes: list[Fix] = []
    for number, line in enumerate(lines, start=1):
        fixed, fix = repair_line(line, number)
        repaired.append(fixed)
        if fix is not None:
            fixes.append(fix)
    return repaired, fixes


@lru_cache(maxsize=1)
def _suspect_chars() -> re.Pattern[str] | None:
    """The characters without which `needs_ftfy` is False on an NFC line (None: no screen).

    `needs_ftfy` is True only for a line holding '&' (HTML entities), a
    trigger character, or (non-ASCII, NFC lines) a match of BADNESS_RE, which
    holds one of the screen's needed characters. Line breaks are left out:
    no line holds one.
    """
    screen = _badness_screen()
    if screen is None:  # pragma: no cover - ftfy's regex changed beyond the analysis
        return None
    codepoints = set(_trigger_codepoints()) | screen.chars | {ord("&")}
    return re.compile(_char_class(codepoints - {ord("\r"), ord("\n")}))


def repair_text(text: str) -> tuple[list[str], list[Fix]]:
    """`repair_lines(split_lines(text))`, with ftfy's screen run once over the whole text.

    When the text is NFC, so is each of its lines (a line break is a starter
    that composes with nothing, so normalisation never acts across one), and
    a line without a suspect character (`_suspect_chars`) is one `needs_ftfy`
    passes: only lines holding one are looked at. Otherwise every line is
    (`repair_lines`). tests/test_repair_screen.py compares the two.
    """
    lines = split_lines(text)
    suspect = _suspect_chars()
    if suspect is None or not unicodedata.is_normalized("NFC", text):
        return repair_lines(lines)
    fixes: list[Fix] = []
    for index in _suspect_lines(text, suspect):
        fixed, fix = repair_line(lines[index], index + 1)
        if fix is not None:
            lines[index] = fixed
            fixes.append(fix)
    return lines, fixes


def _suspect_lines(text: str, suspect: re.Pattern[str]) -> Iterator[int]:
    """Indexes (0-based, ascending, each once) of the lines of `text` holding a suspect char.

    Lines are counted as `split_lines` cuts them (LF, CRLF, lone CR); neither
    a match nor the position after a line's end is ever inside a CRLF pair.
    """
    index = 0
    position = 0
    while (found := suspect.search(text, position)) is not None:
        at = found.start()
        crs = text.count("\r", position, at)
        index += (
            text.count("\n", position, at) + crs - (text.count("\r\n", position, at) if crs else 0)
        )
        yield index
        position = _line_end(text, at)
        if position >= len(text):
            return


def _line_end(text: str, at: int) -> int:
    """The position of the line break ending the line that holds `at` (len(text) if none)."""
    newline = text.find("\n", at)
    end = len(text) if newline < 0 else newline
    carriage = text.find("\r", at, end)
    return end if carriage < 0 else carriage
