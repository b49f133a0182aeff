"""Line weights and the main-region search shared by the page rules.

Lines are first grouped into *units*: a line that continues the previous one
(the previous line does not end a sentence and this one starts in lower case
or with punctuation) belongs to the same unit, which undoes the splitting of
paragraphs at inline links in text-node dumps; a line of punctuation alone
joins the running text around it. Each unit gets a weight: running text earns
its length minus an offset (so a teaser sentence wedged between headlines earns
little), a whole sentence at least SENTENCE_FLOOR and a long paragraph at least
LONG_TEXT_RATE per word, anything else costs a fixed penalty per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from scrubber import lexicon, scripts
from scrubber.page import Line, LineText, Page
from scrubber.rules import scoring
from scrubber.rules.line_rules import SENTENCE_STOP, comment_header, read_more_teaser

# Codes of line rules whose lines announce that the article is over.
END_CODES = frozenset({"SCR106", "SCR112", "SCR113", "SCR119"})
# Codes of line rules whose lines sit inside articles (an ad slot) rather than around them.
INLINE_CODES = frozenset({"SCR111", "SCR122"})
THRESHOLD = 0.35
SLOPE = 1.5
SHORT_PENALTY = 2.0
CHROME_PENALTY = 6.0
# A lone advert label inside an article costs less than the sentence before it and the
# one after it earn at the least (2 x SENTENCE_FLOOR), so the region goes on past it.
LABEL_PENALTY = 1.0
# An end marker closes the main text only once this much running text precedes it
# (a "Tags" box in a sidebar above the article must not hide the article).
MIN_WORDS_BEFORE_END = 40.0
# ...and only when the running text after it is less than this share of the text before.
AFTER_SHARE = 0.3
# A run right after an end marker loses to the best run before the marker when that one
# weighs at least this share of it.
TEASER_BOX_SHARE = 0.5
# A line of at most this many words that does not end a sentence reads as a link.
LINK_MAX_WORDS = 6
# The best run of text before the region, or after it, joins the region when it weighs at
# least this share of the region: on dev text dumps 0.3-0.6 all gained (0.921 -> 0.924-
# 0.929 before PART_BREAK_CODES; 0.926 with them), 0.3 at a cost to non-English pages, 0.4
# keeping more chrome on invented recipe and forum pages.
OTHER_PART_SHARE = 0.5
# ...but not across these: end markers, and the share bars, follow prompts, newsletter boxes
# and copyright lines that close articles (an author bio after a share bar stays out).
PART_BREAK_CODES = END_CODES | {"SCR104", "SCR105", "SCR109", "SCR110"}
# A lighter run, weighing at least LIGHT_PART_SHARE of the region, joins when nothing between
# is dropped by a line rule (a job ad's lists under their headings), or across those codes
# (not across end markers) when TOPIC_PART_OVERLAP of its topic terms are the region's (the
# answers of a Q&A page, each after its share bar). On dev text dumps the overlap 0.1-0.2
# all gave 0.926 -> 0.929, 0.3 only 0.927, and 0.1 or 0 kept more chrome on invented pages
# (5.4% against 3.8%); 0.15 rather than 0.2 let a forum's replies join on invented pages
# (text nodes 0.831 -> 0.839) and changed no dev page. The share 0.3 lost less article there
# than 0.2 or 0.4 did. Joining across unflagged lines changed no dev page and lifted
# invented text-node pages 0.802 -> 0.831.
LIGHT_PART_SHARE = 0.3
TOPIC_PART_OVERLAP = 0.15
# A still lighter run joins when it holds a paragraph (a sentence-ending unit of at least
# PARAGRAPH_MIN_WORDS words, no web address) on the region's topic and only unflagged lines
# or TABLE_CELL_CODES lie between: a review's verdict after its spec table and pros and
# cons. On invented review, docs and public-service pages +0.11-0.43 per page (7 pages),
# one obituary -0.07 (a tribute after unflagged headers); dev 0.931 -> 0.931 (3 pages up).
# A weight floor instead of words (8) broke on later passes, where a paragraph left last
# on the page weighs less.
PARAGRAPH_MIN_WORDS = 25
# What may lie between such a paragraph and the region: unflagged lines, and figures
# alone ("88.50") or dates ("Lundi 7 avril"), a table's cells.
TABLE_CELL_CODES = frozenset({None, "SCR101", "SCR121"})
# The article's text after a "Related" box in it: a sentence of at least this many words
# (in Chinese, Japanese or Korean, characters).
RESUMED_MIN_WORDS = 20
RESUMED_MIN_CJK = 40
# Such a box may hold a newsletter or paywall prompt and an advert label: sites place both
# inside articles. Other chrome in it (a share bar, a comment header) ends the article.
BOX_INSERT_CODES = frozenset({"SCR109", "SCR111"})
# Parts join one at a time (each side may grow again once the region's topic has grown).
MAX_PART_JOINS = 8
# What may lie between an article's lead (standfirst) and its body, LEAD_GAP_LINES lines at
# most: a date, a share bar (also one glued into a "breadcrumb" or split by "|"), follower
# counts, a reading time, a picture credit, bare figures, and short unflagged lines that are
# not sentences (a byline, a share bar's network names, a forum post's user box).
LEAD_GAP_CODES = frozenset(
    {"SCR101", "SCR102", "SCR103", "SCR104", "SCR111", "SCR112", "SCR115", "SCR116", "SCR119"}
    | {"SCR120", "SCR121", "SCR122"}
)
LEAD_GAP_LINES = 10
LEAD_GAP_WORDS = 8
# A list the region's text introduces ("Check that you have:"): the introduction has at
# least LIST_INTRO_MIN_WORDS words; an item at most LIST_ITEM_MAX_WORDS; at most
# LIST_MAX_ITEMS items.
LIST_INTRO_MIN_WORDS = 4
LIST_ITEM_MAX_WORDS = 15
LIST_MAX_ITEMS = 20
FALLBACK_MIN_WORDS = 8
# A "Read also" header followed by at most this many headlines and then a sentence is a box
# inside the article (`_inline_box_lines`).
INLINE_BOX_MAX_LINES = 2
# ...and up to this many such boxes in a row.
INLINE_BOX_MAX_CHAIN = 3
_LABEL_COLONS = (":", "\uff1a", "\ufe55")  # ASCII, full-width and small colons
_LABEL_ARROWS = ("▶", "►", "▸", "→", "➤", "➔")
# A line of at most this many words between a box's headline and the sentence after it
# is a subheading of the article ("Battery life"), not a second headline.
SUBHEADING_MAX_WORDS = 3
# A link box's headlines are at most this long and do not end like sentences.
BOX_HEADLINE_MAX_WORDS = 20
# ...and a box holds at most this many of them (a longer run is a list of the article's).
BOX_MAX_LINES = 8
# This many dated comment headers make the text after the first one a comment thread.
COMMENT_THREAD_MIN_HEADERS = 2
# A comment header split over lines ends with a line of at most this many words ("said:",
# not "The mayor said:")...
SPLIT_HEADER_LAST_WORDS = 2
# ...its other pieces have at most this many ("March 3, 2025 at 9:14 am")...
SPLIT_HEADER_PIECE_WORDS = 8
# ...and it spans at most this many lines.
SPLIT_HEADER_LINES = 5
# Floor weight of a unit that is a complete sentence of at least this many words.
SENTENCE_FLOOR = 1.0
SENTENCE_MIN_WORDS = 8
SENTENCE_MIN_CJK = 14  # characters: portals write one-sentence paragraphs of 14-20
# A sentence-ending unit of at least this many words earns at least this much per word,
# when the model gives it at least this chance (lower, a long author bio or disclaimer
# after a short article outweighed it); from LONG_TEXT_RAMP_FROM up to that chance it
# earns a growing part of it, not nothing (a 121-word Chinese article among link lists,
# at 0.26, lost to a teaser; on the dev dump styles the ramp changed text nodes only,
# 0.903 -> 0.910).
LONG_TEXT_MIN_WORDS = 45
LONG_TEXT_RATE = 0.2
LONG_TEXT_MIN_CHANCE = 0.3
LONG_TEXT_RAMP_FROM = 0.2
# A unit this long with at least RUNNING_TEXT_MIN_STOPS sentence ends inside it is running
# text even when its own end is no sentence end: a message signed "Thanks, Ilse", a
# paragraph closed by a link, all in one line of a dump (it gets the floors above).
RUNNING_TEXT_MIN_STOPS = 3
# Line-rule codes (dates, share buttons, menu items, no-words lines) that a piece of a
# sentence is spared: a link or a date the dump cut out of it (see inside_sentence).
SENTENCE_PIECE_CODES = frozenset({"SCR101", "SCR104", "SCR107", "SCR121"})
# ...when the line before or after it has at least this many words.
SENTENCE_PIECE_WORDS = 4
_CONTINUATION_MARKS = ",.;:)]»”’%"
# Closing marks that open no sentence in any language ("»" and "”" open quotes in German).
_RUN_ON_MARKS = tuple(",.;:)]%")
_OPENING_MARKS = "“„«\"'([,—–"
# Text-node dumps put the punctuation between two inline links on a line of its own.
_FRAGMENT_MARKS = frozenset("()[]{}.!?\"'“”‘’«»„")
_FRAGMENT_MAX_CHARS = 3


def _punctuation_fragment(line: Line) -> bool:
    """Up to 3 brackets, quotes or sentence marks alone ("[", "”", "?!"): a piece of the
    sentence around it."""
    if line.words:  # marks alone make no word: most lines are out without a copy of the text
        return False
    text = line.text.strip()
    return len(text) <= _FRAGMENT_MAX_CHARS and all(c in _FRAGMENT_MARKS for c in text)


def _open_text(unit: list[Line], page: Page) -> bool:
    """The unit is running text that may go on: no line rule hit, punctuation fragments aside."""
    hits = page.line_hits
    last = unit[-1]
    return unit[0].index not in hits and (last.index not in hits or _punctuation_fragment(last))


def inside_sentence(line: Line, page: Page) -> bool:
    """The line is a piece of a sentence (a link, a date) that a text-node dump cut out.

    "Now if you follow me on" / "Twitter" / "or" / "Facebook" / "then you know who I
    like.": no blank line around it, the line before does not end a sentence, the
    line after finishes it, and one of the two is more than a menu item (a
    lower-case menu reads the same way, item by item).
    """
    if line.para_start or line.index == 0 or not runs_on(line, page):
        return False
    before, after = page.lines[line.index - 1], page.lines[line.index + 1]
    return not before.terminal and max(before.words, after.words) >= SENTENCE_PIECE_WORDS


# A chapter's offset into a recording: "02:10", "1:02:10" at the start of the line.
_CHAPTER_OFFSET = re.compile(r"^\s*(?:[*•·–-]\s+)?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?!\d)")
# A podcast's or video's chapter list: at least this many offsets in a row, rising, and
# either the first under CHAPTERS_FIRST_MAX seconds or one no clock shows ("34:05": a clock
# has no 34th hour). A news ticker's clock times fall (newest first) or start late.
CHAPTERS_MIN_LINES = 3
CHAPTERS_FIRST_MAX = 300
_CLOCK_HOURS = 24


def in_chapter_list(line: Line, page: Page) -> bool:
    """The line opens with an offset ("02:10 How soil breathes") in a chapter list."""
    if page.chapters is None:
        page.chapters = _chapter_lines(page)
    return line.index in page.chapters


def _offset(line: Line) -> tuple[int, bool] | None:
    """The seconds into the recording a line opens with, and whether no clock shows them
    ("34:05"); None without an offset."""
    match = _CHAPTER_OFFSET.match(line.text)
    if match is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    not_clock = match.group(1) is None and minutes >= _CLOCK_HOURS
    return hours * 3600 + minutes * 60 + seconds, not_clock


def _opens_with_offset(line: Line) -> bool:
    return _offset(line) is not None


def _chapter_lines(page: Page) -> frozenset[int]:
    found: set[int] = set()
    for run in line_runs(page.lines, _opens_with_offset):
        stamps = [stamp for line in run if (stamp := _offset(line)) is not None]
        offsets = [offset for offset, _ in stamps]
        rising = all(a < b for a, b in pairwise(offsets))
        early_or_not_clock = offsets[0] < CHAPTERS_FIRST_MAX or any(nc for _, nc in stamps)
        if len(run) >= CHAPTERS_MIN_LINES and rising and early_or_not_clock:
            found.update(line.index for line in run)
    return frozenset(found)


# A menu word on a line of its own before a paragraph of at least this many words, after a
# list item (HEADING_TEXT_BEFORE_WORDS words or more, no sentence end) no rule drops, is the
# article's subheading ("Research", "Fees"), not a menu item (before the article, the region
# leaves it out all the same; after a footer's button, "About us" stays chrome).
HEADING_PARAGRAPH_WORDS = 15
HEADING_MAX_WORDS = 4
HEADING_TEXT_BEFORE_WORDS = 4


def heading_after_list(line: Line, page: Page) -> bool:
    """A short line after an unflagged list item and before a paragraph ending like a
    sentence."""
    around = _neighbours(line, page)
    if line.words > HEADING_MAX_WORDS or around is None:
        return False
    before, after = around
    # After a list's last item, not a button; after a paragraph a lone menu word is more
    # often a stray menu item than a heading.
    text_before = before.words >= HEADING_TEXT_BEFORE_WORDS and not before.terminal
    unflagged = before.index not in page.line_hits
    return text_before and unflagged and _paragraph(after, page, HEADING_PARAGRAPH_WORDS)


def _paragraph(line: Line, page: Page, min_words: int) -> bool:
    """The line ends like a sentence, has at least `min_words` words, and no rule drops it."""
    return line.terminal and line.words >= min_words and line.index not in page.line_hits


def _neighbours(line: Line, page: Page) -> tuple[Line, Line] | None:
    """The lines just before and just after `line`, when it has both."""
    lines = page.lines
    if line.index == 0 or line.index + 1 >= len(lines):
        return None
    return lines[line.index - 1], lines[line.index + 1]


def line_runs(lines: list[Line], keep: Callable[[Line], bool]) -> list[list[Line]]:
    """The maximal runs of consecutive lines that `keep` accepts."""
    runs: list[list[Line]] = []
    run: list[Line] = []
    for line in lines:
        if keep(line):
            run.append(line)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def runs_on(line: Line, page: Page) -> bool:
    """The next line, with no blank line between, finishes this line's sentence: it
    opens with a lower-case word ("iPhone" is not one) or with closing punctuation."""
    after = page.lines[line.index + 1] if line.index + 1 < len(page.lines) else None
    if after is None or after.para_start:
        return False
    text = after.text.lstrip()
    first_word = text.split(maxsplit=1)[0] if text else ""
    return scripts.reads_lower(first_word) or text[:1] in _RUN_ON_MARKS


def _continues(unit: list[Line], line: Line, page: Page) -> bool:
    if _punctuation_fragment(line):
        # Still dropped by its rule, but neither ends the paragraph nor costs the region.
        return _open_text(unit, page)
    previous = unit[-1]
    # The cheapest test first: most lines follow the end of a sentence.
    if previous.terminal or line.index in page.line_hits or not _open_text(unit, page):
        return False
    first = line.text.lstrip()[:1]
    if scripts.reads_lower(first) or first in _CONTINUATION_MARKS:
        return True
    # A line ending in an opening quote/bracket, a comma or a short function
    # word ("the", "of", "a") stops mid-sentence: the next line finishes it.
    end = previous.text.rstrip()[-1:]
    if end in _OPENING_MARKS:
        return True
    last = previous.tokens[-1] if previous.tokens else ""
    return bool(last) and len(last) <= 4 and last in page.stoplist


def units(page: Page) -> list[list[Line]]:
    """Consecutive lines grouped into paragraph-like units (see module doc)."""
    return _grouping(page)[1]


def _grouping(page: Page) -> tuple[dict[int, str], list[list[Line]], set[int]]:
    """The units and the indexes of their first lines, computed once per page and line hits."""
    if page.units is not None and page.units[0] is page.line_hits:
        return page.units
    grouped: list[list[Line]] = []
    for line in page.lines:
        if grouped and _continues(grouped[-1], line, page):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    page.units = (page.line_hits, grouped, {unit[0].index for unit in grouped})
    return page.units


def scored_units(page: Page) -> list[list[Line]]:
    """The units as the content model reads them: without their punctuation fragments.

    A unit "... in question. [", "Daily Mail", "]" is a sentence; its closing bracket
    must not make it read as a fragment.
    """
    return [
        [line for line in unit if not _punctuation_fragment(line)] or unit for unit in units(page)
    ]


def unit_weight(unit: list[Line], page: Page) -> float:
    """Positive for likely content (in words), negative for likely chrome."""
    return _unit_weights(page)[unit[0].index]


def _weigh(unit: list[Line], p: float, page: Page) -> float:
    if unit[0].index in page.line_hits:
        return -CHROME_PENALTY
    words = max(sum(line.words for line in unit), 1)
    weight = (
        words * (p - THRESHOLD)
        if p >= THRESHOLD
        else -SHORT_PENALTY - words * (THRESHOLD - p) * SLOPE
    )
    if not (_is_sentence(unit, page) or _is_running_text(unit, words)):
        return weight
    # A whole sentence never counts against the region: clean text stays whole.
    # A long paragraph is article text whatever surrounds it (an article in one
    # text node among hundreds of links scores low on its neighbours).
    floor = SENTENCE_FLOOR
    if words >= LONG_TEXT_MIN_WORDS:
        share = (p - LONG_TEXT_RAMP_FROM) / (LONG_TEXT_MIN_CHANCE - LONG_TEXT_RAMP_FROM)
        floor = max(floor, LONG_TEXT_RATE * words * min(share, 1.0))
    return max(weight, floor)


def _is_running_text(unit: list[Line], words: int) -> bool:
    """A long unit with several sentence ends inside it (RUNNING_TEXT_MIN_STOPS)."""
    if words < LONG_TEXT_MIN_WORDS:
        return False
    stops = sum(len(SENTENCE_STOP.findall(line.text)) for line in unit)
    return stops >= RUNNING_TEXT_MIN_STOPS


def _is_sentence(unit: list[Line], page: Page) -> bool:
    last = unit[-1]
    if not last.terminal or last.text.rstrip().endswith(":"):
        return False
    if page.cjk:
        return sum(line.cjk_chars for line in unit) >= SENTENCE_MIN_CJK
    return sum(line.words for line in unit) >= SENTENCE_MIN_WORDS


def line_weight(line: Line, page: Page) -> float:
    """The weight of the unit a line belongs to (for messages)."""
    weights = _unit_weights(page)
    return weights.get(line.index, 0.0)


def _unit_weights(page: Page) -> dict[int, float]:
    cached = page.cache.get("unit_weights")
    if cached is None:
        cached, chances = {}, {}
        grouped = units(page)
        scored = scored_units(page)
        thread = _comment_thread_start(page)
        probabilities = scoring.probabilities(scored, page)
        weights = [_weigh(u, p, page) for u, p in zip(scored, probabilities, strict=True)]
        in_box = _inline_box_lines(page)
        labels = _inline_labels(grouped, weights, page)
        for i, (unit, p) in enumerate(zip(grouped, probabilities, strict=True)):
            weight = weights[i]
            header = in_box.get(unit[0].index)
            if i in labels or header == unit[0].index:
                weight = -LABEL_PENALTY
            elif header is not None and all(line.index in in_box for line in unit):
                weight = 0.0  # a headline (or a further label) of the box: it costs one label
            if unit[0].index > thread:
                weight = min(weight, -SHORT_PENALTY)
            for line in unit:
                cached[line.index] = weight
                chances[line.index] = p
        page.cache["unit_weights"] = cached
        page.cache["unit_chances"] = chances
    return cached


def _inline_labels(grouped: list[list[Line]], weights: list[float], page: Page) -> set[int]:
    """The units that are advert labels ("Advertisement", "Anzeige") or read-more teasers
    ("Read also: <headline>") between two paragraphs of text, alone or several in a row.

    They are dropped by their own rules, but each costs the region only LABEL_PENALTY:
    ads and one-link teasers are placed inside articles, which go on after them.
    Other chrome (share bars, headers) more often ends the article and keeps its
    full cost.
    """
    found: set[int] = set()
    i = 0
    while i < len(grouped):
        if not _is_label(grouped[i], page):
            i += 1
            continue
        end = i
        while end < len(grouped) and _is_label(grouped[end], page):
            end += 1
        # Units i..end-1 are labels; the units around them must both be text.
        if i > 0 and end < len(grouped) and weights[i - 1] > 0 and weights[end] > 0:
            found.update(range(i, end))
        i = end
    return found


def _is_label(unit: list[Line], page: Page) -> bool:
    if len(unit) != 1:
        return False
    line = unit[0]
    code = page.line_hits.get(line.index)
    if code == "SCR121":
        return _entry_time(line, page)
    if code == "SCR116":
        return _credit_in_article(line, page)
    return code in INLINE_CODES or (code in END_CODES and not _closes_article(line, page))


# A photo credit before a paragraph of at least this many words (in a gallery, credits
# alternate with short captions).
CREDIT_PARAGRAPH_WORDS = 20


def _credit_in_article(line: Line, page: Page) -> bool:
    """A lone picture credit ("Photo: press office") after text or its picture's caption,
    and before a paragraph: the article goes on after its picture."""
    around = _neighbours(line, page)
    if around is None:
        return False
    before, after = around
    return before.index not in page.line_hits and _paragraph(after, page, CREDIT_PARAGRAPH_WORDS)


# A live blog's entry time on a line of its own: "18:42" (SCR121 drops it: no words).
_ENTRY_TIME = re.compile(r"\d{1,2}:\d{2}")


def _entry_time(line: Line, page: Page) -> bool:
    """A time alone on its line, right before a sentence: the stamp of a live blog's entry."""
    after = line.index + 1
    if after >= len(page.lines) or not _ENTRY_TIME.fullmatch(line.text.strip()):
        return False
    entry = page.lines[after]
    return entry.terminal and entry.words >= SENTENCE_MIN_WORDS


