"""Text rules: how `check` names the non-chrome changes `clean` makes.

These rules detect nothing themselves. Each one reads a record `clean`
already made (a repair `Fix`, the decoding `Source`, or the input next to the
clean output) and says, in one finding, what `clean` would change. So `check`
reports exactly what `clean` does, and `check` on clean output finds nothing.
"""

from __future__ import annotations

import re
import unicodedata

from scrubber.lines import split_lines
from scrubber.model import Document, Fix, Source
from scrubber.rules.registry import text_rule

# ftfy explanation steps ("action:argument") by what they repair; any step not
# named here counts as an encoding repair, so every fix gets a finding.
CONTROL_STEPS = frozenset({"apply:remove_control_chars", "apply:remove_terminal_escapes"})
FORM_STEPS = {
    "apply:unescape_html": "HTML entities",
    "apply:fix_latin_ligatures": "ligatures",
    "apply:fix_surrogates": "surrogate pairs",
    "apply:fix_character_width": "full-width characters",
    "apply:uncurl_quotes": "curly quotes",
    "apply:fix_line_breaks": "line breaks",
    "normalize:NFC": "Unicode NFC form",
}
_BREAK = re.compile(r"\r\n|\r|\n")
Spot = tuple[int, int, str]
"""(1-based line, 1-based column, message)."""


