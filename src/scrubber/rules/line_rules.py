"""Line rules: chrome recognisable from one line's own shape and words.

Each rule returns a message naming what it saw, or None. Word lists live in
scrubber/data/lexicon/*.json; nothing here names a site.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import filterfalse
from typing import NamedTuple

from scrubber import lexicon, scripts
from scrubber.page import Line, LineText, Page
from scrubber.rules.registry import rule, text_rule


class _Glue(NamedTuple):
    """Patterns for words glued by a dump, in every cased script (`scripts.cased_letters`)."""

    glued: re.Pattern[str]
    """A lower-case run glued to a capitalised word: "AccueilActualités", "FansLike"."""
    point: re.Pattern[str]
    """Where `glued` can end: three lower-case letters, then a capitalised word."""
    split: re.Pattern[str]
    """Between a letter and a capitalised word."""


@cache
def _glue() -> _Glue:
    lower, upper = scripts.cased_letters()
    return _Glue(
        re.compile(rf"[^\W\d_]*?[{lower}]{{3}}(?=[{upper}][{lower}])"),
        re.compile(rf"[{lower}]{{3}}[{upper}][{lower}]"),
        re.compile(rf"(?<=[^\W\d_])(?=[{upper}][{lower}])"),
    )


# A count, with a multiplier: K/M, or CJK 千 (thousand), 万/萬/만 (ten thousand), 亿/億/억.
_COUNTER = re.compile(r"^\s*\d[\d\s,.\u00a0\u202f]*[kKmM千万萬만亿億억]?\+?\s*(?P<rest>[^\d\s].*)$")
# The count of a profile field ("Posts: 318"), matched whole on the stripped value.
_COUNT_VALUE = re.compile(r"\d[\d ,.\u00a0\u202f]*[kKmM]?\+?")
# ...or after the label and a space ("Views 1,234"): the line's last token.
_TRAILING_COUNT = re.compile(r"(?<=\s)\d[\d,.]*[kKmM]?\+?$")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_TIME = re.compile(r"\b\d{1,2}[:h.]\d{2}\b")
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
# The copyright sign before a year or a capitalised name ("© 2024", "©Reuters").
_COPYRIGHT_SIGN = re.compile(r"©\s*(?:\d|[A-ZÀ-ÞΑ-ΩА-Я])")
# A line ending like a sentence with at least this many words reads as article text.
_SENTENCE_WORDS = 8
# Prompt rules (SCR108-110) take lines up to this many times their word limit, on more evidence.
_LONG_PROMPT_FACTOR = 3
# Phrases sharing this many first characters count once ("cookie", "cookies").
_PHRASE_STEM = 5
# A phrase in Chinese, Japanese or Korean as long as three words ("cookieを使用しています").
_LONG_CJK_CHARS = 8
# "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)" has 12.
_DATE_MAX_TOKENS = 12
_RELATIVE_DATE_MAX_TOKENS = 8
_MENU_SEPARATORS = re.compile(r"\s[|•·/»›>]\s|\s?[|•·]\s?")
_MENU_MARK = re.compile("[|•·/»›>]")
# "« Older post | Main | Newer post »": opens with a back arrow, holds a '|' and may close with »>.
_PREV_NEXT = re.compile(r"^\s*[«‹←]\s?[^|]*\|.*$")
_PREV_NEXT_MAX_WORDS = 40
_MAX_SHORT = 12


def _quote(text: str, limit: int = 60) -> str:
    text = text.strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _short(line: LineText, limit: int = _MAX_SHORT) -> bool:
    return line.words <= limit


def _whole_line_label(line: LineText, category: str) -> bool:
    """The whole line (its key) is one of the category's phrases. A line longer than the
    longest phrase is not looked up (a fixed limit below it made the longer phrases dead)."""
    return _short(line, _longest_phrase(category)) and line.key in lexicon.phrases(category)


@cache
def _longest_phrase(category: str) -> int:
    """The most words (as lines count them) in any of the category's phrases."""
    return max(LineText.of(phrase).words for phrase in lexicon.phrases(category))


# Zero-width characters are not whitespace to str.strip(), but a reader sees nothing.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _ZERO_WIDTH


def whitespace_only(text: str) -> str | None:
    """A line holding only invisible or non-breaking spaces (NBSP, zero-width, ideographic).

    Such lines come from `&nbsp;` spacer paragraphs; they are blank to a
    reader and are dropped so that paragraph spacing stays regular.
    """
    if text.strip(_INVISIBLE) or not text:
        return None
    names = sorted({f"U+{ord(c):04X}" for c in text if c not in " \t"})
    return f"only invisible whitespace ({', '.join(names)})"


text_rule("SCR001", "whitespace-only")(whitespace_only)


@rule("SCR101", "date-line")
def date_line(line: LineText) -> str | None:
    """A line that is only a date or time, like a page's date header.

    Every token must be a month or weekday name (in any supported language),
    a number, a time zone or a small filler word ("at", "um", "de"; both in
    the lexicon data); at least one month/weekday name, a numeric date, or a
    clock time with a word ("Updated 3:41 pm ET") must be present. Dates joined
    by "|" ("Published: <date> | Updated: <date>") count too, and so do relative
    dates ("3 days ago", "il y a 2 heures", "3天前": relative_dates.json), which
    teaser cards and comments print. Dates inside sentences are never touched.
    """
    # Tokens, not words: CJK dates are all tokens ("2024", "年", "5", "月", ...).
    if not line.tokens or len(line.tokens) > _DATE_MAX_TOKENS:
        # "Published: <date> | Updated: <date>": each part a date line.
        parts = line.text.split("|") if "|" in line.text else []
        if len(parts) > 1 and all(_is_date(LineText.of(part)) for part in parts):
            return f"date line {_quote(line.text)} standing alone"
        return None
    # Every token a date word, a filler word or a number: most lines fail this on their
    # first word, so it is tested before the name-or-numeric-date condition.
    vocabulary = _date_vocabulary()
    for token in line.tokens:
        if token not in vocabulary and not token[0].isdigit():
            return _relative_date(line)
    names = lexicon.date_words()
    # Short abbreviations ("dl", "ma") count only next to a number; a name alone is no
    # date line either ("June" or "Marta" signing a letter).
    has_digit = any(t[0].isdigit() for t in line.tokens)
    alone = len(line.tokens) == 1
    has_name = not alone and any(t in names and (has_digit or len(t) >= 4) for t in line.tokens)
    # Or a clock time with a word of the lexicon: "Updated 3:41 pm ET" (a time alone is
    # SCR121's).
    clock = has_digit and len(line.tokens) > 2 and _CLOCK.search(line.text) is not None
    if not has_name and not clock and not _NUMERIC_DATE.search(line.text):
        return None
    return f"date line {_quote(line.text)} standing alone"