def _comment_thread_start(page: Page) -> int:
    """Index of the first comment header ("Ann on <date> said:") of a thread, or past the end.

    Comments are paragraphs of running text, often more of it than the article
    has; a run of dated comment headers marks them as a thread.
    """
    if page.thread_start is None:  # asked by the weights and by the parts' search
        headers = [
            start for line in page.lines if (start := _comment_header_start(line, page)) is not None
        ]
        many = len(headers) >= COMMENT_THREAD_MIN_HEADERS
        page.thread_start = headers[0] if many else len(page.lines)
    return page.thread_start


def _comment_header_start(line: Line, page: Page) -> int | None:
    """Index of the first line of a comment header ending on this line, if one does.

    Text-node dumps split "Ann on <date> said:" at its links: "Ann", "on", the
    date, "said:". The header is then read from up to SPLIT_HEADER_LINES lines.
    """
    # Whole or split, a header ends in a colon: most lines are out at once.
    if not line.text.rstrip().endswith(":"):
        return None
    if comment_header(line.features):
        return line.index
    if line.words > SPLIT_HEADER_LAST_WORDS:
        return None
    for start in range(line.index - 1, max(line.index - SPLIT_HEADER_LINES, -1), -1):
        if page.lines[start + 1].para_start:
            return None
        # The other pieces are a name, "on", a date: short, and never a whole sentence.
        earlier = page.lines[start]
        if earlier.terminal or earlier.words > SPLIT_HEADER_PIECE_WORDS:
            return None
        pieces = page.lines[start : line.index + 1]
        if comment_header(LineText.of(" ".join(piece.text.strip() for piece in pieces))):
            return start
    return None


