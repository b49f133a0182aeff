"""The strip stage's fast paths give exactly what the plain versions they replace give.

Each speed-up (memoised line features and rule verdicts, a faster key
normaliser, phrase look-up from phrase starts, an ASCII tokenizer, counting
stop words per distinct token, a hand-laid-out JSON sidecar) is checked
against a straightforward reference implementation kept here.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from scrubber import lexicon, scripts, stopwords
from scrubber.config import Config
from scrubber.lexicon import _word_pattern
from scrubber.page import _UNSPACED, LineText, Memo, build_page
from scrubber.report import render
from scrubber.rules import scoring, weights
from scrubber.rules.registry import REGISTRY, all_rules, rule
from scrubber.strip import decide, tag, tag_lines

# Characters that exercise edges, spaces, case folding and scripts.
ALPHABET = "aZ9_ -.,'’!\t\u00a0\u2003\u3000İ\u0307éß©中日Ωжक\u093f\u0301\x1c"
texts = st.text(alphabet=ALPHABET, max_size=30)


def reference_key(text: str) -> str:
    """normalize_key as first written: two regex passes."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u0307", "")
    # A vowel sign or accent ending the text belongs to its last word.
    marks = scripts.combining_marks()
    after_word = rf"(?:(?<=[^\W_])|(?<=[{marks}]))"
    text = re.sub(rf"^[\W_]+|{after_word}(?:(?![{marks}])[\W_])+$", "", text)
    return re.sub(r"\s+", " ", text).strip()


@given(texts)
def test_normalize_key_equals_the_regex_version(text: str) -> None:
    assert lexicon.normalize_key(text) == reference_key(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_normalize_key_of_ascii_equals_the_regex_version(text: str) -> None:
    # ASCII text takes its own path (lower and a strip in C): every ASCII character here.
    assert lexicon.normalize_key(text) == reference_key(text)


def reference_tokens(text: str) -> list[str]:
    """lexicon.word_tokens without its ASCII fast path: the general tokenizer."""
    return [t.casefold() for t in _word_pattern().findall(text)]


def reference_find(category: str, key: str) -> str | None:
    """find_phrase as first written: every n-gram size at every start."""
    # The first phrase (in sorted order) of those sharing a match form, as find_phrase keeps.
    phrases = sorted(lexicon.phrases(category), reverse=True)
    known = {" ".join(reference_tokens(p)): p for p in phrases if reference_tokens(p)}
    sizes = sorted({len(p.split()) for p in known})
    tokens = reference_tokens(key)
    for start in range(len(tokens)):
        for size in sizes:
            if start + size > len(tokens):
                break
            form = " ".join(tokens[start : start + size])
            if form in known:
                return known[form]
    return _cjk(category, key)


def _cjk(category: str, key: str) -> str | None:
    pattern = lexicon._unspaced_pattern(category)
    found = pattern.search(key) if pattern and lexicon._CJK_CHAR.search(key) else None
    return found.group() if found else None


@st.composite
def keys_with_phrases(draw: st.DrawFn) -> tuple[str, str]:
    category = draw(st.sampled_from(["cookie", "newsletter", "copyright"]))
    phrases = sorted(lexicon.phrases(category))
    parts = draw(
        st.lists(
            st.sampled_from(phrases)
            | st.sampled_from(["we", "the", "all", "by", "x", ",", "cookies,", "(newsletter)"])
        )
    )
    return category, " ".join(parts)


@given(keys_with_phrases())
def test_find_phrase_equals_the_all_sizes_search(case: tuple[str, str]) -> None:
    category, key = case
    assert lexicon.find_phrase(category, key) == reference_find(category, key)


@given(keys_with_phrases())
def test_find_phrases_lists_every_phrase_once_and_starts_with_find_phrase(
    case: tuple[str, str],
) -> None:
    category, key = case
    found = lexicon.find_phrases(category, key)
    known = lexicon.phrases(category)
    assert len(found) == len(set(found))
    words = " ".join(lexicon.word_tokens(key))
    assert all(
        phrase in known and " ".join(lexicon.word_tokens(phrase)) in words for phrase in found
    )
    first = lexicon.find_phrase(category, key)
    assert (found[0] if found else None) == first


@given(st.text(alphabet="ab AB'’.,09é中", max_size=40))
def test_line_features_equal_the_general_tokenizer(text: str) -> None:
    features = LineText.of(text)
    assert features.tokens == [t.casefold() for t in _word_pattern().findall(text)]
    assert features.cjk_chars == len(_UNSPACED.findall(text))
    assert features.key == lexicon.normalize_key(text)


@given(st.text(alphabet="a .!?。…:;'\"’”»)]\t\n\u00a0\u3000", max_size=12))
def test_terminal_equals_the_regex(text: str) -> None:
    # A sentence mark, then any run of closing quotes, brackets and spaces.
    regex = re.compile(r"[.!?。！？…:;](?:['\"’”»)\]]|\s)*$")
    assert LineText.of(text).terminal == (regex.search(text) is not None)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_squash_equals_the_min_max_clamp(z: float) -> None:
    reference = 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
    assert repr(scoring._squash(z)) == repr(reference)


def reference_language(tokens: list[str], limit: int = 1500) -> str | None:
    index = stopwords._index()
    hits: Counter[str] = Counter()
    for token in tokens[:limit]:
        for code in index.get(token, ()):
            hits[code] += 1
    sizes = Counter(code for codes in index.values() for code in codes)
    weighed = {code: hits[code] / sizes[code] ** (1 / stopwords.LIST_SIZE_ROOT) for code in hits}
    return min(weighed, key=lambda code: (-weighed[code], code)) if hits else None


STOP_SAMPLE = ["de", "la", "the", "and", "und", "der", "y", "el", "и", "на", "x", "12", "a"]


@given(st.lists(st.sampled_from(STOP_SAMPLE), max_size=60))
def test_guess_language_equals_counting_every_token(tokens: list[str]) -> None:
    assert stopwords.guess_language(iter(tokens)) == reference_language(tokens)
    assert stopwords.guess_language(iter(tokens), limit=7) == reference_language(tokens, 7)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(alphabet=st.characters(exclude_categories=["Cs"])),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=3), json_values, max_size=4))