def _relative_date(line: LineText) -> str | None:
    """ "3 days ago", "Updated 2 hours ago", "il y a 2 heures", "3天前" (relative_dates.json)."""
    tokens = line.tokens
    if len(tokens) > _RELATIVE_DATE_MAX_TOKENS:
        return None
    known, filler = lexicon.relative_dates(), lexicon.date_filler()
    for start, token in enumerate(tokens):
        if lexicon.relative_date_key(tokens[start:]) in known:
            return f"relative date {_quote(line.text)} standing alone"
        if token not in filler:  # a date label ("Updated") may come first
            return None
    return None


def _is_date(line: LineText) -> bool:
    return (
        bool(line.tokens) and len(line.tokens) <= _DATE_MAX_TOKENS and date_line(line) is not None
    )


@cache
def _date_vocabulary() -> frozenset[str]:
    """Every token a date line may hold besides numbers: date words and filler."""
    return lexicon.date_words() | lexicon.date_filler()


_LEADING_STAMP = re.compile(
    r"^\s*(?:[*•·–-]\s+)?"  # a list item's bullet, as "lines" dumps print it
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)


# "Headline11-06 14:59": a list item's date (two-digit day and month, perhaps a year) and
# time at its end, glued to a letter or a mark or after a space; a score ("3-1 10:45") or
# a version ("3.2 12:00") is no date. Only the last _GLUED_STAMP_CHARS characters are searched.
_GLUED_STAMP = re.compile(
    r"[^\d\s:./-]\s*(?:\d{4}[./-])?\d{2}[./-]\d{2}(?:[./-]\d{2,4})?\s+(?:[01]?\d|2[0-3]):[0-5]\d\s*$"
)
_GLUED_STAMP_CHARS = 40


# "Headline (08/12 - 16:34)": a list item's date and time in brackets at the end.
_TRAILING_STAMP = re.compile(
    r"""
    \S \s* [(\[] \s*
    \d{1,4} [./-] \d{1,2} (?: [./-] \d{1,4} )?     # the date: 08/12, 2024-05-12
    \s* [-–,]? \s*
    \d{1,2} : \d{2} (?: \s* [ap]\.?m\.? )?         # the time: 16:34, 4:34 pm
    \s* [)\]] \s* $
    """,
    re.IGNORECASE | re.VERBOSE,
)


@rule("SCR114", "timestamped-headline")
def timestamped_headline(line: LineText) -> str | None:
    """A news-ticker item: a time or date, then a short headline ("10:17  Markets open higher",
    also as a list item: "* 10:17 Markets open higher").

    Or the headline first and its time in brackets ("Markets open higher (08/12 - 16:34)"),
    or its date and time after it ("颱風外圍環流影響 北部午後雷陣雨11-06 14:59", glued by the dump).
    Lists of such items ("latest news") sit beside articles; an article's own
    sentences do not start with a clock time and stop without punctuation. A
    podcast's or video's chapter list (offsets rising from near zero, "02:10 ...",
    "34:05 ...") is the page's own contents and is kept (`weights.in_chapter_list`).
    """
    if line.words > 20 or (line.terminal and line.text.rstrip()[-1] == "."):
        return None
    # _TRAILING_STAMP ends in a bracket: lines that do not skip its scan.
    trailing = line.text.rstrip().endswith((")", "]")) and _TRAILING_STAMP.search(line.text)
    glued = _GLUED_STAMP.search(line.text[-_GLUED_STAMP_CHARS:])
    if not (_LEADING_STAMP.match(line.text) or trailing or glued):
        return None
    return f"timestamped headline {_quote(line.text)}"


# A reading-time estimate is a number and a phrase: "5 min read", "Lesezeit: 3 Minuten".
_READING_TIME_MAX_WORDS = 8


@rule("SCR115", "reading-time")
def reading_time(line: LineText) -> str | None:
    """A reading-time estimate: "5 min read", "Reading time: 4 minutes", "Lesezeit: 3 Min.".

    Sites print it above or below the headline. It takes a number, a phrase from the
    reading_time lexicon and at most a few words; a sentence about reading times
    ("The average reading time was four minutes.") does not qualify.
    """
    if not _short(line, _READING_TIME_MAX_WORDS) or _reads_as_sentence(line):
        return None
    if not any(char.isdigit() for char in line.text):
        return None
    found = lexicon.find_phrases("reading_time", line.key, line.tokens)
    return f"reading-time estimate {_quote(line.text)}" if found else None


# Picture credits are short: "Photo: Jane Doe, AP", "Mark Doe/Getty Images". After a
# label, a credit names someone; "Photos: Fans rock out at the festival" is a headline.
_MEDIA_CREDIT_MAX_WORDS = 12
_CREDITED_MAX_WORDS = 6
_LABEL_END = re.compile(r"[:：]")
_OPENING_BRACKETS = "([「【 \t"