def content_chance(line: Line, page: Page) -> float:
    """The model's probability that the line's unit is article text."""
    _unit_weights(page)
    return page.cache["unit_chances"].get(line.index, 0.0)


def main_region(page: Page) -> tuple[int, int]:
    """(first, last) line index of the best-scoring run of units; (0, -1) if none."""
    if page.region is not None:
        return page.region
    grouped = units(page)
    best, best_span = _best_run(grouped, page)
    marker = _end_marker_before(page, best_span[0])
    if marker is not None:
        # A run that opens right after "Related"/"Latest news" is that box's teasers;
        # the article is the best run before the header, if it weighs enough.
        earlier, earlier_span = _best_run([u for u in grouped if u[-1].index < marker], page)
        if earlier >= TEASER_BOX_SHARE * best and _has_sentence(page, earlier_span):
            best_span = earlier_span
    if best_span[1] < 0:
        best_span = _least_unlikely_unit(grouped, page)
    else:
        best_span = _with_lead(page, _with_other_parts(grouped, page, best, best_span))
        best_span = _with_listed_items(page, best_span)
    page.region = _cut_at_end_marker(page, best_span)
    return page.region


def _with_other_parts(
    grouped: list[list[Line]], page: Page, best: float, span: tuple[int, int]
) -> tuple[int, int]:
    """The region grown, part by part, by the best run of text before it and the best after.

    An article in parts (a recipe's intro, ingredients and steps; a question and its
    answers; a lead, a picture block and the body) has short lines between its parts that
    cost more than one part earns, and the best single run kept only the largest part. A
    run joins when it weighs at least OTHER_PART_SHARE of the region and no line of
    PART_BREAK_CODES lies between; or, weighing at least LIGHT_PART_SHARE, when no line
    between is dropped by a line rule (lists under their headings) or when it shares
    TOPIC_PART_OVERLAP of its topic terms with the region and no end marker lies between
    (each answer of a thread sits after its own share bar); or, lighter still, when it
    holds a paragraph on the region's topic after lists or a table (`_has_paragraph`).
    Comments after a thread's first header never join (`_comment_thread_start`).
    """
    start, end = span
    thread = _comment_thread_start(page)
    for _ in range(MAX_PART_JOINS):
        earlier, (first, last) = _best_run([u for u in grouped if u[-1].index < start], page)
        later_units = [u for u in grouped if end < u[0].index < thread]
        later, (after_first, after_last) = _best_run(later_units, page)
        region = (start, end)
        if _joins(page, earlier, best, (first, last), (last, start), region):
            start = first
        if _joins(page, later, best, (after_first, after_last), (end, after_first), region):
            end = after_last
        if (start, end) == span:
            break
        span = (start, end)
    return start, end


