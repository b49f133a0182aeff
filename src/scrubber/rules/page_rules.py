"""Page rules: chrome recognisable only from a line's place in the page.

The article is mostly one contiguous region. Each line gets a weight (running
text positive, short or chrome lines negative) and the region with the largest
total is the main text: lines before and after it are template. Headers such
as "Read also" weigh so much against the region that it rarely runs past them.
"""

from __future__ import annotations

import re

from scrubber import lexicon
from scrubber.page import Line, Page
from scrubber.rules.line_rules import date_line
from scrubber.rules.registry import page_rule
from scrubber.rules.scoring import content_terms
from scrubber.rules.weights import (
    END_CODES,
    content_chance,
    inline_boxes,
    line_runs,
    line_weight,
    main_region,
    runs_on,
)

# Inside the main text a repeated line is kept when the model finds it this likely to be text.
REPEAT_KEEP_CHANCE = 0.3
# The title is looked for among this many lines before the main text.
TITLE_LOOKBACK = 40
# Longer lines are sentences, not headings: a title candidate has at most this many words.
TITLE_MAX_WORDS = 20
# A title is printed a few times (heading, <title>, breadcrumb); a prefix of more lines is a label.
TITLE_MAX_REPEATS = 3
# A heading before the main text is its title when at least this share of its topic terms
# (two or more) occur in the main text's sentences.
TOPIC_SHARE = 1 / 3
# Author credits are short: "By Jane Doe and John Roe", "Posted by Jane Doe in News, Local".
BYLINE_MAX_WORDS = 12
# A heading that the page prints again counts as this many more shared topic terms; printed
# again as the start of a longer line ("<headline> - Site") or as a cut-off teaser, twice this.
REPEAT_BONUS = 1
# ...if it shares at least this many terms (menu items are printed twice too).
REPEAT_MIN_TERMS = 2
# A line longer than this that opens the main text without a full stop is its lead, cut
# short by the dump, not its headline.
LEAD_MIN_WORDS = 15
# Widget and menu lexicons whose phrases of two or more words ("share this", "sign in",
# "continue reading") never occur in a headline...
CHROME_LABEL_LEXICONS = ("share", "navigation", "newsletter", "comments", "read_more")
# ...when they open or close the line, or the line is this short.
CHROME_LABEL_MAX_WORDS = 8


def _span(lines: list[Line]) -> str:
    if not lines:
        return ""
    first, last = lines[0].number, lines[-1].number
    return f"line {first}" if first == last else f"lines {first}-{last}"


@page_rule("SCR201", "page-title")
def page_title(page: Page) -> dict[int, str]:
    """The page title: kept out of the text and reported in the sidecar's `title`.

    The title is the heading-like line before the main text's first sentence
    that restates the most of its terms (at least a third of its own; a heading
    the page prints again counts more), widget labels ("Share this", "Sign in")
    never; failing that, one the page repeats
    (exactly, or as the start of a longer line such as "<title> - Site");
    failing that, the heading-like line right before the main text. Copies of
    the title elsewhere on the page are dropped with it, also one after a share
    button's label ("Share this article<title>").

    Rules run again on the lines a pass keeps; once the title is found, a later
    pass that finds another such heading (a kicker, a section name, a deck)
    drops it as another heading-like line at the article's start, and the sidecar
    keeps the first.
    """
    title = find_title(page)
    if title is None:
        return {}
    text = title.text.strip()
    if page.title is None:
        page.title = text
        what, copies = f"page title {text[:60]!r} (sidecar 'title')", "the page title"
    else:
        # Found on a later pass, once the title was gone: a kicker, deck, caption or label.
        what = f"another heading-like line at the article's start (title: {page.title[:40]!r})"
        copies = "that heading"
    hits = {title.index: what}
    if _label(title, page):
        return hits
    _, headings = contents_list(page)
    for line in page.lines:
        if line.index != title.index and _repeats_title(line, title) and line.index not in headings:
            hits[line.index] = f"repeats {copies} (line {title.number})"
    return hits