@rule("SCR116", "media-credit")
def media_credit(line: LineText) -> str | None:
    """A picture credit: "Photo: Jane Doe/AP", "(Image: Getty)", "Photo by Jane Doe", "Фото: ТАСС".

    A label and a colon (media_labels lexicon), an opening phrase (media_credits), or a
    name then "/" or "|" and a photo agency (photo_agencies), on a short line that does
    not read as a sentence; or a caption sentence closed by its credit in brackets ("...
    on Monday. (Courier photo/Jill Parsons)"). Captions' credits sit inside articles;
    gold text leaves them out. Also a source credit: a source label and a colon anywhere in
    such a line ("Źródło: PAP", "Источник: ТАСС", "... 来源：江南晚报 作者：...").
    """
    if _credited_caption(line):
        return f"caption ending in a picture credit {_quote(line.text)}"
    if _source_label(line):
        return f"source credit {_quote(line.text)}"
    if not _short(line, _MEDIA_CREDIT_MAX_WORDS) or _reads_as_sentence(line):
        return None
    text = line.text.strip().lstrip(_OPENING_BRACKETS)
    label_end = _LABEL_END.search(text, 0, 40)
    if (
        label_end is not None
        and lexicon.normalize_key(text[: label_end.start()]) in lexicon.phrases("media_labels")
        and len(lexicon.word_tokens(text[label_end.end() :])) <= _CREDITED_MAX_WORDS
    ):
        return f"picture credit {_quote(line.text)}"
    if lexicon.starts_with_phrase("media_credits", line.key, line.tokens):
        return f"picture credit {_quote(line.text)}"
    if ("/" in text or "|" in text) and lexicon.ends_with_phrase(
        "photo_agencies", line.key.rstrip(")]"), line.tokens
    ):
        return f"picture credit naming an agency {_quote(line.text)}"
    return None


# A source line may carry a date, a time and an author label too (at most this long).
_SOURCE_MAX_CHARS = 120


def _source_label(line: LineText) -> bool:
    """A source label (source_labels lexicon) and a colon, with nothing but figures before
    it ("Źródło: PAP"; "Open source: ..." is a heading), or after other labels in a line of
    Chinese, Japanese or Korean labels ("时间：2011-08-22 来源：江南晚报 作者：陈晓东")."""
    if len(line.text) > _SOURCE_MAX_CHARS or _reads_as_sentence(line):
        return False
    text = line.text.strip().lstrip(_OPENING_BRACKETS)
    labels = lexicon.phrases("source_labels")
    for colon in _LABEL_END.finditer(text):
        before = text[: colon.start()].split()
        if not before or (not line.cjk_chars and any(c.isalpha() for c in "".join(before[:-1]))):
            return False
        if lexicon.normalize_key(before[-1]) in labels:
            return True
    return False


# "... on Monday. (Courier photo/Jill Parsons)": a caption closed by its credit in brackets.
_TRAILING_CREDIT = re.compile(r"[.!?]\s*\(([^()]{3,80})\)\s*$")
_CAPTION_MAX_WORDS = 60
_CREDIT_PART_MAX_WORDS = 5


def _credited_caption(line: LineText) -> bool:
    """A caption sentence closed by "(<photographer or desk>/<paper or agency>)": two short
    parts of capitalised names around a slash, one naming a picture or an agency or both
    of at least two names ("(Karl Mondon/Bay City Tribune)"); not "(km/h)" or "(24/7)"."""
    if line.words > _CAPTION_MAX_WORDS or "/" not in line.text:
        return False
    found = _TRAILING_CREDIT.search(line.text)
    if found is None:
        return False
    parts = [part.split() for part in found.group(1).split("/")]
    if len(parts) != 2 or not all(1 <= len(p) <= _CREDIT_PART_MAX_WORDS for p in parts):
        return False
    labels = lexicon.phrases("media_labels") | lexicon.phrases("photo_agencies")
    named = [[w for w in part if w[:1].isupper()] for part in parts]
    labelled = any(lexicon.normalize_key(w) in labels for part in parts for w in part)
    return labelled or all(len(names) >= 2 for names in named)


# A sentence end inside a line, before more text (". Then", "。"): a glued menu may end in
# "...", never holds one; a long unit holding several is running text (rules/weights.py).
SENTENCE_STOP = re.compile(r"[.!?…][\"'»”’)]?\s+\S|[。！？]")
# Characters of code and configuration, never of a menu's glued items.
_CODE_MARKS = re.compile(r"[=(){}\[\]<>_;]")


@rule("SCR102", "glued-breadcrumb")
def glued_breadcrumb(line: LineText) -> str | None:
    """A breadcrumb or menu whose items were glued together when the page was dumped.

    Inline links lose their separators in text dumps: "HomeNewsWorld..." or
    "AccueilActualitésActualités: ...". Two or more glued word boundaries at
    the start of a line, in a line that is not a sentence, mark it.
    """
    head = line.text.lstrip()[:80]
    glue = _glue()
    if glue.point.search(head) is None:  # every glued match ends at such a point
        return None
    if _CODE_MARKS.search(head.split(maxsplit=1)[0]):
        return None  # "RandomizedDelaySec=15min", "getElementById(": code, not menus
    if _reads_as_sentence(line) and SENTENCE_STOP.search(line.text):
        return None  # a paragraph of sentences that opens with such a name
    glued = glue.glued.findall(head)
    # Two items glued one after the other at the very start ("HomeNews..."); two
    # camel-case names apart ("PlayStation and GameCube") are not a breadcrumb.
    if len(glued) < 2 or not head.startswith(glued[0] + glued[1]):
        return None
    parts = glue.split.split(line.text.strip())[:4]
    trail = " › ".join(_quote(p, 24) for p in parts)
    return f"breadcrumb/menu glued without spaces: {trail}"


@rule("SCR103", "follower-counter")
def follower_counter(line: LineText) -> str | None:
    """A social follower/like counter such as "16,297FansLike" or "1.2K Followers".

    A number followed only by counter words ("fans", "followers", "abonnés",
    ...), possibly glued together as in a widget's dump; or counter words, a colon and a
    number, as a forum post's author box prints them ("Posts: 318").
    """
    if not _short(line, _COUNTERS_MAX_WORDS):
        return None
    pieces = _COUNTER_SEPARATORS.split(line.text.strip())
    if len(pieces) > 1 and not all(_counted(piece) for piece in pieces):
        return None
    if len(pieces) == 1 and (line.words > _COUNTER_MAX_WORDS or not _counted(line.text)):
        return None
    return f"follower counter {_quote(line.text)}"


