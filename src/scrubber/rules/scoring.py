"""A content score per unit: two small logistic models over language-independent features.

Stage one reads a unit's shape (length, sentence ending, stop-word density,
capitalisation, digits) and its neighbours' shapes; stage two re-reads stage
one's scores around the unit (is it in a run of content or of chrome?). The
weights are data (scrubber/data/line_model.json), fitted by
bench/train_line_model.py; nothing in them names a site or a phrase.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from itertools import accumulate, chain, filterfalse, pairwise
from operator import itemgetter
from typing import Any

from scrubber import scripts
from scrubber.page import Line, Page

_SHAPE = (
    "log_words",
    "words_1_3",
    "words_4_7",
    "words_8_15",
    "words_16_30",
    "terminal",
    "terminal_x_log_words",
    "stop_ratio",
    "stop_x_log_words",
    "title_case",
    "headline_like",
    "digit_share",
    "rule_hit",
    "list_item",
    "fragments",
    "repeated",
    "has_url",
    "ends_colon",
    "starts_lower",
)
_CONTEXT = (
    "position",
    "rel_length",
    "dist_longest",
    "prev_log_words",
    "next_log_words",
    "prev_terminal",
    "next_terminal",
    "near_short",
    "near_log_words",
    "short_run",
    "core_overlap",
)
FEATURES = _SHAPE + _CONTEXT
STAGE2 = ("logit", "mean_p_1", "mean_p_3", "mean_p_6", "max_p_3", "min_p_1", "log_words")
# `\S@[^\s@]+`, not `\S+@\S+`: linear on long runs without spaces (the latter was quadratic).
_URL = re.compile(r"https?://|www\.|\S@[^\s@]+\.\w")
_IDEOGRAPHIC = re.compile(f"[{scripts.IDEOGRAPHIC}]")
_SOUTHEAST_ASIAN_RUN = re.compile(f"[{scripts.SOUTHEAST_ASIAN}]+")
# Thai letters are few and pair up everywhere: runs of this many letters stand in for words.
_SOUTHEAST_ASIAN_GRAM = 4
_CORE_UNITS = 3
_STEM = 5
_LIST_ITEM = re.compile(r"^\s*(?:[*•·–-]|\d+[.)])\s")
_FIRST_CHAR = itemgetter(slice(0, 1))
CASELESS_TITLE_CASE = 0.5
"""title_case of a unit whose word-initial letters have no case: halfway, no evidence."""


ShapeKey = tuple[tuple[str, ...], str | None, bool, bool]
"""A unit's texts, the page language and the unit's rule_hit and repeated flags."""


def _shape(unit: list[Line], content: list[str], rule_hit: bool, repeated: bool) -> list[float]:
    """The unit's own features, ordered as _SHAPE, then its word count.

    `content` holds the unit's tokens that are not stop words (`_content_words`).
    """
    if len(unit) == 1:
        tokens, words, text = unit[0].tokens, unit[0].words, unit[0].text.strip()
    else:
        tokens = list(chain.from_iterable(line.tokens for line in unit))
        words = sum(line.words for line in unit)
        text = " ".join(line.text.strip() for line in unit)
    # Counts (not lists) of capitalised word starts and digit tokens; counting runs in C.
    letters = list(filter(str.isalpha, [word[0] for word in text.split()]))
    upper = _title_case(letters)
    stop_ratio = (len(tokens) - len(content)) / len(tokens) if tokens else 0.0
    digits = sum(map(str.isdigit, map(_FIRST_CHAR, tokens)))
    terminal = float(unit[-1].terminal)
    log_words = math.log1p(words)
    return [
        log_words,
        float(words <= 3),
        float(4 <= words <= 7),
        float(8 <= words <= 15),
        float(16 <= words <= 30),
        terminal,
        terminal * log_words,
        stop_ratio,
        stop_ratio * log_words,
        upper,
        float(not terminal and 4 <= words <= 20 and upper >= 0.6),
        # Per word, not per token: a CJK token is a whole run of characters (a clause), so
        # the date after a CJK headline made half its tokens and read as a table of figures.
        digits / words if words else 0.0,
        float(rule_hit),
        float(_LIST_ITEM.match(unit[0].text) is not None),
        math.log(len(unit)),
        float(repeated),
        float(has_url(text)),
        float(text.rstrip().endswith(":")),
        float(scripts.reads_lower(text[:1])),
        float(words),
    ]


def has_url(text: str) -> bool:
    """A web or e-mail address in the text."""
    return ("@" in text or "www." in text or "http" in text) and _URL.search(text) is not None


def _title_case(letters: list[str]) -> float:
    """Share of the word-initial letters that are capitals.

    Letters of a script without case (Chinese, Japanese, Thai, Georgian...) say nothing
    either way: CASELESS_TITLE_CASE, not 0, which read as running text in
    lower case and made CJK headline lists look like prose.
    """
    if not letters:
        return 0.0
    upper = sum(map(str.isupper, letters))
    if upper or any(map(scripts.reads_lower, letters)):
        return upper / len(letters)
    return CASELESS_TITLE_CASE


_LOG_WORDS, _TERMINAL, _WORDS = _SHAPE.index("log_words"), _SHAPE.index("terminal"), len(_SHAPE)


def _short_runs(lengths: list[float], terminals: list[float]) -> list[float]:
    """For each unit, the length of the run of short non-sentence units it sits in (log)."""
    short = [n < 8 and not t for n, t in zip(lengths, terminals, strict=True)]
    runs = [0.0] * len(short)
    i = 0
    while i < len(short):
        j = i
        while j < len(short) and short[j] == short[i]:
            j += 1
        for k in range(i, j):
            runs[k] = math.log1p(j - i) if short[i] else 0.0
        i = j
    return runs


def content_terms(unit: list[Line], page: Page) -> set[str]:
    """Topic-bearing terms: long non-stop words, CJK character pairs, runs of 4 Thai letters.

    A unit's terms are its lines' terms together (sets of words and of pairs within a
    line), so each line's are taken from `page.memo.terms`: the content model has put
    every one-line unit's there, and the page rules ask again for the same lines.
    """
    memo, language, stops = page.memo.terms, page.language, page.stoplist
    found: list[set[str]] = []
    for line in unit:
        key = ((line.text,), language)
        terms = memo.get(key)
        if terms is None:
            terms = memo[key] = _terms([line], _content_words([line], stops))
        found.append(terms)
    return set().union(*found)  # a new set: callers may change it, the memo's stay


def _content_words(unit: list[Line], stops: frozenset[str]) -> list[str]:
    """The unit's tokens that are not stop words, in order (shape and topic terms both read it)."""
    return list(filterfalse(stops.__contains__, chain.from_iterable(line.tokens for line in unit)))