def _label(line: Line, page: Page) -> bool:
    """Opens more lines than a title would (an interview's speaker, a column name)."""
    key = line.key
    opened = sum(1 for other in page.lines if other.key.startswith(key) and other.key != key)
    return opened > TITLE_MAX_REPEATS


# List items of line dumps ("* Home") are menus, not headlines.
_LIST_MARKS = ("* ", "• ")
# A heading may end in "?" or "!", never like a statement or mid-sentence.
_NOT_HEADING_ENDS = (".", ",", ";", "。", "，", "；", "．")


# A news lead's dateline: "WASHINGTON (Reuters) -", "HAYWARD, Calif. (AP) —", "PARIS (AFP) –".
# The line is the article's first sentence, however heading-like the dump made it.
_UPPER = r"[^\W\d_a-z]"  # a letter, not ASCII lower case (caseless scripts pass too)
# Bounded repeats keep a search linear on long runs of capitals or CJK (test_guarantees).
_PLACE = rf"{_UPPER}{{2}}(?:{_UPPER}|[-'’.]){{0,30}}(?: {_UPPER}(?:{_UPPER}|[-'’.]){{0,30}}){{0,4}}"
_DATELINE = re.compile(rf"{_PLACE}(?:, [^()]{{1,30}})? \([^()]{{1,30}}\) ?[-–—]")


def _heading_like(line: Line) -> bool:
    return 2 <= line.words <= TITLE_MAX_WORDS and not line.text.rstrip().endswith(_NOT_HEADING_ENDS)


def _byline(line: Line) -> bool:
    """'By Jane Doe', 'Autor: Jan Kowalski': a short line opening with an author-credit word."""
    return _credit_word(line) is not None


def _credit_word(line: Line) -> str | None:
    """The author-credit phrase a byline opens with ("by", "autor"), or None."""
    if line.words > BYLINE_MAX_WORDS:
        return None
    return lexicon.starts_with_phrase("byline", line.key, line.tokens)


def _title_candidate(line: Line, hits: dict[int, str], page: Page) -> bool:
    """Heading-like, not dropped by a line rule, not cut off mid-sentence, and neither
    a byline, a date nor a widget label."""
    return (
        line.index not in hits
        # Hard-wrapped paragraphs and text-node dumps cut sentences into lines that look
        # like headings; each strip pass would take the next piece as the title.
        and not (runs_on(line, page) and not _credit(page.lines[line.index + 1]))
        and _heading_like(line)
        and not _credit(line)
        and _DATELINE.match(line.text.lstrip()) is None
        and not _chrome_label(line)
        and line.index not in contents_list(page)[0]
    )


def _chrome_label(line: Line) -> bool:
    """'Share this on WhatsApp', 'Skip to content', 'Printer friendly version | Email this':
    a widget's words, which the line rules leave alone when other words come with them."""
    for category in CHROME_LABEL_LEXICONS:
        phrases = lexicon.find_phrases(category, line.key, line.tokens)
        # Single words ("share", "more", "home") occur in headlines; phrases do not.
        multi = [phrase for phrase in phrases if " " in phrase]
        if multi and (line.words <= CHROME_LABEL_MAX_WORDS or _at_edge(multi, line)):
            return True
    return False


def _at_edge(phrases: list[str], line: Line) -> bool:
    key = line.key
    return any(key.startswith(phrase) or key.endswith(phrase) for phrase in phrases)


# A page's table of contents: at least this many short lines in a row, each printed again
# later, in the same order, as a heading (with other text after it than the list's lines).
CONTENTS_MIN_ITEMS = 3
CONTENTS_ITEM_MAX_WORDS = 10


def contents_list(page: Page) -> tuple[dict[int, int], frozenset[int]]:
    """A table of contents: its entries (index -> the index of the heading each points to)
    and those headings. The entries are chrome; the headings are the article's."""
    if page.contents is None:
        entries: dict[int, int] = {}
        places: dict[str, list[Line]] = {}
        for line in page.lines:
            if page.key_counts[line.key] == 2:
                places.setdefault(line.key, []).append(line)
        for run in line_runs(page.lines, _contents_item):
            entries.update(_contents_entries(run, page, places))
        page.contents = (entries, frozenset(entries.values()))
    return page.contents


