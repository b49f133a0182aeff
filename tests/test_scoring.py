"""The content model's inputs (rules/scoring.py, stopwords.py) read alike in every script.

The model is fitted mostly on pages in Latin script with case and spaces; a
feature that means something else in Chinese or Russian sends the model the
wrong way on exactly the pages it has seen least. Each test states what a
feature must read from a unit, with a case where the script matters and one
where it must not change anything.
"""

from __future__ import annotations

import pytest

from scrubber.page import build_page
from scrubber.rules import scoring, weights


def shape_of(text: str) -> dict[str, float]:
    """The shape features (by name) of a one-line page."""
    page = build_page([(1, text)])
    [vector] = scoring.unit_features(weights.scored_units(page), page)
    return dict(zip(scoring.FEATURES, vector, strict=True))


def test_a_date_after_a_cjk_headline_counts_per_word_not_per_clause() -> None:
    # Five tokens (two CJK runs, three numbers) but 14 words as LineText counts them (its
    # tokens plus half a word per CJK character, 18 of them): 3 of 14, not 3 of 5.
    text = "香港大學宣布新任校長 學費明年維持不變 (2012-01-17)"
    assert build_page([(1, text)]).lines[0].words == 14
    assert shape_of(text)["digit_share"] == pytest.approx(3 / 14)


def test_digit_share_of_text_without_cjk_is_digits_per_token() -> None:
    assert shape_of("Exam papers go online (2012-01-17)")["digit_share"] == pytest.approx(3 / 7)
    assert shape_of("No figures in this sentence at all.")["digit_share"] == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "香港大學宣布新任校長 學費明年維持不變",
        "東京大学の新しい学長が決まりました",
        "ข่าวการเมือง เศรษฐกิจ กีฬา",
    ],
)
def test_letters_without_case_say_nothing_about_title_case(text: str) -> None:
    assert shape_of(text)["title_case"] == scoring.CASELESS_TITLE_CASE


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("the mayor said on tuesday", 0.0),
        ("Local Elections Results And Maps", 1.0),
        ("Мэр заявил во вторник", 0.25),
        ("大学 opens new campus", 0.0),  # the cased words decide, the ideographs are neutral
        ("2012 - 2013", 0.0),  # no letters: as before
    ],
)
def test_title_case_of_cased_letters_is_the_share_of_capitals(text: str, share: float) -> None:
    assert shape_of(text)["title_case"] == pytest.approx(share)


def test_the_trainers_unfitted_features_do_not_change_the_pages_weights() -> None:
    # The trainer reads feature vectors under zero weights; the memoised stage-one sums must
    # stay those of the shipped model, whichever is asked first on a page.
    lines = [
        "Home",
        "News",
        "Harbour ferry returns after winter repairs",
        "The harbour ferry returned to service on Saturday morning after three months of "
        "repairs at the shipyard, carrying more than two hundred passengers.",
        "Engineers replaced the ageing engine and rebuilt the passenger deck, which had been "
        "closed since a storm damaged its railings in November.",
        "Contact us",
    ]
    numbered = list(enumerate(lines, start=1))
    fresh = weights._unit_weights(build_page(numbered))
    page = build_page(numbered)
    scoring.unit_features(weights.scored_units(page), page)
    assert weights._unit_weights(page) == fresh