def _terms(unit: list[Line], content: list[str]) -> set[str]:
    """content_terms, given the unit's tokens that are not stop words."""
    # Word starts stand in for stems, so inflected forms of one word still match.
    terms = {t[:_STEM] for t in content if len(t) > 3}
    for line in unit:
        if line.cjk_chars:
            chars = [c for c in line.text if _IDEOGRAPHIC.match(c)]
            terms.update(a + b for a, b in pairwise(chars))
            n = _SOUTHEAST_ASIAN_GRAM
            for run in _SOUTHEAST_ASIAN_RUN.findall(line.text):
                terms.update(run[i : i + n] for i in range(len(run) - n + 1))
    return terms


def _core_overlaps(
    terms: list[set[str]], lengths: list[float], terminals: list[float]
) -> list[float]:
    """Share of each unit's terms found in the page's longest sentences (its topic core).

    Related headlines, teasers and widgets are about other things than the
    article; the article's own paragraphs keep returning to its terms.
    """
    ranked = sorted(range(len(terms)), key=lambda i: (-lengths[i] * (0.5 + terminals[i]), i))
    core_ids = ranked[:_CORE_UNITS]
    whole: set[str] = set().union(*(terms[j] for j in core_ids))
    overlaps = []
    for i, own in enumerate(terms):
        if not own:
            overlaps.append(0.0)
            continue
        core = whole if i not in core_ids else set().union(*(terms[j] for j in core_ids if j != i))
        overlaps.append(len(own & core) / len(own))
    return overlaps