def _contents_item(line: Line) -> bool:
    """Short enough for a contents entry, and no sentence."""
    return line.words <= CONTENTS_ITEM_MAX_WORDS and not line.terminal


def _contents_entries(run: list[Line], page: Page, places: dict[str, list[Line]]) -> dict[int, int]:
    """Entries of `run` (short lines in a row) that come again later on the page, in
    order, each printed just twice (the entry and its heading) and before something other
    than the list's entries (a copy of the whole list is no heading), CONTENTS_MIN_ITEMS
    or more in a row: entry index -> heading index."""
    if len(run) < CONTENTS_MIN_ITEMS:
        return {}
    lines = page.lines
    keys = {line.key for line in run}
    found: dict[int, int] = {}
    stretch: dict[int, int] = {}
    at = run[-1].index + 1
    for entry in run:
        # The entry and one more copy (`places`): its heading if it comes later.
        later = [other.index for other in places.get(entry.key, ()) if other.index >= at]
        heading = later[0] if later else None
        if heading is None or heading + 1 >= len(lines) or lines[heading + 1].key in keys:
            if len(stretch) >= CONTENTS_MIN_ITEMS:
                found.update(stretch)
            stretch = {}
            continue
        stretch[entry.index] = heading
        at = heading + 1
    if len(stretch) >= CONTENTS_MIN_ITEMS:
        found.update(stretch)
    return found


def _repeats_title(line: Line, title: Line) -> bool:
    key, title_key = line.key, title.key
    distinctive = len(title_key) >= 12 or title.cjk_chars >= 6
    if not distinctive or line.words > title.words + 10:
        return False
    return (
        key == title_key
        or key.startswith(title_key)
        or (key.endswith(title_key) and _share_label(key[: -len(title_key)]))
        or (
            len(key) >= 12
            and title_key.startswith(key)
            and line.text.rstrip().endswith(("...", "…"))
        )
    )


def _share_label(text: str) -> bool:
    """A share button's label ("Share this article", "Partager cet article"), which share
    bars print before the title they share."""
    return lexicon.normalize_key(text) in lexicon.phrases("share")


def find_title(page: Page) -> Line | None:
    start, end = main_region(page)
    hits = page.line_hits
    # The title sits before the main text or opens it (before its first sentence).
    head = page.lines[max(start - TITLE_LOOKBACK, 0) : start + 3]
    candidates = [line for line in head if _title_candidate(line, hits, page)]
    topic = content_terms([ln for ln in page.lines[start : end + 1] if ln.terminal], page)
    about = _about_the_article(candidates, (start, end), _short_stems(topic), page)
    if about is not None:
        return about
    by_start: dict[str, list[Line]] = {}
    for line in page.lines:
        by_start.setdefault(line.key[:12], []).append(line)
    for candidate in sorted(candidates, key=lambda c: (len(c.key), c.index)):
        same_start = by_start.get(candidate.key[:12], [])
        repeats = [
            o for o in same_start if o.index != candidate.index and _repeats_title(o, candidate)
        ]
        if not repeats or _label(candidate, page):
            continue
        # A site's tagline repeats too, in the header and again in the footer after the
        # article; printed after the article's last sentence, a title must be about it.
        if repeats[-1].index <= _last_sentence(page, start, end):
            return candidate
        if content_terms([candidate], page) & topic:
            return candidate
    # Otherwise: the last heading before the main text, with only chrome or bylines in between.
    before = [line for line in candidates if line.index < start]
    if not before:
        return _opening_heading(page, start, candidates)
    last = before[-1]
    between = page.lines[last.index + 1 : start]
    return last if all(line.index in hits or _byline(line) for line in between) else None


