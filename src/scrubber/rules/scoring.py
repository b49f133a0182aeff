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
from itertools import pairwise
from typing import Any

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
    "cjk_share",
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
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CORE_UNITS = 3
_STEM = 5
_LIST_ITEM = re.compile(r"^\s*(?:[*•·–-]|\d+[.)])\s")


def _shape(unit: list[Line], page: Page) -> dict[str, float]:
    tokens = [t for line in unit for t in line.tokens]
    words = sum(line.words for line in unit)
    text = " ".join(line.text.strip() for line in unit)
    alpha = [t for t in text.split() if t[:1].isalpha()]
    upper = sum(1 for t in alpha if t[:1].isupper()) / len(alpha) if alpha else 0.0
    stops = page.stoplist
    stop_ratio = sum(1 for t in tokens if t in stops) / len(tokens) if tokens else 0.0
    terminal = float(unit[-1].terminal)
    log_words = math.log1p(words)
    return {
        "_words": float(words),
        "log_words": log_words,
        "words_1_3": float(words <= 3),
        "words_4_7": float(4 <= words <= 7),
        "words_8_15": float(8 <= words <= 15),
        "words_16_30": float(16 <= words <= 30),
        "terminal": terminal,
        "terminal_x_log_words": terminal * log_words,
        "stop_ratio": stop_ratio,
        "stop_x_log_words": stop_ratio * log_words,
        "cjk_share": sum(line.cjk_chars for line in unit) / max(len(text), 1),
        "title_case": upper,
        "headline_like": float(not terminal and 4 <= words <= 20 and upper >= 0.6),
        "digit_share": sum(1 for t in tokens if t[:1].isdigit()) / len(tokens) if tokens else 0.0,
        "rule_hit": float(any(line.index in page.line_hits for line in unit)),
        "list_item": float(_LIST_ITEM.match(unit[0].text) is not None),
        "fragments": math.log(len(unit)),
        "repeated": float(max(page.key_counts[line.key] for line in unit) > 1),
        "has_url": float(_URL.search(text) is not None),
        "ends_colon": float(text.rstrip().endswith(":")),
        "starts_lower": float(text[:1].islower()),
    }


def _window(values: Sequence[float], i: int, radius: int) -> list[float]:
    return [
        values[j] for j in range(max(0, i - radius), min(len(values), i + radius + 1)) if j != i
    ]


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


def _content_terms(unit: list[Line], page: Page) -> set[str]:
    """Topic-bearing terms: long non-stop words, or CJK character pairs."""
    # Word starts stand in for stems, so inflected forms of one word still match.
    terms = {
        t[:_STEM] for line in unit for t in line.tokens if len(t) > 3 and t not in page.stoplist
    }
    for line in unit:
        if line.cjk_chars:
            chars = [c for c in line.text if _CJK.match(c)]
            terms.update(a + b for a, b in pairwise(chars))
    return terms


def _core_overlaps(
    units: list[list[Line]], shapes: list[dict[str, float]], page: Page
) -> list[float]:
    """Share of each unit's terms found in the page's longest sentences (its topic core).

    Related headlines, teasers and widgets are about other things than the
    article; the article's own paragraphs keep returning to its terms.
    """
    terms = [_content_terms(unit, page) for unit in units]
    ranked = sorted(
        range(len(units)), key=lambda i: (-shapes[i]["_words"] * (0.5 + shapes[i]["terminal"]), i)
    )
    core_ids = ranked[:_CORE_UNITS]
    overlaps = []
    for i, own in enumerate(terms):
        core: set[str] = set()
        for j in core_ids:
            if j != i:
                core |= terms[j]
        overlaps.append(len(own & core) / len(own) if own else 0.0)
    return overlaps


def unit_features(units: list[list[Line]], page: Page) -> list[list[float]]:
    """One stage-one feature vector (ordered as FEATURES) per unit."""
    shapes = [_shape(unit, page) for unit in units]
    if not shapes:
        return []
    lengths = [s["_words"] for s in shapes]
    logs = [s["log_words"] for s in shapes]
    terminals = [s["terminal"] for s in shapes]
    runs = _short_runs(lengths, terminals)
    overlaps = _core_overlaps(units, shapes, page)
    longest = max(range(len(lengths)), key=lambda i: (lengths[i], -i))
    top = max(lengths) or 1.0
    count = len(shapes)
    vectors = []
    for i, shape in enumerate(shapes):
        near = _window(lengths, i, 3)
        shape["position"] = i / max(count - 1, 1)
        shape["rel_length"] = lengths[i] / top
        shape["dist_longest"] = math.log1p(abs(i - longest))
        shape["prev_log_words"] = logs[i - 1] if i else 0.0
        shape["next_log_words"] = logs[i + 1] if i + 1 < count else 0.0
        shape["prev_terminal"] = terminals[i - 1] if i else 0.0
        shape["next_terminal"] = terminals[i + 1] if i + 1 < count else 0.0
        shape["near_short"] = sum(1 for n in near if n < 6) / len(near) if near else 0.0
        shape["near_log_words"] = sum(_window(logs, i, 3)) / len(near) if near else 0.0
        shape["short_run"] = runs[i]
        shape["core_overlap"] = overlaps[i]
        vectors.append([shape[name] for name in FEATURES])
    return vectors


def stage2_features(vectors: list[list[float]], first: list[float]) -> list[list[float]]:
    """Stage-two vectors: stage-one scores of the unit and around it."""
    log_words = FEATURES.index("log_words")
    out = []
    for i, p in enumerate(first):
        p_clamped = min(max(p, 1e-6), 1 - 1e-6)
        w1, w3, w6 = _window(first, i, 1), _window(first, i, 3), _window(first, i, 6)
        out.append(
            [
                math.log(p_clamped / (1 - p_clamped)),
                sum(w1) / len(w1) if w1 else p,
                sum(w3) / len(w3) if w3 else p,
                sum(w6) / len(w6) if w6 else p,
                max(w3) if w3 else p,
                min(w1) if w1 else p,
                vectors[i][log_words],
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


def _logistic(vector: list[float], fitted: dict[str, Any]) -> float:
    z = fitted["intercept"]
    for x, mean, scale, weight in zip(
        vector, fitted["mean"], fitted["scale"], fitted["weights"], strict=True
    ):
        z += weight * (x - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def probabilities(units: list[list[Line]], page: Page) -> list[float]:
    """P(content) per unit, from both stages."""
    fitted = model()
    vectors = unit_features(units, page)
    first = [_logistic(v, fitted["stage1"]) for v in vectors]
    return [_logistic(v, fitted["stage2"]) for v in stage2_features(vectors, first)]