class _Stage1:
    """Stage-one vectors and scores of a page's units.

    What depends only on a unit's texts and a few page facts (its shape, its
    topic terms, and the stage-one sum over the shape features) is memoised in
    `page.memo` and reused by later strip passes.
    """

    def __init__(
        self, units: list[list[Line]], page: Page, fitted: tuple[float, Terms] | None = None
    ) -> None:
        intercept, terms_of = fitted or _fitted("stage1")
        # The memoised sums hold the shipped model's weights; other weights (the trainer's)
        # get sums of their own, so the two never mix on one page.
        sums = page.memo.shapes if fitted is None else {}
        shapes, partials, topic = _memoised_shapes(
            units, page, (intercept, terms_of[:_WORDS]), sums
        )
        self.shapes = shapes
        self.contexts = _contexts(shapes, topic)
        context_terms = terms_of[_WORDS:]
        self.scores = [
            _squash(_accumulate(partial, context, context_terms))
            for partial, context in zip(partials, self.contexts, strict=True)
        ]

    @property
    def vectors(self) -> list[list[float]]:
        """One feature vector (ordered as FEATURES) per unit: only the trainer needs them whole."""
        return [s[:_WORDS] + c for s, c in zip(self.shapes, self.contexts, strict=True)]


def _memoised_shapes(
    units: list[list[Line]],
    page: Page,
    weights: tuple[float, Terms],
    sums: dict[ShapeKey, tuple[list[float], float]],
) -> tuple[list[list[float]], list[float], list[set[str]]]:
    """Per unit: its shape, the stage-one sum over the shape features (under `weights`,
    memoised in `sums`), and its topic terms."""
    intercept, shape_terms = weights
    memo = page.memo
    language = page.language
    hits = page.line_hits
    counts = page.key_counts
    shapes: list[list[float]] = []
    partials: list[float] = []
    topic: list[set[str]] = []
    for unit in units:
        if len(unit) == 1:
            line = unit[0]
            texts: tuple[str, ...] = (line.text,)
            rule_hit = line.index in hits
            repeated = counts[line.key] > 1
        else:
            texts = tuple(line.text for line in unit)
            rule_hit = any(line.index in hits for line in unit)
            repeated = any(counts[line.key] > 1 for line in unit)
        key: ShapeKey = (texts, language, rule_hit, repeated)
        found = sums.get(key)
        terms = memo.terms.get((texts, language))
        # One stop-word look-up per token serves both the shape and the terms.
        content = _content_words(unit, page.stoplist) if found is None or terms is None else []
        if found is None:
            shape = _shape(unit, content, rule_hit, repeated)
            found = sums[key] = (shape, _accumulate(intercept, shape, shape_terms))
        shapes.append(found[0])
        partials.append(found[1])
        if terms is None:
            terms = memo.terms[(texts, language)] = _terms(unit, content)
        topic.append(terms)
    return shapes, partials, topic


def _contexts(shapes: list[list[float]], topic: list[set[str]]) -> list[list[float]]:
    """Per unit, its context features (ordered as _CONTEXT): where it is, what is around it."""
    if not shapes:
        return []
    lengths = [s[_WORDS] for s in shapes]
    logs = [s[_LOG_WORDS] for s in shapes]
    terminals = [s[_TERMINAL] for s in shapes]
    # Running count of short units: a window's count is a difference of two (integers: exact).
    shorts = list(accumulate((n < 6 for n in lengths), initial=0))
    runs = _short_runs(lengths, terminals)
    overlaps = _core_overlaps(topic, lengths, terminals)
    longest = max(range(len(lengths)), key=lambda i: (lengths[i], -i))
    top = max(lengths) or 1.0
    count = len(shapes)
    last = max(count - 1, 1)
    contexts = []
    for i in range(count):
        low, high = max(0, i - 3), min(i + 4, count)  # units within 3 of i
        near = high - low - 1
        contexts.append(
            [
                i / last,
                lengths[i] / top,
                math.log1p(abs(i - longest)),
                logs[i - 1] if i else 0.0,
                logs[i + 1] if i + 1 < count else 0.0,
                terminals[i - 1] if i else 0.0,
                terminals[i + 1] if i + 1 < count else 0.0,
                (shorts[high] - shorts[low] - (lengths[i] < 6)) / near if near else 0.0,
                # Added left to right across the gap at i, as one list would be (floats).
                sum(logs[i + 1 : high], sum(logs[low:i])) / near if near else 0.0,
                runs[i],
                overlaps[i],
            ]
        )
    return contexts