# One counter has at most _COUNTER_MAX_WORDS words; a row of them, joined by "·" or "|"
# ("12 likes · 3 reposts"), at most _COUNTERS_MAX_WORDS.
_COUNTER_MAX_WORDS = 6
_COUNTERS_MAX_WORDS = 12
# (?<!\s): one try per run of spaces, not one per space (quadratic on a long run).
_COUNTER_SEPARATORS = re.compile(r"(?<!\s)\s+[·|•]\s+")


def _counted(text: str) -> bool:
    """A number and counter words: "1.2K Followers", "Posts: 318", "Просмотры 14K"."""
    match = _COUNTER.match(text)
    rest = match.group("rest") if match else _counted_label(text)
    if rest is None:
        return False
    rest = _glue().split.sub(" ", rest)
    words = lexicon.normalize_key(rest).split()
    counters = lexicon.words("counter_words")
    return bool(words) and all(w in counters for w in words)


def _counted_label(text: str) -> str | None:
    """The label of a "Label: <count>" or "Label <count>" line ("Posts: 318"), or None."""
    label, colon, value = text.partition(":")
    if not colon:
        found = _TRAILING_COUNT.search(text)
        if found is None or _share_bar_words(text[: found.start()]):
            return None  # "Share 12" is a share button with its count (SCR104)
        label, value = text[: found.start()], found.group()
    if _COUNT_VALUE.fullmatch(value.strip()) is None:
        return None
    return label


@cache
def _share_tokens() -> frozenset[str]:
    return lexicon.words("share") | lexicon.words("social_networks")


def _share_bar_words(text: str) -> bool:
    words = text.split()
    return bool(words) and all(map(_share_word, words))


@rule("SCR104", "share-widget")
def share_widget(line: LineText) -> str | None:
    """A share bar: only share verbs, social network names and counts.

    "Share", "Tweet", "Partager", "Facebook Twitter WhatsApp", "Share 12"; also buttons
    glued by the dump ("Share this articleFacebookLinkedIn", "Click to share on X (Opens
    in new window)...").
    """
    if not line.key:
        return None
    if not _short(line, 10):
        # A long line of buttons glued by the dump ("Click to share on Facebook (Opens in
        # new window)Click to share on X (Opens in new window)...").
        return f"share bar {_quote(line.text)}" if _glued_share_bar(line) else None
    if line.key in lexicon.phrases("share"):
        return f"share button {_quote(line.text)}"
    # Counts aside, at least one word, and every word a share word (tested in C, map and filter).
    words = list(filterfalse(str.isdigit, line.text.split()))
    # A word that is a count with a sign ("85%", "1.2K") is not a button: a word must be.
    named = not all(map(str.isdigit, line.tokens))
    if words and named and all(map(_share_word, words)):
        return f"share bar {_quote(line.text)}"
    # Buttons of several words in a row: "Send  Print  Text size  Share it", "Share this on X",
    # also glued by the dump: "Share on FacebookShare on XCopy link".
    several = len(line.tokens) >= 2 and not line.text.rstrip().endswith(".")
    if several and _share_phrases(line):
        return f"share bar {_quote(line.text)}"
    if _glued_share_bar(line) or _labelled_buttons(line.text):
        return f"share bar {_quote(line.text)}"
    return None


def _glued_share_bar(line: LineText) -> bool:
    """Share phrases and counts end to end, however the dump glued them (see below)."""
    return _opens_like_share_bar(line.key) and _made_of_share_phrases(line.text)


# Buttons glued to the end of a label ("Share this reviewFacebookXRedditEmail", "Share
# it:PinterestEmail"): capitalised names without spaces after a letter or a colon.
_GLUED_BUTTONS = re.compile(r"(?<=[^\W\d_]|[:!?.])(?:[A-Z][\w+]*){2,}\s*$")
# Only the end of a line is searched (a label is short; the search stays linear).
_GLUED_BUTTONS_MAX_CHARS = 80


def _labelled_buttons(text: str) -> bool:
    """A short label with two or more share buttons glued to its end, whatever the label
    says: the dump glued the buttons, and prose never runs a word into "Facebook"."""
    tail = text[-_GLUED_BUTTONS_MAX_CHARS:]
    found = _GLUED_BUTTONS.search(tail)
    if found is None or sum(map(str.isupper, found.group())) < 2:  # two buttons at least
        return False
    return _made_of_share_phrases(found.group())


def _opens_like_share_bar(key: str) -> bool:
    """The key's first three letters or digits open a share phrase (or are a short one), or
    a count: most lines are out here, before the search reads the whole line."""
    opening = "".join(filter(str.isalnum, key[:12]))[:3]
    pieces, _, openings = _share_pieces()
    short = opening[:1] in pieces or opening[:2] in pieces  # "x", "fb", "vk"
    return opening[:1].isdigit() or opening in openings or short


# A bar of buttons is never longer than this many letters (the search is bounded on a
# hostile line).
_SHARE_BAR_MAX_CHARS = 200
_COUNT_SUFFIXES = "km"  # "1.4K Shares"