def changed_span(before: str, after: str) -> tuple[int, str, str]:
    """0-based start of the first difference and the differing middles of both strings."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    if start + end == limit:  # a pure insertion or deletion: show a neighbour for context
        if start:
            start -= 1
        elif end:
            end -= 1
    return start, before[start : len(before) - end], after[start : len(after) - end]


def _show(text: str, limit: int = 30) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)


def _codepoints(text: str, limit: int = 6) -> str:
    shown = " ".join(f"U+{ord(c):04X}" for c in text[:limit])
    return shown + (" …" if len(text) > limit else "")


@text_rule("SCR002", "mojibake")
def mojibake(fix: Fix) -> str | None:
    """Text in the wrong encoding that ftfy repairs: mojibake such as "cafÃ©" for "café".

    Reported for a line whose repair includes an encoding step (re-encoding
    and decoding, lossy sequences, C1 controls, a lost byte A0). `clean`
    writes the repaired line; the message shows the damaged part and its
    repair, with ftfy's own explanation.
    """
    steps = [s for s in fix.steps if s not in CONTROL_STEPS and s not in FORM_STEPS]
    if not steps and fix.steps:
        return None
    _, old, new = changed_span(fix.before, fix.after)
    how = ", ".join(s.replace(":", " ") for s in steps) or "repair"
    return f"mojibake {_show(old)} repaired to {_show(new)} (ftfy: {how})"


@text_rule("SCR003", "control-characters")
def control_characters(fix: Fix) -> str | None:
    """Control characters or terminal escape sequences inside a line.

    NUL, BEL, backspace, ANSI colour codes and similar bytes come from broken
    scrapers and terminal captures; ftfy removes them and `clean` writes the
    line without them (tabs stay).
    """
    if not CONTROL_STEPS.intersection(fix.steps):
        return None
    gone = "".join(
        c for c in fix.before if unicodedata.category(c)[0] == "C" and c not in fix.after
    )
    if "apply:remove_terminal_escapes" in fix.steps and "\x1b" in fix.before:
        return f"terminal escape sequences and control characters {_codepoints(gone)}"
    return f"control characters {_codepoints(gone) or '(removed)'}"


@text_rule("SCR004", "unicode-form")
def unicode_form(fix: Fix) -> str | None:
    """HTML entities, ligatures or text not in Unicode NFC form.

    "&amp;" left over from markup, "ﬁ" ligatures and decomposed accents look
    right but search, count and compare wrong; `clean` writes the unescaped,
    NFC form.
    """
    kinds = [FORM_STEPS[s] for s in fix.steps if s in FORM_STEPS]
    if not kinds:
        return None
    _, old, new = changed_span(fix.before, fix.after)
    if unicodedata.normalize("NFC", old) == new:
        return f"{', '.join(kinds)}: {_codepoints(old)} becomes {_codepoints(new)}"
    return f"{', '.join(kinds)}: {_show(old)} becomes {_show(new)}"


def fix_column(code: str, fix: Fix) -> int:
    """1-based column of what the rule `code` reports in a fixed line."""
    if code == "SCR003":
        for column, char in enumerate(fix.before, start=1):
            if unicodedata.category(char)[0] == "C" and char not in fix.after:
                return column
    return changed_span(fix.before, fix.after)[0] + 1


@text_rule("SCR005", "encoding")
def encoding(source: Source) -> str | None:
    """A file that is not plain UTF-8: another charset, mixed encodings or a byte order mark.

    `clean` decodes it (the sidecar says how) and writes UTF-8 without a BOM.
    """
    if source.encoding_method in ("valid utf-8", "given as text"):
        return None
    if source.encoding_method == "byte order mark" and source.encoding == "utf-8":
        return "UTF-8 byte order mark; clean writes UTF-8 without one"
    return f"not UTF-8: read as {source.encoding} ({source.encoding_method}); clean writes UTF-8"


@text_rule("SCR006", "layout")
def layout(original: str, doc: Document, noun: str = "file") -> list[Spot]:
    """Whitespace and line breaks `clean` normalises.

    Trailing whitespace, whitespace on blank lines, runs of blank lines (one
    is kept), blank lines at the start or end, CR LF or CR line breaks, and
    a missing final newline. Blank lines left over where chrome was removed
    are not reported: the chrome's finding covers them.
    """
    lines = doc.lines  # repaired; columns are given in the original lines
    given = split_lines(original)
    verdicts = {d.line: d for d in doc.decisions}
    spots: list[Spot] = []
    breaks = _BREAK.findall(original)
    crs = [n for n, b in enumerate(breaks, start=1) if b != "\n"]
    if crs:
        end = len(given[crs[0] - 1]) + 1
        spots.append((crs[0], end, f"{len(crs)} CR LF or CR line breaks; clean uses LF"))
    for number, text in enumerate(lines, start=1):
        verdict = verdicts.get(number)
        if verdict is None and text:
            spots.append((number, 1, "whitespace on a blank line"))
        elif verdict is not None and verdict.keep and text != text.rstrip():
            trailing = len(text) - len(text.rstrip())
            column = max(len(given[number - 1]) - trailing, 0) + 1
            spots.append((number, column, "trailing whitespace"))
    spots.extend(_blank_runs(len(lines), set(verdicts), noun))
    last = len(lines)
    kept_last = last in verdicts and verdicts[last].keep
    has_break = len(breaks) == len(lines)
    if kept_last and doc.text.endswith("\n") and not has_break:
        spots.append((last, len(given[-1]) + 1, f"no newline at end of {noun}"))
    elif kept_last and doc.text and not doc.text.endswith("\n") and has_break:
        spots.append((last, len(given[-1]) + 1, f"newline at end of {noun}; clean removes it"))
    return spots


def _blank_runs(count: int, content: set[int], noun: str) -> list[Spot]:
    if not count:
        return []
    if not content:
        return [(1, 1, f"only blank lines; clean writes an empty {noun}")]
    first, last = min(content), max(content)
    spots: list[Spot] = []
    if first > 1:
        spots.append((1, 1, f"{first - 1} blank line(s) at start of {noun}"))
    run = 0
    for number in range(first, last + 1):
        if number in content:
            if run > 1:
                spots.append((number - run + 1, 1, f"{run} blank lines in a row; clean keeps one"))
            run = 0
        else:
            run += 1
    if last < count:
        spots.append((last + 1, 1, f"{count - last} blank line(s) at end of {noun}"))
    return spots


@text_rule("SCR007", "markup")
def markup(source: Source) -> str | None:
    """A text file that holds an HTML page.

    `clean` sends markup through trafilatura and writes the extracted article
    text instead; `check --fix` does the same to the file.
    """
    if source.kind != "html":
        return None
    return "HTML page in a text file; clean writes its extracted text instead"