def _with_lead(page: Page, span: tuple[int, int]) -> tuple[int, int]:
    """The region grown by the article's lead: a sentence on the region's topic above it,
    with only a byline, a date or a share bar between (`_between_lead_and_body`).

    A standfirst sits between the headline and the byline; the share bar and the byline
    under it cost more than its one sentence earns, so the best run starts after them.
    """
    start, end = span
    index = start - 1
    while index >= 0 and start - index <= LEAD_GAP_LINES:
        if not _between_lead_and_body(page.lines[index], page):
            break
        index -= 1
    if index < 0 or index == start - 1:
        return span
    unit = next(u for u in units(page) if u[0].index <= index <= u[-1].index)
    first = unit[0].index
    if first in page.line_hits or not _is_sentence(unit, page) or unit_weight(unit, page) <= 0:
        return span
    return (first, end) if _on_topic(page, (first, index), span) else span


def _with_listed_items(page: Page, span: tuple[int, int]) -> tuple[int, int]:
    """The region grown by the list its last lines introduce: a line ending in a colon
    (`_introduces_list`), perhaps some items, then the rest of the items up to a flagged
    line, a longer line or (after the first item) a new block.

    "Before you leave, check that you have:" and six short items: the items weigh as
    chrome (short lines, no sentence end), and the region stopped before them or after
    the first. A cleaned page ends with the same list, so later passes keep it too.
    """
    start, end = span
    intro = end
    while intro >= start and end - intro < LIST_MAX_ITEMS:
        if _introduces_list(page.lines[intro], page) or not _list_item(page, intro):
            break
        intro -= 1
    if intro < start or not _introduces_list(page.lines[intro], page):
        return span
    last = end
    while last + 1 < len(page.lines) and last - intro < LIST_MAX_ITEMS:
        # The list is one block: its first item may open a block, no later one may.
        opens_block = page.lines[last + 1].para_start and last > intro
        if opens_block or not _list_item(page, last + 1):
            break
        last += 1
    return start, last