def unit_features(units: list[list[Line]], page: Page) -> list[list[float]]:
    """One stage-one feature vector (ordered as FEATURES) per unit.

    Needs no fitted model (the trainer calls it before there is one for new features).
    """
    unfitted = (0.0, tuple((0.0, 1.0, 0.0) for _ in FEATURES))
    return _Stage1(units, page, unfitted).vectors


def stage2_features(vectors: list[list[float]], first: list[float]) -> list[list[float]]:
    """Stage-two vectors: stage-one scores of the unit and around it."""
    log_words = FEATURES.index("log_words")
    return _stage2_rows([vector[log_words] for vector in vectors], first)


def _stage2_rows(logs: list[float], first: list[float]) -> list[list[float]]:
    """Stage-two vectors from each unit's log word count and the stage-one scores."""
    out = []
    for i, p in enumerate(first):
        p_clamped = min(max(p, 1e-6), 1 - 1e-6)
        # The scores within 1, 3 and 6 units of i, in order, i itself excluded.
        w1 = [*first[max(0, i - 1) : i], *first[i + 1 : i + 2]]
        w3 = [*first[max(0, i - 3) : i], *first[i + 1 : i + 4]]
        w6 = [*first[max(0, i - 6) : i], *first[i + 1 : i + 7]]
        out.append(
            [
                math.log(p_clamped / (1 - p_clamped)),
                sum(w1) / len(w1) if w1 else p,
                sum(w3) / len(w3) if w3 else p,
                sum(w6) / len(w6) if w6 else p,
                max(w3) if w3 else p,
                min(w1) if w1 else p,
                logs[i],
            ]
        )
    return out


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    text = files("scrubber").joinpath("data", "line_model.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    if (
        tuple(loaded["stage1"]["features"]) != FEATURES
        or tuple(loaded["stage2"]["features"]) != STAGE2
    ):
        raise RuntimeError("line_model.json was trained on other features; retrain it")
    return loaded


Terms = tuple[tuple[float, float, float], ...]


@lru_cache(maxsize=2)
def _fitted(stage: str) -> tuple[float, Terms]:
    """The shipped model's intercept and (mean, scale, weight) per feature for a stage."""
    return _stage_terms(model()[stage])


def _stage_terms(stage: dict[str, Any]) -> tuple[float, Terms]:
    """A fitted stage (as line_model.json holds it) as its intercept and per-feature terms."""
    terms = tuple(zip(stage["mean"], stage["scale"], stage["weights"], strict=True))
    return float(stage["intercept"]), terms


def forget_fitted_terms() -> None:
    """Drop the terms cached from `model()` (bench/train_line_model.py swaps models)."""
    _fitted.cache_clear()


def _accumulate(z: float, vector: Sequence[float], terms: Terms) -> float:
    """z plus each standardised feature times its weight, added in feature order.

    The vector may be longer than the terms (a shape ends with its word count).
    """
    # zip's default is strict=False; spelling it out costs a keyword call on this hot path.
    for x, (mean, scale, weight) in zip(vector, terms):  # noqa: B905
        z += weight * (x - mean) / scale
    return z


def _squash(z: float) -> float:
    # Clamped as max(min(z, 40.0), -40.0) would, without two builtin calls per unit.
    z = 40.0 if z > 40.0 else z
    z = -40.0 if z < -40.0 else z
    return 1.0 / (1.0 + math.exp(-z))


def logistic(vector: Sequence[float], stage: dict[str, Any]) -> float:
    """P(content) of one stage given as a dict (how bench/train_line_model.py holds folds)."""
    intercept, terms = _stage_terms(stage)
    return _squash(_accumulate(intercept, vector, terms))


def probabilities(units: list[list[Line]], page: Page) -> list[float]:
    """P(content) per unit, from both stages."""
    first = _Stage1(units, page)
    intercept, terms = _fitted("stage2")
    logs = [shape[_LOG_WORDS] for shape in first.shapes]
    return [_squash(_accumulate(intercept, v, terms)) for v in _stage2_rows(logs, first.scores)]