def _about_the_article(
    candidates: list[Line], region: tuple[int, int], topic: set[str], page: Page
) -> Line | None:
    """The heading before the main text's first sentence that restates most of its terms
    (on a tie the later one, unless it is a copy): a headline restates its article, a menu
    item or a widget does not. A two-word menu item may share all its terms by chance, so
    the heading that shares the most terms wins, not the largest share."""
    start, end = region
    limit = max(_first_sentence(page, start, end), start + 1)
    best, best_score = None, 0
    for candidate in candidates:
        if candidate.index >= limit or candidate.text.lstrip().startswith(_LIST_MARKS):
            continue
        # A long line opening the main text is its lead, cut short of its full stop.
        if candidate.index >= start and candidate.words > LEAD_MIN_WORDS:
            continue
        own = _short_stems(content_terms([candidate], page))
        shared = len(own & topic)
        if len(own) < 2 or shared < TOPIC_SHARE * len(own):
            continue
        score = shared + (_repeat_bonus(candidate, page) if shared >= REPEAT_MIN_TERMS else 0)
        # Between the main text's first line and its first sentence sit the headline's
        # byline, categories and captions: there the earlier line wins a tie.
        later_tie = (
            best is not None
            and score == best_score
            and candidate.key != best.key
            and candidate.index <= start
        )
        if score > best_score or later_tie:
            best, best_score = candidate, score
    # "<headline> - Site" or "<headline> – Report": the headline alone, if printed too.
    shorter = [
        c
        for c in candidates
        if best is not None and len(c.key) < len(best.key) and _repeats_title(best, c)
    ]
    return min(shorter, key=lambda c: len(c.key)) if shorter else best


def _repeat_bonus(candidate: Line, page: Page) -> int:
    """A headline is printed again ("<headline> - Site", a teaser "<headline>..."), an
    article's caption or deck seldom is."""
    copies = [
        line
        for line in page.lines
        if line.index != candidate.index and _repeats_title(line, candidate)
    ]
    if not copies or _label(candidate, page):
        return 0
    longer = any(line.key != candidate.key for line in copies)
    return 2 * REPEAT_BONUS if longer else REPEAT_BONUS


def _first_sentence(page: Page, start: int, end: int) -> int:
    """Index of the main text's first line that ends a sentence (a heading may end in a
    colon) and no rule dropped; past its end if none does."""
    hits = page.line_hits
    for line in page.lines[start : end + 1]:
        if line.terminal and line.index not in hits and not line.text.rstrip().endswith(":"):
            return line.index
    return end + 1


def _short_stems(terms: set[str]) -> set[str]:
    """Terms cut to their first 4 characters, so that a headline's 'Fährbetrieb' meets
    the article's 'Fähre' (CJK terms are character pairs and stay whole)."""
    return {term[:4] for term in terms}


def _last_sentence(page: Page, start: int, end: int) -> int:
    """Index of the main text's last line that ends a sentence (its end if none does)."""
    ends = [line.index for line in page.lines[start : end + 1] if line.terminal]
    return ends[-1] if ends else end


def _opening_heading(page: Page, start: int, candidates: list[Line]) -> Line | None:
    """A heading among the main text's first lines, before its first sentence with at
    most bylines, dates and dropped lines between."""
    for line in page.lines[start : start + 3]:
        if line.terminal:
            return None
        if line in candidates and _sentence_follows(line, page):
            return line
    return None


def _credit(line: Line) -> bool:
    """A byline or a date line ("by Jane Doe", "updated 3 May 2024")."""
    return _byline(line) or date_line(line.features) is not None


def _sentence_follows(line: Line, page: Page) -> bool:
    """The next line that is not a credit or a dropped line ends a sentence."""
    for after in page.lines[line.index + 1 :]:
        if after.terminal:
            return True
        if not (_credit(after) or after.index in page.line_hits):
            return False
    return False


@page_rule("SCR202", "repeated-line")
def repeated_line(page: Page) -> dict[int, str]:
    """A short line that occurs more than once on the page: template, not article.

    Menus, bylines and widget labels are printed twice (header and footer,
    mobile and desktop menus); sentences of an article are not. A table of
    contents (three or more short lines in a row, each printed again later, in
    order, as a subheading) goes, and the subheadings it lists stay.
    """
    hits: dict[int, str] = {}
    counts = page.key_counts
    start, end = main_region(page)
    entries, headings = contents_list(page)
    for index, heading in entries.items():
        hits[index] = f"a contents entry: its heading follows (line {page.lines[heading].number})"
    for line in page.lines:
        if line.index in headings or line.index in entries:
            continue
        if start <= line.index <= end and content_chance(line, page) >= REPEAT_KEEP_CHANCE:
            continue
        if counts[line.key] > 1 and len(line.key) >= 3 and line.words <= 15:
            hits[line.index] = f"appears {counts[line.key]} times on the page"
    return hits