@lru_cache(maxsize=1 << 12)
def _made_of_share_phrases(line_text: str) -> bool:
    """The line's letters and digits, read without its spaces and punctuation, are share
    phrases and counts end to end: "Share this articleFacebookLinkedInWhatsApp",
    "Compartilhe:FacebookX", "Share on Facebook Tweet Email 1.4K Shares", "微信微博QQ空间".
    Splitting at capitals cannot read these ("LinkedIn", "WhatsApp"); a word-break search
    over the phrases can, stepping only from the places a phrase has reached."""
    if not line_text.isascii():
        line_text = unicodedata.normalize("NFKC", line_text)
    written = "".join(filter(str.isalnum, line_text))
    if not written or len(written) > _SHARE_BAR_MAX_CHARS:
        return False
    # Lower case letter for letter (a letter whose lower case is longer stays as written).
    text = written.lower() if written.isascii() else "".join(_lower_each(written))
    pieces, lengths, _ = _share_pieces()
    # How each place was reached: 0 not, 1 by counts alone, 2 with a phrase among them
    # (counts alone, "85%" or "1.2K", are no share bar).
    reached = [0] * (len(text) + 1)
    reached[0] = 1
    for start in range(len(text)):
        how = reached[start]
        if not how:
            continue
        if text[start].isdigit():
            end = start
            while end < len(text) and text[end].isdigit():
                end += 1
            reached[end] = max(reached[end], how)
            if end < len(text) and text[end] in _COUNT_SUFFIXES:
                reached[end + 1] = max(reached[end + 1], how)
        for length in lengths:
            if start + length > len(text):
                break  # lengths ascend
            # A one-letter network ("X", "G+") only as its button writes it: not "250 g".
            one_letter_ok = length > 1 or written[start].isupper()
            if one_letter_ok and text[start : start + length] in pieces:
                reached[start + length] = 2
    return reached[-1] == 2


def _lower_each(text: str) -> list[str]:
    return [c if len(low := c.lower()) != 1 else low for c in text]


@lru_cache(maxsize=1)
def _share_pieces() -> tuple[frozenset[str], tuple[int, ...], frozenset[str]]:
    """Share phrases and network names with their spaces and punctuation removed, the
    lengths they come in, and their first three letters."""
    pieces = frozenset(
        piece
        for category in _SHARE_CATEGORIES
        for phrase in lexicon.phrases(category)
        if (piece := "".join(filter(str.isalnum, phrase)))
    )
    lengths = tuple(sorted({len(piece) for piece in pieces}))
    return pieces, lengths, frozenset(piece[:3] for piece in pieces if len(piece) > 2)


def _share_phrases(line: LineText) -> bool:
    """Made of share phrases as written ("WhatsApp") or with glued words split at a capital."""
    if lexicon.made_of_phrases(_SHARE_CATEGORIES, line.tokens):
        return True
    spaced = _glue().split.sub(" ", line.text)
    return spaced != line.text and lexicon.made_of_phrases(
        _SHARE_CATEGORIES, lexicon.word_tokens(spaced)
    )


_SHARE_CATEGORIES = ("share", "social_networks")


@lru_cache(maxsize=1 << 14)
def _share_word(token: str) -> bool:
    """A share verb or network name, or several glued together (cached: menus repeat words)."""
    vocabulary = _share_tokens()
    # "WhatsApp" is a name as written; "ShareTweet" is two glued buttons.
    key = lexicon.normalize_key(token)
    if len(key) == 1:
        # A one-letter network ("X", "G+") as its button writes it; "250 g" and "5 x" are
        # quantities.
        return key in vocabulary and (token.isupper() or token.endswith("+"))
    if key in vocabulary:
        return True
    spaced = _glue().split.sub(" ", token)
    parts = (key if spaced == token else lexicon.normalize_key(spaced)).split()
    return all(p in vocabulary or p.isdigit() for p in parts)


@rule("SCR105", "follow-prompt")
def follow_prompt(line: LineText) -> str | None:
    """A "follow us" prompt: a follow phrase plus at most a name or a network.

    "FOLLOW NCRI"-style widgets, "Follow us on Twitter", "Suivez-nous".
    """
    if not _short(line, 6) or (line.terminal and line.text.rstrip()[-1] == "."):
        return None
    words = line.key.split()
    if not words or words[0] not in lexicon.first_words("follow"):
        return None
    follow = lexicon.phrases("follow")
    # The phrase opens the line and at most three words follow it.
    for cut in range(len(words), max(len(words) - 4, 0), -1):
        if " ".join(words[:cut]) in follow:
            return f"follow prompt {_quote(line.text)}"
    return None


@rule("SCR106", "read-more-header")
def read_more_header(line: LineText) -> str | None:
    """A header introducing related links: "Read also:", "Lire aussi", "Related".

    Also a teaser line that starts with such a header and a colon
    ("Read more: <headline>"). Lines after a header are judged by SCR203 and
    SCR205; a one-line teaser between two paragraphs does not end the article.
    """
    if not _short(line, 25):
        return None
    if line.key in lexicon.phrases("read_more"):
        return f"related-links header {_quote(line.text)}"
    if read_more_teaser(line):
        return f"related-link teaser {_quote(line.text)}"
    return None


def read_more_teaser(line: LineText) -> bool:
    """'Read more: <headline>': a read-more header and the one link it introduces, on one
    line. Such a teaser sits inside an article (rules/weights.py), the box of a header alone
    after it."""
    head, colon, rest = line.text.replace("\uff1a", ":", 1).partition(":")  # and full-width "："
    phrases = lexicon.phrases("read_more")
    if colon and rest.strip() and lexicon.normalize_key(head) in phrases:
        return True
    # "Lesen Sie auchFörderverein übergibt ...": the label glued to its link by the dump.
    for glued in _GLUED_LABEL_END.finditer(line.text, 0, _GLUED_LABEL_MAX_CHARS):
        if lexicon.normalize_key(line.text[: glued.start()]) in phrases:
            return True
    return False


# Where a label may end glued to the headline after it: a lower-case letter, then a capital.
_GLUED_LABEL_END = re.compile(r"(?<=[a-zß-ÿα-ωа-яё])(?=[A-ZÀ-ÞΑ-ΩА-ЯЁ])")
_GLUED_LABEL_MAX_CHARS = 40


@rule("SCR107", "navigation-item")
def navigation_item(line: LineText) -> str | None:
    """A menu or utility link on its own line: "Home", "Search", "Sign in", "Accueil"."""
    if _whole_line_label(line, "navigation"):
        return f"navigation link {_quote(line.text)}"
    return None


