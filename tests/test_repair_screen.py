"""The ftfy screen never skips a line ftfy would change.

`repair_line` runs ftfy only on lines the screen flags; these tests compare
it with plain `ftfy.fix_text` (same config) on hand-made damage of every kind
ftfy repairs, on text in many scripts, and on thousands of generated strings
dense in the characters ftfy's mojibake heuristic looks at.
"""

from __future__ import annotations

import random
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from scrubber.lines import split_lines
from scrubber.repair import (
    _badness_screen,
    ftfy_config,
    needs_ftfy,
    repair_line,
    repair_lines,
    repair_text,
)

CLEAN = [
    "Plain English sentence, nothing to see here.",
    "Le gouvernement a annoncé jeudi une réforme « ambitieuse » des retraites.",
    "Die Bürger äußerten ihre Meinung über die Straßenbahn.",
    "Władze miasta ogłosiły, że żółta linia będzie zamknięta.",
    "Правительство объявило о новых мерах поддержки, — сообщает агентство.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία.",
    "政府宣布了新的经济措施，以支持中小企业。",
    "東京都は新しい計画を発表しました。「詳細は後日」とのこと。",
    "서울시는 새로운 교통 정책을 발표했다.",
    "الحكومة أعلنت عن إجراءات جديدة",
    "ממשלת ישראל הודיעה היום",
    "सरकार ने नई योजना की घोषणा की।",
    "Emoji are fine 😀👍🏽 and so are flags 🇫🇷 and ZWJ 👨‍👩‍👧.",
    "Curly “quotes” and ‘single’ ones, an en – dash and an em — dash…",
    "Prices: £5, €10, ¥300, 50¢, © 2024 Example™ ® § 3 ¶ 2 ° 25 ± 2 × 3 ÷ 4",
    "A non-breaking\xa0space and a soft\xadhyphen.",
    "Full-width ＬＯＵＤ and ideographic　space stay (width fixes are off).",
    "Kaomoji ¯\\_(ツ)_/¯ and (╯°□°）╯︵ ┻━┻ and ( ͡° ͜ʖ ͡°)",
    "Box drawing │ ┌─┐ └─┘ ═══ ░▒▓█",
    "Ökonomie, Ärger, Übung; Ça va? Él dijo: ¡Hola! ¿Qué tal?",
    "naïve café résumé coöperate façade Zürich São Paulo",
    "Line separator\u2028inside one line, and a tab\there.",
    "Tom & Jerry, AT&T, R&D, Q&A and a&b;c with no entity.",
]

DAMAGED = [
    "cafÃ©",  # UTF-8 read as Latin-1 / cp1252
    "Le gouvernement a annoncÃ© jeudi une rÃ©forme",
    "The Mona Lisa doesnâ€™t have eyebrows.",
    "â€œSmart quotesâ€\x9d mangled",
    "Ð\x9fÑ€Ð°Ð²Ð¸Ñ‚ÐµÐ»ÑŒÑ\x81Ñ‚Ð²Ð¾",  # Russian via cp1252
    "Ã¤Ã¶Ã¼ÃŸ",
    "ÐŸÑ€Ð¸Ð²ÐµÑ‚",
    "æ—¥æœ¬èªž",  # Japanese via cp1252
    "ðŸ˜€ emoji mojibake",
    "voilÃ  le travail",  # restore_byte_a0
    "Ã\xa0 la carte",
    "The price is 10â‚¬",
    "sÃ³lo",
    "C1 controls \x80 and \x9f and \x85",
    "Ligatures: ﬁsh and ﬂour, ﬀ ﬃ ﬄ, Ĳssel, ǅ",
    "Terminal \x1b[31mred\x1b[0m text",
    "Control \x00 \x01 \x07 \x0b \x1f \x7f chars and \ufeff BOM and \u206a",
    "Entities: &amp; &lt;tag&gt; &eacute; &#x2019; &#8220;hi&#8221; &hellip;",
    "P&EACUTE;REZ and BUNDESSTRA&SZLIG;E",
    "NFD e\u0301 and A\u030a and Hangul \u1100\u1161",
    "Lone surrogate \ud83d here",
    "Surrogate pair \ud83d\ude00 here",
    "Replacement \ufffd and \ufffd\ufffd in lossy mojibake",
    "Windows-1251 вЂ” mojibake",
    "Greek Î±Î²Î³ via cp1252",
    "MacRoman ‚Äú quote",
    "Ã\u0083Â©",  # doubly encoded
]