def _introduces_list(line: Line, page: Page) -> bool:
    text = line.text.rstrip()
    return (
        text.endswith(_LABEL_COLONS)
        and line.words >= LIST_INTRO_MIN_WORDS
        and line.index not in page.line_hits
    )


def _list_item(page: Page, index: int) -> bool:
    """Short and unflagged (items may end like sentences: "- the last boat leaves at 22:00;")."""
    line = page.lines[index]
    return index not in page.line_hits and 0 < line.words <= LIST_ITEM_MAX_WORDS


def _between_lead_and_body(line: Line, page: Page) -> bool:
    code = page.line_hits.get(line.index)
    if code is None:
        return not line.terminal and line.words <= LEAD_GAP_WORDS
    return code in LEAD_GAP_CODES


def _joins(
    page: Page,
    weight: float,
    best: float,
    part: tuple[int, int],
    gap: tuple[int, int],
    region: tuple[int, int],
) -> bool:
    """Whether a run (`part`, of `weight`; the region's first run weighed `best`) joins the
    region across `gap`."""
    hits = page.line_hits
    between = [hits.get(index) for index in range(gap[0] + 1, gap[1])]
    share = weight / best
    if share >= OTHER_PART_SHARE and not PART_BREAK_CODES.intersection(between):
        return True
    if gap[0] == region[1] and _resumes_after_box(page, gap[0] + 1, part[1], region):
        return True  # the article's last paragraphs after a box in it
    if any(_ends_text(i, page) for i in range(gap[0] + 1, gap[1])):
        return False
    if share < LIGHT_PART_SHARE:
        # A paragraph after (or before) a list or table on the region's topic: a verdict
        # after a spec sheet and pros and cons, a conclusion after the list it sums up.
        return (
            TABLE_CELL_CODES.issuperset(between)
            and _has_paragraph(page, part)
            and _on_topic(page, part, region)
        )
    if not any(between):
        return True  # only unflagged short lines between: headings, list items, labels
    return _on_topic(page, part, region)