def _prompt_phrase(category: str, line: LineText, max_words: int) -> str | None:
    """The category's phrase in a line of at most `max_words` words, if it reads as chrome.

    In a sentence of an article ("The bakery sold two thousand cookies.") one
    short phrase is a topic, not a prompt: there it takes two phrases, or one of
    at least three words ("we use cookies"), to call the line chrome. A longer
    line (a whole consent paragraph, up to _LONG_PROMPT_FACTOR times the limit)
    takes three phrases, one of them of three words or more.
    """
    if line.words > max_words * _LONG_PROMPT_FACTOR:
        return None
    found = lexicon.find_phrases(category, line.key, line.tokens)
    if not found:
        return None
    short = line.words <= max_words
    if short and not _reads_as_sentence(line):
        return found[0]  # the first phrase, as find_phrase gives it
    distinct = _distinct_words(found)
    long_phrase = any(_long_phrase(phrase) for phrase in found)
    enough = (distinct >= 2 or long_phrase) if short else (distinct >= 3 and long_phrase)
    return found[0] if enough else None


def _long_phrase(phrase: str) -> bool:
    """Three words or more; in Chinese, Japanese or Korean, _LONG_CJK_CHARS characters."""
    if lexicon.written_in_cjk(phrase):
        return len(phrase) >= _LONG_CJK_CHARS
    return len(phrase.split()) >= 3


def _reads_as_sentence(line: LineText) -> bool:
    """Ends like a sentence and has _SENTENCE_WORDS words or more: article text, not a label."""
    return line.terminal and line.words >= _SENTENCE_WORDS


def _distinct_words(found: list[str]) -> int:
    """How many different phrases: 'cookie' and 'cookies' are one, a lone sign ('©') none."""
    return len({phrase[:_PHRASE_STEM] for phrase in found if any(c.isalpha() for c in phrase)})


@rule("SCR108", "cookie-notice")
def cookie_notice(line: LineText) -> str | None:
    """A cookie or consent notice ("We use cookies...", "Accept all")."""
    found = _prompt_phrase("cookie", line, 80)
    return f"cookie/consent notice mentioning {found!r}" if found else None


@rule("SCR109", "newsletter-prompt")
def newsletter_prompt(line: LineText) -> str | None:
    """A newsletter or sign-up prompt ("Subscribe to our newsletter", "Enter your email"), or
    a call for readers' tips ("Send us your news tip", "Envíanos tu noticia")."""
    found = _prompt_phrase("newsletter", line, 40)
    if found:
        return f"newsletter/sign-up prompt mentioning {found!r}"
    tip = _prompt_phrase("tip_prompts", line, 40)
    return f"call for readers' tips mentioning {tip!r}" if tip else None


@rule("SCR117", "browser-notice")
def browser_notice(line: LineText) -> str | None:
    """An ad-blocker, JavaScript or outdated-browser notice ("Please disable your ad blocker")."""
    found = _prompt_phrase("browser_notice", line, 40)
    return f"browser notice mentioning {found!r}" if found else None


# A keyword list is long and its items are single words or short names; an enumeration in
# an article ("flour, sugar, eggs and butter.") is shorter or reads as a sentence.
_KEYWORD_MIN_ITEMS = 12
_KEYWORD_MAX_ITEM_WORDS = 3
_KEYWORD_MEAN_ITEM_WORDS = 1.6
_KEYWORD_SEPARATORS = re.compile(r"[,;]")


@rule("SCR118", "keyword-list")
def keyword_list(line: LineText) -> str | None:
    """A long list of comma-separated keywords: a tag cloud or a block of SEO keywords.

    At least twelve items of one to three words (1.6 on average), most with letters,
    and no sentence ending. Scripts written without spaces are left alone: their
    items cannot be counted in words.
    """
    if line.text.count(",") + line.text.count(";") < _KEYWORD_MIN_ITEMS - 1:
        return None  # the common case, decided with two counts in C
    if line.terminal or line.cjk_chars:
        return None
    items = [item.split() for item in _KEYWORD_SEPARATORS.split(line.text)]
    items = [item for item in items if item]
    if len(items) < _KEYWORD_MIN_ITEMS or max(map(len, items)) > _KEYWORD_MAX_ITEM_WORDS:
        return None
    if sum(map(len, items)) > _KEYWORD_MEAN_ITEM_WORDS * len(items):
        return None
    worded = sum(1 for item in items if any(c.isalpha() for c in item[0]))
    if 3 * worded < 2 * len(items):
        return None  # a row of figures, such as a table's
    return f"list of {len(items)} comma-separated keywords {_quote(line.text)}"


# A copyright footer is a line or two; a legal notice may run to a paragraph (up to
# _LONG_PROMPT_FACTOR times this, in the lexicon's words).
_COPYRIGHT_MAX_WORDS = 40


@rule("SCR110", "copyright-footer")
def copyright_footer(line: LineText) -> str | None:
    """A copyright footer: "© 2024 ...", "All rights reserved", "Tous droits réservés"."""
    if "©" in line.text and _COPYRIGHT_SIGN.search(line.text) and _copyright_sized(line):
        # "© 2024", "© Agency": footers, legal notices and photo credits print the
        # sign before a year or a name; an article writing about it does not.
        return f"copyright notice {_quote(line.text)}"
    if not _short(line, _COPYRIGHT_MAX_WORDS):
        return None
    sentence = _reads_as_sentence(line)
    opener = line.text.lstrip()[:3].lower() == "(c)" or line.key.startswith("copyright")
    if opener and not sentence:
        return f"copyright footer {_quote(line.text)}"
    found = _prompt_phrase("copyright", line, _COPYRIGHT_MAX_WORDS)
    return f"copyright footer mentioning {found!r}" if found else None