def test_sidecar_rendering_equals_json_dumps(data: dict[str, object]) -> None:
    assert render(data) == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def test_rendering_falls_back_to_json_for_keys_json_converts() -> None:
    data = {"a": {1: 2.5, None: (1, 2)}, "b": []}
    assert render(data) == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


PAGE = [
    "Home | News | Sport | Contact",
    "Share",
    "Council approves new bike lanes",
    "The council voted on Monday night to approve a plan for new protected bike lanes.",
    "The lanes will connect the northern suburbs with the old town centre,",
    "and work starts in spring after a long debate about parking.",
    "Read more:",
    "Council approves new bike lanes",
    "Other headline about the weather tomorrow",
    "© 2024 Example Media. All rights reserved.",
]


def test_only_text_only_line_rules_are_memoised() -> None:
    line_rules = [r for r in all_rules() if r.scope == "line"]
    # Every line rule reads text only but SCR119, which asks whether the page repeats a line.
    assert line_rules and {r.code for r in line_rules if not r.local} == {"SCR119"}

    @rule("SCR199", "test-page-aware")
    def page_aware(line: object, page: object) -> str | None:
        return None

    try:
        assert not REGISTRY["SCR199"].local
    finally:
        del REGISTRY["SCR199"]


def test_a_shared_memo_changes_no_verdict_or_score() -> None:
    """Tags and content scores with a memo filled by other pages equal those of a fresh page."""
    config = Config()
    numbered = list(enumerate(PAGE, 1))
    fresh = build_page(numbered)
    expected_tags = tag(fresh, config)
    expected_scores = scoring.probabilities(weights.units(fresh), fresh)
    memo = Memo()
    for other in (numbered[3:], numbered[::2], numbered):  # other states of the same page
        warm = build_page(other, memo)
        tag(warm, config)
    warm = build_page(numbered, memo)
    assert tag(warm, config) == expected_tags
    assert scoring.probabilities(weights.units(warm), warm) == expected_scores
    again = build_page(numbered, memo)
    assert tag_lines(again, config) == tag_lines(build_page(numbered), config)


def test_decide_is_a_fixpoint_on_its_own_output() -> None:
    config = Config()
    decisions, kept, _ = decide(list(enumerate(PAGE, 1)), config)
    assert any(not d.keep for d in decisions)
    renumbered = list(enumerate((t for _, t in kept), 1))
    again, kept_again, _ = decide(renumbered, config)
    assert all(d.keep for d in again)
    assert [t for _, t in kept_again] == [t for _, t in kept]
