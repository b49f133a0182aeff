"""Golden cases: whole pages in, exact clean text and sidecar out.

Each fixtures/<case>/ with an input.txt holds
  input.txt           a page dump written for the project (never a benchmark page),
  expected.txt        the article as a careful reader would cut it, compared byte for byte,
  expected.meta.json  the sidecar, compared after `regen_golden.normalise` (paths and
                      tool/dependency versions blanked, language probability rounded).
tests/regen_golden.py writes both expected files from the tool; review its diff by eye.
A case the tool gets wrong keeps a hand-written expected.txt and is listed in
regen_golden.KNOWN_WRONG: its text test is xfail(strict=True) until the tool is fixed.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

import jsonschema
import pytest
from conftest import SEED, SEED_GOLD
from regen_golden import FIXTURES, HAND_WRITTEN, KNOWN_WRONG, VOLATILE, cases, normalise, produce

from scrubber.report import schema

CASES = cases()

# The headline a reader would name for each page (None: the page has none), and its language.
TITLES: dict[str, str | None] = {
    "de-blog-lines": "Wandern im Schwarzwald: Drei Touren für Einsteiger",
    "de-dates-ticker-footer": "Neuer Fährbetrieb zwischen den Ufern startet im April",
    "en-blog-comments-authorbox": "How I finally got my tomatoes to ripen outdoors",
    "en-brief-long-footer": "Bridge on A483 to close for two nights",
    "en-news-credits-latest": "Island ferry timetable to change after board vote",
    "en-clean-article": None,
    "en-inline-related": "Harbour ferry returns after winter repairs",
    "en-keywords-sharebar-title": "Night ferry returns to the island after three years",
    "en-lines-star-menus": "Small village builds its own fibre network",
    "en-news-blocks": "Local council approves new bike lanes after two years of debate",
    "en-readmore-teasers": "Storm closes coastal road for second time this month",
    "es-cookie-newsletter-share": "El mercado de abastos reabre tras dos años de obras",
    "es-textnodes": "El equipo local gana la final",
    "fr-cookie-newsletter": "Un festival de cinéma en plein air cet été",
    "hi-news-lines": "लखनऊ में नया सार्वजनिक पुस्तकालय खुला, बच्चों के लिए अलग कक्ष",
    "nl-blog-counted-comments": "Een middag langs de dijk naar Asperen",
    "ja-news": "駅前の商店街に新しい図書館が開館",
    "ru-news-readmore": "Городской парк откроется после реконструкции",
    "th-news-blocks": "ตลาดนัดกลางคืนริมแม่น้ำกลับมาเปิดอีกครั้งหลังปรับปรุงสามเดือน",
    "seed": (
        "Iran : Le commandant des forces Qods en Russie pour des entretiens sur la Syrie, "
        "des missiles"
    ),
    "zh-news": "城市新建图书馆正式开放",
}
WRONG_TITLES: dict[str, str] = {}
LANGUAGES = {
    "de-blog-lines": "de",
    "de-dates-ticker-footer": "de",
    "en-blog-comments-authorbox": "en",
    "en-brief-long-footer": "en",
    "en-news-credits-latest": "en",
    "en-clean-article": "en",
    "en-inline-related": "en",
    "en-keywords-sharebar-title": "en",
    "en-lines-star-menus": "en",
    "en-news-blocks": "en",
    "en-readmore-teasers": "en",
    "es-cookie-newsletter-share": "es",
    "es-textnodes": "es",
    "fr-cookie-newsletter": "fr",
    "hi-news-lines": "hi",
    "nl-blog-counted-comments": "nl",
    "ja-news": "ja",
    "ru-news-readmore": "ru",
    "seed": "fr",
    "th-news-blocks": "th",
    "zh-news": "zh",
}


def params(wrong: dict[str, str]) -> list[Any]:
    return [
        pytest.param(case, marks=pytest.mark.xfail(strict=True, reason=wrong[case]))
        if case in wrong
        else case
        for case in CASES
    ]


@cache
def _produced(case: str) -> tuple[str, dict[str, Any]]:
    return produce(case)


def result(case: str) -> tuple[str, dict[str, Any]]:
    """The tool's text and raw sidecar for the case (cleaned once per test run)."""
    text, data = _produced(case)
    return text, copy.deepcopy(data)