def _copyright_sized(line: LineText) -> bool:
    """Short as a footer, or a legal notice that also words a copyright phrase.

    A paragraph that credits a picture "(© AP)" in passing is article text, and so
    is a whole page dumped on one line.
    """
    if _short(line, _COPYRIGHT_MAX_WORDS):
        return True
    if line.words > _COPYRIGHT_MAX_WORDS * _LONG_PROMPT_FACTOR:
        return False
    return _distinct_words(lexicon.find_phrases("copyright", line.key, line.tokens)) >= 1


@rule("SCR111", "advert-label")
def advert_label(line: LineText) -> str | None:
    """An advertisement label on its own line: "Advertisement", "Anzeige", "Реклама", or
    "L'article continue après la publicité"."""
    if _whole_line_label(line, "advert"):
        return f"advert label {_quote(line.text)}"
    return None


_COMMENT_COUNT = re.compile(r"^\d+\s+(\w+)$")


@rule("SCR112", "comment-chrome")
def comment_chrome(line: LineText) -> str | None:
    """Comment-section chrome: "Comments", "Leave a reply", "12 comments", "Ann (date) said:",
    '14 thoughts on "<article title>"', "Report as abuse", "This discussion is now closed"."""
    if comment_header(line):
        return f"comment header {_quote(line.text)}"
    if _comment_title(line):
        return f"comment-section title {_quote(line.text)}"
    if _post_footer(line):
        return f"post footer {_quote(line.text)}"
    if _post_tools(line):
        return f"post buttons {_quote(line.text)}"
    prompt = _prompt_phrase("comment_prompts", line, _COMMENT_PROMPT_MAX_WORDS)
    if prompt:
        return f"comment-section prompt mentioning {prompt!r}"
    if not _short(line, 8):
        return None
    if line.key in lexicon.phrases("comments"):
        return f"comment-section header {_quote(line.text)}"
    count = _COMMENT_COUNT.match(line.key)
    if count and count.group(1) in lexicon.phrases("comments"):
        return f"comment counter {_quote(line.text)}"
    return None


_POST_FOOTER_MAX_WORDS = 14
_POST_TOOLS_MAX_TOKENS = 10
_COMMENT_PROMPT_MAX_WORDS = 30


def _post_tools(line: LineText) -> bool:
    """'Like Quote Reply Report': the buttons under a forum post or a comment, at least two
    different ones (post_tools.json) and nothing else but counts."""
    tokens = line.tokens
    if not 2 <= len(tokens) <= _POST_TOOLS_MAX_TOKENS or tokens[0] not in _post_tool_starts():
        return False
    found = lexicon.find_phrases("post_tools", line.key, tokens)
    return len(found) >= 2 and lexicon.made_of_phrases(("post_tools",), tokens)


@cache
def _post_tool_starts() -> frozenset[str]:
    """The buttons' first words: most lines are ruled out by their first token."""
    return frozenset(lexicon.word_tokens(phrase)[0] for phrase in lexicon.phrases("post_tools"))


def _post_footer(line: LineText) -> bool:
    """'Posted by Ellen at 8:47 PM 4 comments': a blog post's footer, a byline and its
    comment count, which closes the post."""
    tokens = line.tokens
    if len(tokens) < 3 or line.words > _POST_FOOTER_MAX_WORDS:
        return False
    if tokens[-1] not in lexicon.words("comments"):
        return False  # the common case, decided by one look-up
    count = tokens[-2]
    counted = count.isdigit() or count in lexicon.words("number_words") or count == "no"
    return counted and lexicon.starts_with_phrase("byline", line.key, tokens) is not None


def _comment_title(line: LineText) -> bool:
    """'13 thoughts on "My garden in May"', 'One thought on "..."': a count, a head of
    comment_titles.json, then the article's title. After a number the title may go
    unquoted unless the line ends in a full stop ("10 thoughts on the budget were shared."
    is a sentence); after a number word ("One", number_words.json) it must be quoted
    ("Une réponse à la crise du logement" is a headline)."""
    tokens = line.tokens
    if not 3 <= len(tokens) <= _COMMENT_TITLE_MAX_WORDS:
        return False
    digits = tokens[0].isdigit()
    if not (digits or tokens[0] in lexicon.words("number_words")):
        return False
    rest = line.key.split(" ", 1)[1] if " " in line.key else ""
    head = lexicon.starts_with_phrase("comment_titles", rest, tokens[1:])
    if head is None or len(rest) <= len(head):
        return False
    quoted = rest[len(head) :].lstrip()[:1] in _OPENING_QUOTES
    return quoted or (digits and not line.text.rstrip().endswith("."))


_OPENING_QUOTES = "\"'“‘«„‹"
_COMMENT_TITLE_MAX_WORDS = 30


def comment_header(line: LineText) -> bool:
    """'Alex on March 3, 2025 at 9:14 am said:': a name, a full date, a verb and a colon.

    The date (numeric, or a month name with a number) and the clock time tell it
    from a quote's introduction ("At 11:00 the minister said:").
    """
    if line.words > 15 or not line.text.rstrip().endswith(":"):
        return False
    if lexicon.ends_with_phrase("comment_verbs", line.key, line.tokens) is None:
        return False
    if _NUMERIC_DATE.search(line.text):
        return True
    months = lexicon.month_words()
    has_month = any(t in months for t in line.tokens)
    return has_month and _CLOCK.search(line.text) is not None


@rule("SCR113", "end-marker")
def end_marker(line: LineText) -> str | None:
    """A header that follows the article ("Tags", "Topics", "About the author"), alone or
    with its short items on the line ("Labels: garden, seeds"; a blog engine's footer
    without colons, "Posted in Baking, Bread Tagged starter", footer_labels.json)."""
    if _whole_line_label(line, "end_markers"):
        return f"after-article header {_quote(line.text)}"
    if _labelled_items(line):
        return f"after-article list {_quote(line.text)}"
    return None


_ITEM_SEPARATORS = re.compile(r"[,;|»/·•]")
_LABELLED_ITEM_MAX_WORDS = 4
_FOOTER_MAX_WORDS = 16


