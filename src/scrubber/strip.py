"""Stage 4: tag every line with the rule that drops it, then keep the rest.

Rules are re-run on the kept lines until they drop nothing more, so the
result is a fixpoint: cleaning clean text changes nothing (idempotence), and
`check` on `clean`'s output finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from scrubber.config import Config
from scrubber.lines import is_blank
from scrubber.model import Decision
from scrubber.page import (
    SHARED_MAX_CHARS,
    SHARED_TEXTS_MAX,
    Line,
    LineText,
    Memo,
    Page,
    build_page,
)
from scrubber.rules.line_rules import whitespace_only
from scrubber.rules.registry import REGISTRY, Rule, all_rules
from scrubber.rules.weights import (
    SENTENCE_PIECE_CODES,
    heading_after_list,
    in_chapter_list,
    inside_sentence,
)

MAX_PASSES = 8
Numbered = list[tuple[int, str]]
Verdict = tuple[int, str, str] | None
"""(rank, code, message) of the first text-only line rule that hits a text, or None."""
# Verdicts of short lines, shared by every page a process strips (text-only rules read
# nothing else; see page.shared_features), one table per list of enabled line rules: a
# verdict's rank and code depend on that list. Each table is emptied when it holds
# SHARED_TEXTS_MAX texts; a few tables are kept (one per Config in use).
_VERDICTS: dict[tuple[Rule, ...], dict[str, Verdict]] = {}
_MAX_VERDICT_TABLES = 4


def _enabled(scope: str, config: Config, memo: Memo) -> list[Rule]:
    """The scope's rules the config enables, by precedence: listed once per memo (per decide)."""
    found = memo.rules.get(scope)
    if found is None:
        enabled = [r for r in all_rules() if r.scope == scope and config.rule_enabled(r.code)]
        found = memo.rules[scope] = enabled
    return found


def _verdicts(rules: list[Rule]) -> dict[str, Verdict]:
    """The shared text -> verdict table of this list of enabled line rules."""
    key = tuple(rules)
    table = _VERDICTS.get(key)
    if table is None:
        if len(_VERDICTS) >= _MAX_VERDICT_TABLES:
            _VERDICTS.clear()
        table = _VERDICTS[key] = {}
    elif len(table) >= SHARED_TEXTS_MAX:
        table.clear()
    return table


def tag_lines(page: Page, config: Config) -> dict[int, tuple[str, str]]:
    """Run the line rules; records their hits in `page.line_hits` for the page rules.

    A line's verdict is its first rule (by code) that hits it, unless the line's place
    overrules that rule (`_exempt`: one of SENTENCE_PIECE_CODES inside a sentence, a
    chapter list's offsets): then it is kept (no later rule is asked). Text-only rules
    are asked once per distinct text (`page.memo`, shared by the strip passes; for
    short lines `_verdicts`, shared by all pages); rules that read the page run for
    every line, but only those that would take precedence over the text-only verdict.
    """
    rules = _enabled("line", config, page.memo)
    local = [(rank, rule.code, rule.check) for rank, rule in enumerate(rules) if rule.local]
    other = [(rank, rule) for rank, rule in enumerate(rules) if not rule.local]
    memo = page.memo.line_rules
    shared = _verdicts(rules)
    hits: dict[int, tuple[str, str]] = {}
    for line in page.lines:
        text = line.text
        if text in memo:
            found = memo[text]
        else:
            found = memo[text] = _verdict(local, line.features, shared)
        for rank, rule in other:
            if found is not None and rank > found[0]:
                break
            message = rule.check(line, page)
            if isinstance(message, str):
                found = (rank, rule.code, message)
                break
        if found is not None and not _exempt(found[1], line, page):
            hits[line.index] = (found[1], found[2])
    page.line_hits = {i: code for i, (code, _) in hits.items()}
    return hits