def expected_meta(case: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / case / "expected.meta.json").read_text("utf-8"))
    return loaded


def test_every_case_has_its_three_files_and_a_reviewed_title() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        for name in ("input.txt", "expected.txt", "expected.meta.json"):
            assert (FIXTURES / case / name).is_file(), f"{case}/{name}"
    assert set(TITLES) == set(CASES) == set(LANGUAGES)
    assert set(HAND_WRITTEN) <= set(CASES)


@pytest.mark.parametrize("case", params(KNOWN_WRONG))
def test_clean_text_equals_expected_txt(case: str) -> None:
    text, _ = result(case)
    assert text == (FIXTURES / case / "expected.txt").read_text("utf-8")


@pytest.mark.parametrize("case", CASES)
def test_sidecar_equals_expected_meta_after_normalising(case: str) -> None:
    _, data = result(case)
    assert normalise(data) == expected_meta(case)


@pytest.mark.parametrize("case", CASES)
def test_sidecars_follow_the_json_schema(case: str) -> None:
    _, data = result(case)
    jsonschema.validate(data, schema())
    jsonschema.validate(expected_meta(case), schema())


@pytest.mark.parametrize("case", params(WRONG_TITLES))
def test_the_sidecar_title_is_the_pages_headline(case: str) -> None:
    _, data = result(case)
    assert data.get("title") == TITLES[case]


@pytest.mark.parametrize("case", CASES)
def test_the_sidecar_language_is_the_pages_language(case: str) -> None:
    _, data = result(case)
    assert data["language"]["code"] == LANGUAGES[case]


@pytest.mark.parametrize("case", CASES)
def test_expected_text_is_made_of_input_lines(case: str) -> None:
    """Golden texts keep the page's own lines: nothing is rewritten, only removed."""
    given = {line.rstrip() for line in (FIXTURES / case / "input.txt").read_text().splitlines()}
    for line in (FIXTURES / case / "expected.txt").read_text("utf-8").splitlines():
        assert not line or line in given, line


def test_the_seed_case_is_the_projects_seed_and_gold() -> None:
    assert (FIXTURES / "seed" / "input.txt").read_bytes() == SEED.read_bytes()
    assert (FIXTURES / "seed" / "expected.txt").read_bytes() == SEED_GOLD.read_bytes()


def test_a_clean_article_comes_out_unchanged_apart_from_normalisation() -> None:
    raw = (FIXTURES / "en-clean-article" / "input.txt").read_bytes()
    assert b"\r\n" in raw and b"   \r\n" in raw and b"\r\n\r\n\r\n" in raw  # what is normalised
    lines = [line.rstrip() for line in raw.decode("utf-8").split("\r\n")]
    paragraphs = [line for line in lines if line]
    text, data = result("en-clean-article")
    assert text == "\n\n".join(paragraphs) + "\n"
    assert data["removed"] == [] and "title" not in data


def test_normalise_blanks_only_volatile_fields() -> None:
    _, data = result("seed")
    data["source"]["path"] = "/somewhere/input.txt"
    data["output"]["path"] = "/elsewhere/input.txt"
    out = normalise(data)
    assert out["source"]["path"] is None and out["output"]["path"] is None
    assert out["tool"]["version"] == out["tool"]["config_hash"] == VOLATILE
    assert set(out["tool"]["dependencies"].values()) == {VOLATILE}
    assert out["language"]["detector_version"] == VOLATILE
    same = ("source", "output", "removed", "fixes", "stats", "title", "status")
    for key in same:
        if key in ("source", "output"):
            assert {k: v for k, v in out[key].items() if k != "path"} == {
                k: v for k, v in data[key].items() if k != "path"
            }
        else:
            assert out[key] == data[key], key
    assert data["source"]["path"] == "/somewhere/input.txt", "normalise copies, never mutates"


def test_regen_golden_writes_nothing_for_an_unknown_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from regen_golden import main

    assert main(["no-such-case"]) == 2
    assert "no such case" in capsys.readouterr().err