def _footer_items(line: LineText) -> bool:
    """'Posted in Baking, Bread Tagged starter, flour': a blog footer's label without a
    colon (footer_labels.json) and short comma-separated items, perhaps a second label and
    its items, on a short line (`_labelled_items` has ruled out sentences)."""
    if line.words > _FOOTER_MAX_WORDS or "," not in line.text:
        return False
    label = lexicon.starts_with_phrase("footer_labels", line.key, line.tokens)
    if label is None:
        return False
    rest = f" {line.key[len(label) :]} "
    for other in lexicon.phrases("footer_labels"):
        if f" {other} " in rest:
            rest = rest.replace(f" {other} ", " , ")
    items = [item.split() for item in _ITEM_SEPARATORS.split(rest)]
    return len(items) >= 2 and all(0 < len(item) <= _LABELLED_ITEM_MAX_WORDS for item in items)


# A colon, ASCII or full-width ("标签：").
_COLON = re.compile("[:\uff1a]")
_CJK_LABELLED_MAX_CHARS = 30


def _split_at_colon(text: str) -> tuple[str, str, str]:
    """The text before its first colon, the colon and the rest; (text, "", "") without one."""
    found = _COLON.search(text)
    if found is None:
        return text, "", ""
    return text[: found.start()], found.group(), text[found.end() :]


def _labelled_items(line: LineText) -> bool:
    """'Tags: budget, council, roads', 'Labels: garden', 'Filed under: Politics » Local',
    '责任编辑：王芳': an end-marker phrase, a colon and short items, not a sentence."""
    if line.terminal:
        return False
    head, colon, rest = _split_at_colon(line.text)
    if not colon:
        return not line.cjk_chars and _footer_items(line)
    if not rest.strip():
        return False
    if lexicon.normalize_key(head) not in lexicon.phrases("end_markers"):
        return False
    if line.cjk_chars:
        # CJK items cannot be counted in words: a short rest is a name or a few tags.
        return len(rest.strip()) <= _CJK_LABELLED_MAX_CHARS
    items = [item.split() for item in _ITEM_SEPARATORS.split(rest)]
    # A longer list is a tag cloud (SCR118 keyword-list), as it was before this rule.
    short = len(items) < _KEYWORD_MIN_ITEMS
    return short and all(len(item) <= _LABELLED_ITEM_MAX_WORDS for item in items)


@rule("SCR122", "embed-label")
def embed_label(line: LineText) -> str | None:
    """An embedded post's or a media player's label on its own line: "View this post on
    Instagram", "Watch on YouTube", "Play video", "Autoplay", "Diesen Beitrag auf Instagram
    ansehen" (embed_labels lexicon).

    Embeds sit inside articles: like an advert label (weights.INLINE_CODES), one costs the
    region little, and the article goes on after it.
    """
    if _whole_line_label(line, "embed_labels"):
        return f"embed or player label {_quote(line.text)}"
    return None


# A header's count in brackets ("Comments (18)", "Guest book (6 entries)"); a line's key
# has lost the closing bracket (edge punctuation is stripped). (?<!\s): one try per run of
# spaces, not one per space (quadratic on a long run).
_BRACKETED_COUNT = re.compile(r"(?<!\s)\s*[(\[]\d+(?:\s+\w+)?[)\]]?$")


@rule("SCR119", "comment-count-header")
def comment_count_header(line: Line, page: Page) -> str | None:
    """A comment section's header with its count: "Comments (18)", "Reacties (4)".

    Only when the page prints it once: a blog's front page puts "Comments (4)" under
    every post, and a thread "Responses (2)" under every comment; there it is a link
    and the text goes on after it. Like "Comments" alone (SCR112), it ends the article.
    """
    if "(" not in line.key and "[" not in line.key:
        return None
    if _comment_header_copies(page).get(line.index) != 1:
        return None
    return f"comment-section header with its count {_quote(line.text)}"


def _comment_header_copies(page: Page) -> dict[int, float]:
    """Line index -> how many lines of the page print its counted comment header (computed
    once per page: a line per header would make a page of such lines quadratic)."""
    found = page.cache.get("comment_header_copies")
    if found is None:
        bares = {line.index: _counted_comments(line.key) for line in page.lines}
        totals: dict[str, int] = {}
        for bare in bares.values():
            if bare is not None:
                totals[bare] = totals.get(bare, 0) + 1
        found = {i: float(totals[b]) for i, b in bares.items() if b is not None}
        page.cache["comment_header_copies"] = found
    return found


def _counted_comments(key: str) -> str | None:
    """The comment header in a key with a bracketed count ("comments (18" -> "comments")."""
    if "(" not in key and "[" not in key:
        return None
    bare = _BRACKETED_COUNT.sub("", key)
    return bare if bare != key and bare in lexicon.phrases("comments") else None


@rule("SCR120", "link-menu")
def link_menu(line: LineText) -> str | None:
    """Three or more short items separated by |, •, ·, / or › on one line (a menu or breadcrumb).

    Also a blog's post navigation: "« Previous post title | Main | Next post title »".
    """
    if line.words <= _PREV_NEXT_MAX_WORDS and _PREV_NEXT.match(line.text):
        return f"previous/next navigation {_quote(line.text)}"
    if line.terminal and line.text.rstrip()[-1] == ".":
        return None
    if not _MENU_MARK.search(line.text):  # no separator, one item
        return None
    items = [p for p in _MENU_SEPARATORS.split(line.text) if p.strip()]
    if len(items) >= 3 and all(len(p.split()) <= 4 for p in items):
        return f"menu of {len(items)} items {_quote(line.text)}"
    return None


@rule("SCR121", "no-words")
def no_words(line: LineText) -> str | None:
    """A line with no letters at all: separators, bullets, lone numbers or symbols."""
    if line.text[:1].isalpha() or any(c.isalpha() for c in line.text):  # most start with one
        return None
    return f"no words, only {_quote(line.text, 30)}"