def _resumes_after_box(page: Page, header: int, end: int, before: tuple[int, int]) -> bool:
    """The article goes on after a "Read also" box in it: the related-links header
    (SCR106) at `header`, one to BOX_MAX_LINES headlines (and prompts or advert labels,
    BOX_INSERT_CODES), then (by `end`) a sentence on the topic of the text `before` the box
    (a teaser's summary is about another story)."""
    if page.line_hits.get(header) != "SCR106":
        return False
    index = header + 1
    while index <= end and index - header <= BOX_MAX_LINES + 1:
        code = page.line_hits.get(index)
        if code is not None and code not in BOX_INSERT_CODES:
            return False
        if code is None and _reads_as_text(page.lines[index]):
            break
        index += 1
    else:
        return False
    after = page.lines[index]
    sentence = index > header + 1 and _is_sentence([after], page)
    # A teaser's summary is one short sentence; the article's paragraph is longer.
    long = after.words >= RESUMED_MIN_WORDS or after.cjk_chars >= RESUMED_MIN_CJK
    return sentence and long and _on_topic(page, (index, end), before)


def _has_sentence(page: Page, part: tuple[int, int]) -> bool:
    """Some unit of the part is a sentence (`_is_sentence`): a ticker of headlines above a
    "Trending:" label is no article, however short the article after the label is."""
    return any(_is_sentence(unit, page) for unit in _units_in(page, part))