def _exempt(code: str, line: Line, page: Page) -> bool:
    """A hit the line's place on the page overrules: a piece of a sentence (a link or a
    date the dump cut out), a menu word heading the article's next paragraph, or a chapter
    of a podcast's chapter list (not a ticker item)."""
    if code in SENTENCE_PIECE_CODES:
        if inside_sentence(line, page):
            return True
        return code == "SCR107" and heading_after_list(line, page)
    return code == "SCR114" and in_chapter_list(line, page)


def _verdict(
    rules: list[tuple[int, str, Callable[[LineText], object]]],
    line: LineText,
    shared: dict[str, Verdict],
) -> Verdict:
    """`_first_hit`, looked up in (and added to) the shared table when the line is short."""
    if len(line.text) > SHARED_MAX_CHARS:
        return _first_hit(rules, line)
    if line.text in shared:  # None is a verdict too: no rule hits
        return shared[line.text]
    found = shared[line.text] = _first_hit(rules, line)
    return found


def _first_hit(
    rules: list[tuple[int, str, Callable[[LineText], object]]], line: LineText
) -> Verdict:
    """The first (rank, code, message) among text-only rules given as (rank, code, check)."""
    for rank, code, check in rules:
        message = check(line)
        if isinstance(message, str):
            return rank, code, message
    return None


def tag(page: Page, config: Config) -> dict[int, tuple[str, str]]:
    """Line index -> (rule code, message) for every line some rule drops."""
    hits = tag_lines(page, config)
    for rule in _enabled("page", config, page.memo):
        found = rule.check(page)
        assert isinstance(found, dict)
        for index, message in sorted(found.items()):
            hits.setdefault(index, (rule.code, message))
    return hits


def first_view(numbered: Numbered, config: Config) -> tuple[Numbered, dict[int, Decision]]:
    """The lines the first pass sees: invisible-only lines blanked, then normalised."""
    view, dropped = _drop_invisible(numbered, config)
    return normalise(view), dropped


def normalise(numbered: Numbered) -> Numbered:
    """Trailing whitespace off; runs of blank lines become one; no blank edges."""
    out: Numbered = []
    for number, text in numbered:
        text = text.rstrip()
        if not text and (not out or not out[-1][1]):
            continue
        out.append((number, text))
    while out and not out[-1][1]:
        out.pop()
    return out


def _drop_invisible(numbered: Numbered, config: Config) -> tuple[Numbered, dict[int, Decision]]:
    """Whitespace-only lines (NBSP and friends) become blank, each with a record."""
    rule = REGISTRY["SCR001"]
    if not config.rule_enabled(rule.code):
        return numbered, {}
    view: Numbered = []
    dropped: dict[int, Decision] = {}
    for number, text in numbered:
        message = None if is_blank(text) else whitespace_only(text)
        if message:
            dropped[number] = Decision(number, text, False, rule.code, rule.name, message)
            text = ""
        view.append((number, text))
    return view, dropped


def decide(numbered: Numbered, config: Config) -> tuple[list[Decision], Numbered, str | None]:
    """Return one decision per non-blank line, the kept lines (normalised) and the title."""
    originals = dict(numbered)
    current, dropped = first_view(numbered, config)
    title: str | None = None
    memo = Memo()  # what depends only on line texts, computed once for all passes
    for _ in range(MAX_PASSES if config.strip else 0):
        page = build_page(current, memo)
        page.title = title  # the title an earlier pass found, if any (SCR201)
        hits = tag(page, config)
        title = page.title
        if not hits:
            break
        for index, (code, message) in hits.items():
            line = page.lines[index]
            name = REGISTRY[code].name
            dropped[line.number] = Decision(
                line.number, originals[line.number], False, code, name, message
            )
        current = normalise([(n, t) for n, t in current if n not in dropped])
    kept_numbers = {n for n, t in current if t}
    decisions = [
        dropped.get(n) or Decision(n, text, True)
        for n, text in numbered
        if n in dropped or n in kept_numbers
    ]
    return decisions, current, title