WRONG_CODECS = ("latin-1", "cp1252", "cp1251", "cp1253", "cp1257", "mac_roman", "cp437")


def _mojibake(text: str) -> list[str]:
    """`text` as it looks after UTF-8 bytes were decoded with common wrong codecs."""
    out = []
    for codec in WRONG_CODECS:
        out.append(text.encode("utf-8").decode(codec, errors="replace"))
    return out


def _ftfy(line: str) -> str:
    return ftfy.fix_text(line, config=ftfy_config())


def _corpus() -> list[str]:
    lines = [*CLEAN, *DAMAGED]
    for text in CLEAN:
        lines.extend(_mojibake(text))
    # damage inside otherwise clean lines
    for text in CLEAN[:8]:
        for bad in _mojibake("é — “x” ü"):
            lines.append(f"{text} {bad} end")
    return [line.replace("\n", " ") for line in lines]


@pytest.mark.parametrize("line", _corpus())
def test_repair_line_equals_plain_ftfy(line: str) -> None:
    assert repair_line(line, 1)[0] == _ftfy(line)


def test_screen_skips_clean_text_and_flags_damage() -> None:
    # The screen must be worth having: clean non-ASCII text skips ftfy...
    skipped = [line for line in CLEAN if not line.isascii() and not needs_ftfy(line)]
    assert len(skipped) >= 12
    assert not needs_ftfy("Правительство объявило о новых мерах поддержки.")
    assert not needs_ftfy("政府宣布了新的经济措施。")
    # ...and every damaged sample is flagged.
    assert all(needs_ftfy(line) for line in DAMAGED)


def test_fix_record_when_repaired() -> None:
    fixed, fix = repair_line("cafÃ©", 7)
    assert fixed == "café"
    assert fix is not None and fix.line == 7 and fix.before == "cafÃ©"
    assert repair_line("café", 1) == ("café", None)


# Characters ftfy's mojibake heuristic looks at, plus ordinary text around them.
_ALPHABET = (
    "".join(MOJIBAKE_CATEGORIES.values())
    + "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"
    + "\x80\x81\x8d\x8f\x90\x9d\xa0\xad"
    + "ΒΓΞΟαβγδεΆΈВГРСЂвЃҐабвгдежзиклмнопрстуфхцчшщъыьэюяā€"
    + "√±∂†≠®™´≤≥¥µø≈°¢‚Ä"
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789  .,;:!?'\"-&#"
    + "日本語中文한국어😀👍\u200d\u0301\u030a\ufb01\ufeff\x1b[m"
)


def _random_lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        length = rng.randint(1, 40)
        lines.append("".join(rng.choice(_ALPHABET) for _ in range(length)))
    return lines


def test_badness_screen_equals_is_bad_on_generated_strings() -> None:
    screen = _badness_screen()
    assert screen is not None
    lines = _random_lines(20000, seed=5)
    assert sum(map(is_bad, lines)) > 2000  # the generator really makes mojibake-like text
    mismatches = [line for line in lines if screen.is_bad(line) != is_bad(line)]
    assert mismatches == []


def test_skipped_lines_are_unchanged_by_ftfy_on_generated_strings() -> None:
    lines = _random_lines(5000, seed=11)
    skipped = [line for line in lines if not needs_ftfy(line)]
    assert len(skipped) > 200
    assert [line for line in skipped if _ftfy(line) != line] == []


def test_every_mojibake_regex_alternative_is_screened() -> None:
    """A mojibake pair from each category reaches is_bad through the screen."""
    screen = _badness_screen()
    assert screen is not None
    samples = ["Ã©", "â€™", "Ð¿", "ÎŸÎ", "Ø§Ù", "Â ", "×²", "œ.", "vÂ ", "Ã ", "ГўВЂВ\xa0a", "y Â "]
    for sample in samples:
        for text in (sample, f"x {sample} y", f"{sample}end"):
            assert screen.is_bad(text) == is_bad(text), text