@page_rule("SCR203", "after-end-marker")
def after_end_marker(page: Page) -> dict[int, str]:
    """Lines after the main text that follow a "Read also"/"Tags"/"Comments" header."""
    _, end = main_region(page)
    hits = page.line_hits
    marker: Line | None = None
    found: dict[int, str] = {}
    for line in page.lines[end + 1 :]:
        if hits.get(line.index) in END_CODES:
            marker = line
        elif marker is not None:
            found[line.index] = (
                f"follows the {marker.text.strip()[:40]!r} header (line {marker.number})"
            )
    return found


@page_rule("SCR206", "author-bio")
def author_bio(page: Page) -> dict[int, str]:
    """A paragraph about the page's author after the byline: it opens with the name the
    byline gives ("By Jane Doe" ... "Jane Doe is a science reporter who ..."), and the
    name on a line of its own just before it.

    An article rarely writes about its own author; an author box after it does.
    """
    found: dict[int, str] = {}
    names: dict[str, Line] = {}
    for line in page.lines:
        for name, byline in names.items():
            if _about(line, name, page):
                found[line.index] = f"about the author {name!r} (byline, line {byline.number})"
                if line.index > 0 and page.lines[line.index - 1].text.strip() == name:
                    found[line.index - 1] = f"the author's name over the bio (line {line.number})"
                break
        else:
            credited = _byline_name(line)
            if credited is not None:
                names.setdefault(credited, line)
    return found


# The name a byline gives: two to four capitalised words after the credit word.
_NAME_WORDS = (2, 4)
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*|\d\S*")
# A bio is a sentence of at least this many words.
BIO_MIN_WORDS = 10


def _byline_name(line: Line) -> str | None:
    """ "Jane Doe" of "By Jane Doe · 2 May 2024", or None (also for caseless scripts)."""
    prefix = _credit_word(line)
    if prefix is None:
        return None
    words = _WORD.findall(line.text)[len(prefix.split()) :]
    run: list[str] = []
    for word in words[: _NAME_WORDS[1] + 1]:
        if not word[0].isupper():
            break
        run.append(word)
    low, high = _NAME_WORDS
    return " ".join(run) if low <= len(run) <= high else None


def _about(line: Line, name: str, page: Page) -> bool:
    """A sentence that opens with the name ("Jane Doe is ...", "Jane Doe, who ...")."""
    text = line.text.lstrip()
    if not text.startswith(name) or not line.terminal or line.words < BIO_MIN_WORDS:
        return False
    after = text[len(name) : len(name) + 1]
    return after in (" ", ",", "'", "’") and not _byline(line)


@page_rule("SCR205", "inline-link-box")
def inline_link_box(page: Page) -> dict[int, str]:
    """Headlines of a "Related"/"Read also" box inside the article, up to the next paragraph."""
    found = {}
    for index, header_index in inline_boxes(page).items():
        header = page.lines[header_index]
        found[index] = f"in the {header.text.strip()[:40]!r} box (line {header.number})"
    return found


@page_rule("SCR204", "outside-main-text")
def outside_main_text(page: Page) -> dict[int, str]:
    """Lines before or after the main text region (the best-scoring run of running text).

    The weight in the message is the score of the line's paragraph (its unit): positive
    when it scores as running text, negative when it scores as chrome. The main text is
    the one run of consecutive units whose weights add up to the most, so a positive line
    is still dropped when negative lines (menus, widgets) or a "Read also" header
    separate it from that run.
    """
    start, end = main_region(page)
    if start > end:
        return {}
    region = _span(page.lines[start : end + 1])
    found: dict[int, str] = {}
    for line in page.lines[:start]:
        found[line.index] = (
            f"before the main text ({region}), weight {line_weight(line, page):+.0f}"
        )
    for line in page.lines[end + 1 :]:
        found[line.index] = f"after the main text ({region}), weight {line_weight(line, page):+.0f}"
    return found