def _has_paragraph(page: Page, part: tuple[int, int]) -> bool:
    """Some unit of the part is a paragraph that scores as text: a sentence-ending unit of
    PARAGRAPH_MIN_WORDS words or more, of positive weight, without a web address (a shared
    link's preview, headline, address and summary, reads as one) and not closed by "Read
    more..." (a teaser's summary)."""
    weights = _unit_weights(page)
    return any(
        weights[unit[0].index] > 0
        and unit[-1].terminal
        and sum(line.words for line in unit) >= PARAGRAPH_MIN_WORDS
        and not any(scoring.has_url(line.text) for line in unit)
        and not _closed_by_read_more(unit[-1])
        for unit in _units_in(page, part)
    )


def _closed_by_read_more(line: Line) -> bool:
    return lexicon.ends_with_phrase("read_more", line.key, line.features.tokens) is not None


def _units_in(page: Page, part: tuple[int, int]) -> list[list[Line]]:
    """The units that open inside the part (first to last line index)."""
    return [unit for unit in units(page) if part[0] <= unit[0].index <= part[1]]


def _on_topic(page: Page, part: tuple[int, int], region: tuple[int, int]) -> bool:
    """At least TOPIC_PART_OVERLAP of the part's topic terms are the region's."""
    own = _region_terms(page, *part)
    topic = _region_terms(page, *region)
    return bool(own) and len(own & topic) >= TOPIC_PART_OVERLAP * len(own)


def _region_terms(page: Page, start: int, end: int) -> set[str]:
    """The topic terms (`scoring.content_terms`) of the lines from start to end no rule drops."""
    hits = page.line_hits
    lines = [line for line in page.lines[start : end + 1] if line.index not in hits]
    return scoring.content_terms(lines, page)