@settings(max_examples=400)
@given(
    st.text(alphabet=_ALPHABET, max_size=12),
    st.from_regex(BADNESS_RE, fullmatch=True),
    st.text(alphabet=_ALPHABET, max_size=12),
)
def test_badness_screen_finds_every_kind_of_match(before: str, match: str, after: str) -> None:
    """Strings generated from ftfy's own regex, in context: the windowed search finds them."""
    screen = _badness_screen()
    assert screen is not None
    line = before + match + after
    assert screen.is_bad(line) == is_bad(line)


@given(st.text(alphabet=st.characters(exclude_characters="\n\r"), max_size=60))
def test_repair_line_equals_ftfy_on_arbitrary_text(line: str) -> None:
    assert repair_line(line, 1)[0] == _ftfy(line)


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_repair_line_equals_ftfy_on_mojibake_alphabet(line: str) -> None:
    assert repair_line(line, 1)[0] == _ftfy(line)


# ---------------------------------------------------------------- whole-text screen

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_BREAKS = ("\n", "\r\n", "\r")


def _page(lines: list[str], breaks: list[str], final: str = "\n") -> str:
    return "".join(line + brk for line, brk in zip(lines, breaks, strict=False)) + final


def _pages() -> list[str]:
    """Pages of clean and damaged lines, every kind of line break, NFC and not."""
    lines = _corpus()
    rng = random.Random(17)
    pages = [
        "\n".join(lines),
        "\r\n".join(lines) + "\r\n",
        "\r".join(lines),
        "\n".join(CLEAN) + "\n",
        "\n\n".join(CLEAN[:5]) + "\n\n\n",
        "",
        "\n",
        "&",
        "\u0301 a combining mark opens the page\nand e\n\u0301 one opens a line",
        "cafe\u0301 in NFD\nsecond line",
    ]
    for size in (3, 10, 40):
        for _ in range(10):
            chosen = [rng.choice(lines) for _ in range(size)]
            breaks = [rng.choice(_BREAKS) for _ in range(size)]
            pages.append(_page(chosen, breaks, final=rng.choice(["", "\n", "\r\n"])))
    pages += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*/input.txt"))]
    return pages


@pytest.mark.parametrize("text", _pages())
def test_repair_text_equals_repairing_every_line(text: str) -> None:
    assert repair_text(text) == repair_lines(split_lines(text))


_PAGE_ALPHABET = _ALPHABET + "\n\r\n\r\x0b\x0c\u2028\x85"


@given(st.text(alphabet=_PAGE_ALPHABET, max_size=300))
def test_repair_text_equals_repairing_every_line_on_generated_pages(text: str) -> None:
    assert repair_text(text) == repair_lines(split_lines(text))


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_corpus()),
            st.text(alphabet=st.characters(exclude_characters="\n\r"), max_size=40),
        ),
        max_size=12,
    ),
    st.lists(st.sampled_from(_BREAKS), min_size=12, max_size=12),
)
def test_repair_text_equals_repairing_every_line_on_mixed_lines(
    lines: list[str], breaks: list[str]
) -> None:
    text = _page(lines, breaks, final="")
    assert repair_text(text) == repair_lines(split_lines(text))


def test_an_nfc_page_has_only_nfc_lines() -> None:
    """What repair_text relies on, on characters that compose or reorder around a break."""
    import unicodedata

    marks = ["\u0301", "\u0327", "\u0308", "\u0345", "\u1161", "\u11a8", "\u3099", "\u05b0"]
    bases = ["e", "A", "\u1100", "\uac00", "\u304b", "\u05d0", "\u03b1", " ", ""]
    for mark in marks:
        for base in bases:
            for brk in _BREAKS:
                text = base + brk + mark + base + brk + base + mark
                if unicodedata.is_normalized("NFC", text):
                    assert all(unicodedata.is_normalized("NFC", x) for x in split_lines(text))
