"""The fast language detector gives exactly langdetect's answers.

`scrubber.langid` runs langdetect's algorithm on langdetect's profiles with
per-character and per-word work cached; these tests compare its probabilities
with `langdetect`'s own Detector on texts in many scripts and shapes.
"""

from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrubber import langid

SENTENCES = [
    "The committee published its annual report on Tuesday, and the findings were clear.",
    "Le comité a publié mardi son rapport annuel, et les conclusions étaient claires.",
    "Der Ausschuss veröffentlichte am Dienstag seinen Jahresbericht; die Ergebnisse sind klar.",
    "El comité publicó el martes su informe anual y las conclusiones fueron claras.",
    "Il comitato ha pubblicato martedì la sua relazione annuale, con risultati chiari.",
    "Komisja opublikowała we wtorek swój roczny raport, a wnioski były jasne.",
    "Комитет опубликовал во вторник свой ежегодный доклад, и выводы были ясны.",
    "Η επιτροπή δημοσίευσε την Τρίτη την ετήσια έκθεσή της και τα ευρήματα ήταν σαφή.",
    "委员会周二发布了年度报告，调查结果很清楚。",
    "委員会は火曜日に年次報告書を発表し、その結論は明確だった。",
    "위원회는 화요일에 연례 보고서를 발표했으며 결과는 분명했다.",
    "أصدرت اللجنة تقريرها السنوي يوم الثلاثاء وكانت النتائج واضحة.",
    "הוועדה פרסמה ביום שלישי את הדוח השנתי שלה והממצאים היו ברורים.",
    "समिति ने मंगलवार को अपनी वार्षिक रिपोर्ट प्रकाशित की और निष्कर्ष स्पष्ट थे।",
    "Ủy ban đã công bố báo cáo thường niên vào thứ Ba và kết luận rất rõ ràng.",
    "Uy ban đa công bô bao cao thương niên",  # Vietnamese with combining marks below
    "Comitetul și-a publicat raportul anual marți, iar concluziile au fost clare.",
    "Komitee avaldas teisipäeval oma aastaaruande ja järeldused olid selged.",
    "Valiokunta julkaisi tiistaina vuosikertomuksensa, ja havainnot olivat selvät.",
    "Kamati ilichapisha ripoti yake ya mwaka Jumanne na matokeo yalikuwa wazi.",
]

ODD = [
    "NASA and the FBI and the WHO said SO IN CAPITALS, then lower case again.",
    "Visit https://example.org/path?q=1&r=2 or mail someone@example.com today please.",
    "Русский текст with some English words mixed into a mostly Cyrillic sentence here.",
    "中文文本 mixed with Latin letters ABC and numbers 123 中文中文中文中文中文",
    "a  b   c    spaces\t\ttabs\nnewlines\u00a0nbsp\u2003em-space “quoted” — dashed…",
    "ÀÉÎÕÜ àéîõü ßøåæ ÇÑ łńśźż ăâîșț ĞİŞ ğış",
    "12345 67890 !!! ??? ... --- ___ ((( ))) [[[ ]]] {{{ }}}",
    "ｆｕｌｌ ｗｉｄｔｈ ｔｅｘｔ ｈｅｒｅ",
    "ひらがなとカタカナとㄅㄆㄇㄈ",
]


ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN .,!?"
    "ÀÉéèüößčšžąęłńабвгдежзийклмнопрстуфхцчшщαβγδεζ漢字かなカナ한국"
)


def _reference(text: str) -> list[tuple[str, float]] | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = langid._factory().create()
    detector.append(text)
    try:
        return [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
    except LangDetectException:
        return None


def _fast(text: str) -> list[tuple[str, float]] | None:
    fast = langid._detector()
    probabilities = fast.probabilities(text)
    if probabilities is None:
        return None
    ranked = [(lang, p) for lang, p in zip(fast.langs, probabilities, strict=True) if p > 0.1]
    return sorted(ranked, key=lambda pair: -pair[1])


def _texts() -> list[str]:
    texts = [*SENTENCES, *ODD]
    rng = random.Random(3)
    for _ in range(30):
        texts.append(" ".join(rng.sample(SENTENCES, 3)))
    texts.append(" ".join(SENTENCES) * 20)  # longer than langdetect's 10,000-character cut
    return texts


@pytest.mark.parametrize("text", _texts())
def test_probabilities_equal_langdetect(text: str) -> None:
    assert _fast(text) == _reference(text)


def test_word_cache_does_not_change_answers() -> None:
    text = SENTENCES[1] + " " + SENTENCES[2]
    first = _fast(text)
    langid._detector().words.clear()
    assert _fast(text) == first == _reference(text)


def test_detect_reports_iso_codes_and_und() -> None:
    assert langid.detect(SENTENCES[1] * 2).code == "fr"
    assert langid.detect(SENTENCES[8] * 8, min_chars=20).code == "zh"
    assert langid.detect("too short").code == "und"


@given(st.text(alphabet=ALPHABET, min_size=1, max_size=300))
def test_probabilities_equal_langdetect_on_generated_text(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert _fast(text) == _reference(text)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9, 100, 127, 128, 129, 4097])
def test_picker_draws_what_random_choice_draws(size: int) -> None:
    items = [f"g{i}" for i in range(size)]
    ours, theirs = random.Random(), random.Random()
    ours.seed(0)
    theirs.seed(0)
    pick = langid._picker(ours, items)
    for _ in range(300):
        assert ours.gauss(0.0, 1.0) == theirs.gauss(0.0, 1.0)  # interleaved, as in a trial
        assert [pick() for _ in range(5)] == [theirs.choice(items) for _ in range(5)]


_LETTERY = "ab Éé漢字 12 _-!?\n\t²½٣ⅷ\u0301\u200d😀"


@given(st.text(alphabet=_LETTERY, max_size=200), st.integers(min_value=0, max_value=120))
def test_has_letters_equals_counting_every_letter(text: str, count: int) -> None:
    assert langid._has_letters(text, count) == (len(langid._LETTER.findall(text)) >= count)


def test_has_letters_on_long_texts() -> None:
    for text in ("1" * 200_000, "a" * 200_000, "1 " * 100_000 + "a" * 79, "a1" * 100_000):
        expected = len(langid._LETTER.findall(text)) >= 80
        assert langid._has_letters(text, 80) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban đã công bố báo cáo thường niên vào thứ Ba và kết luận rất rõ ràng.",
        unicodedata.normalize("NFD", "Ủy ban đã công bố báo cáo thường niên vào thứ Ba"),
        "Uy ban đa công bô bao cao thương niên",
        "A\u0300 a\u0301 E\u0303 y\u0309 o\u0323 and marks alone \u0300\u0301",
    ],
)
def test_vietnamese_marks_are_normalised_as_langdetect_does(text: str) -> None:
    assert _fast(text) == _reference(text)


def test_profile_rows_equal_langdetects_map() -> None:
    """Rows built on demand hold exactly what DetectorFactory.load_profile computes."""
    factory = langid._factory()
    profiles = langid._Profiles(_profiles_directory())
    assert profiles.langs == factory.langlist
    assert profiles.known == set(factory.word_lang_prob_map)
    for gram, row in factory.word_lang_prob_map.items():
        assert profiles[gram] == row, gram
    with pytest.raises(KeyError):
        profiles["not an n-gram"]


def _profiles_directory() -> str:
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return str(PROFILES_DIRECTORY)