def _best_run(grouped: list[list[Line]], page: Page) -> tuple[float, tuple[int, int]]:
    """The run of consecutive units with the largest total weight, and that weight."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for unit in grouped:
        if total <= 0:
            total, start = 0.0, unit[0].index
        total += unit_weight(unit, page)
        if total > best:
            best, best_span = total, (start, unit[-1].index)
    return best, best_span


def _end_marker_before(page: Page, start: int) -> int | None:
    """The index of an end-marker header before `start` with nothing of weight in between:
    dropped lines, lines that weigh nothing (the box's first headline), and short lines that
    are not sentences (a footer's links; "Code of practice" weighed a little above nothing,
    and a long legal notice after a "Most read" box and the footer's links replaced a short
    article)."""
    hits = page.line_hits
    index = start - 1
    while index >= 0 and not _ends_text(index, page):
        line = page.lines[index]
        short_link = not line.terminal and line.words <= LINK_MAX_WORDS
        if index not in hits and line_weight(line, page) > 0 and not short_link:
            return None
        index -= 1
    return index if index >= 0 else None


def _least_unlikely_unit(grouped: list[list[Line]], page: Page) -> tuple[int, int]:
    """No unit looks like content: the page still has a main text if some unit is a sentence.

    Falls back to the heaviest unit of at least FALLBACK_MIN_WORDS words, so a
    page is never emptied just because every unit scored below the threshold.
    """
    candidates = [
        u
        for u in grouped
        if sum(line.words for line in u) >= FALLBACK_MIN_WORDS and u[0].index not in page.line_hits
    ]
    if not candidates:
        return (0, -1)
    unit = max(candidates, key=lambda u: (unit_weight(u, page), -u[0].index))
    return unit[0].index, unit[-1].index


def _cut_at_end_marker(page: Page, span: tuple[int, int]) -> tuple[int, int]:
    """End the region at an end marker when most of the region's text precedes it.

    A "Related" box inside an article is followed by more of the article; a
    marker that closes the article is followed by little running text.
    """
    start, end = span
    region = page.lines[start : end + 1]
    gains = [
        max(line_weight(line, page), 0.0) if _first_of_unit(page, line) else 0.0 for line in region
    ]
    total = sum(gains)
    before = 0.0
    for line, gain in zip(region, gains, strict=True):
        mostly_before = before >= MIN_WORDS_BEFORE_END and total - before < AFTER_SHARE * before
        closes = mostly_before and _closes_article(line, page)
        if closes and not _resumes_after_box(page, line.index, end, (start, line.index - 1)):
            last = line.index - 1
            while last > start and line_weight(page.lines[last], page) <= 0:
                last -= 1
            return start, last
        before += gain
    return span


def _closes_article(line: Line, page: Page) -> bool:
    """An end-marker header ("Related", "Comments"); a one-link teaser ("Read more: <headline>")
    sits inside articles instead, like an advert label."""
    if not _ends_text(line.index, page):
        return False
    return not (page.line_hits[line.index] == "SCR106" and read_more_teaser(line.features))


def _ends_text(index: int, page: Page) -> bool:
    """The line is an end marker that is not a box inside the article (`_in_inline_box`)."""
    return page.line_hits.get(index) in END_CODES and not _in_inline_box(index, page)


def _in_inline_box(index: int, page: Page) -> bool:
    return index in _inline_box_lines(page)


def _inline_box_lines(page: Page) -> dict[int, int]:
    """Lines of "Read also" boxes inside the article -> the index of the box's header.

    A "Read also:" label (ending in a colon) on a line of its own after a sentence,
    followed by at most INLINE_BOX_MAX_LINES headline-like lines and then a sentence:
    text-node dumps split the one-line teaser ("Read also: <headline>") into a box, and
    the article goes on after it. The box costs the region LABEL_PENALTY, as an advert
    label does. A box's title without a colon ("Most read") opens no such box: a box of
    headlines with their summaries reads the same way.
    """
    if page.inline_boxes is None:
        boxes: dict[int, int] = {}
        lines = page.lines
        for index in page.line_hits:
            if index == 0 or not lines[index - 1].terminal or not _opens_box(lines[index], page):
                continue
            box = _box_headlines(page, index)
            if box:
                boxes.update(dict.fromkeys([index, *box], index))
        page.inline_boxes = boxes
    return page.inline_boxes


def _box_headlines(page: Page, header: int) -> list[int]:
    """The headline lines after a header when a sentence follows them (see above), else [].

    Boxes may follow each other ("Read also:", a headline, "Read also:", a headline).
    """
    lines, hits = page.lines, page.line_hits
    box: list[int] = []
    headlines = 0
    for line in lines[header + 1 : header + INLINE_BOX_MAX_LINES * INLINE_BOX_MAX_CHAIN + 2]:
        if line.index in hits:
            if not (headlines and _opens_box(line, page)):
                return []
            box.append(line.index)  # the next box's label
            headlines = 0
            continue
        if line.terminal:
            sentence = headlines > 0 and line.words >= SENTENCE_MIN_WORDS
            if sentence and headlines > 1 and lines[box[-1]].words <= SUBHEADING_MAX_WORDS:
                box.pop()  # "Battery life" before the sentence: the article's subheading
            return box if sentence else []
        if line.words > BOX_HEADLINE_MAX_WORDS or headlines == INLINE_BOX_MAX_LINES:
            return []
        box.append(line.index)
        headlines += 1
    return []


def _opens_box(line: Line, page: Page) -> bool:
    """A "Read also:" label: a read-more header ending in a colon, or pointed at its link by
    an arrow ("▶ 관련기사")."""
    if page.line_hits.get(line.index) != "SCR106":
        return False
    text = line.text.strip()
    return text.endswith(_LABEL_COLONS) or text.startswith(_LABEL_ARROWS)


def inline_boxes(page: Page) -> dict[int, int]:
    """Lines of related-link boxes inside the main region -> the line index of their header."""
    start, end = main_region(page)
    boxes: dict[int, int] = {}
    box: list[int] = []
    header: int | None = None
    in_box = _inline_box_lines(page)
    for line in page.lines[start : end + 1]:
        if line.index in in_box:  # a "Read also:" box: its extent is known
            header = None
            if line.index not in page.line_hits:
                boxes[line.index] = in_box[line.index]
        elif page.line_hits.get(line.index) in END_CODES:
            header, box = line.index, []
        elif header is not None and line.index not in page.line_hits:
            if _reads_as_text(line) or line.text.rstrip().endswith(_LIST_PUNCTUATION):
                # "Battery life" before the text: the article's subheading, not a headline.
                if len(box) > 1 and page.lines[box[-1]].words <= SUBHEADING_MAX_WORDS:
                    boxes.pop(box[-1], None)
                header = None
                continue
            box.append(line.index)
            if len(box) <= BOX_MAX_LINES:
                boxes[line.index] = header
            elif len(box) == BOX_MAX_LINES + 1:
                # Longer than a box of links: a list that belongs to the article.
                for index in box[:BOX_MAX_LINES]:
                    del boxes[index]
    return boxes


# A line ending in one of these introduces or continues a list of the article's ("Do not:",
# "- close the windows;"): no headline of a link box ends so.
_LIST_PUNCTUATION = (*_LABEL_COLONS, ";", "；", ",", "，")


def _reads_as_text(line: Line) -> bool:
    """Ends a link box: a statement ending in a full stop, or a line longer than a headline.

    A question or an exclamation ("Who will win tonight?") is as often a headline.
    """
    return line.text.rstrip().endswith((".", "。")) or line.words > BOX_HEADLINE_MAX_WORDS


def _first_of_unit(page: Page, line: Line) -> bool:
    return line.index in _grouping(page)[2]
