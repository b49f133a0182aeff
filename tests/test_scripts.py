"""Writing systems beyond Latin: vowel signs, scripts without spaces, other full stops."""

from __future__ import annotations

import unicodedata

import pytest

from scrubber import clean, langid, scripts, stopwords
from scrubber.lexicon import normalize_key, word_tokens
from scrubber.page import LineText, build_page
from scrubber.rules import weights

# An invented Hindi news paragraph: its words carry vowel signs (category Mc/Mn).
HINDI = [
    "शहर के पुराने बाज़ार में सोमवार को एक नया सार्वजनिक पुस्तकालय खोला गया। नगर निगम के "
    "अनुसार इसमें बीस हज़ार से अधिक किताबें रखी गई हैं और सदस्यता पूरी तरह मुफ़्त है।",
    "पुस्तकालय की दूसरी मंज़िल पर बच्चों के लिए एक अलग कक्ष बनाया गया है, जहाँ हर शनिवार को "
    "कहानी सुनाने का कार्यक्रम होगा।",
    "परियोजना का काम अगले महीने शुरू होगा और इसे दो साल में पूरा करने का लक्ष्य रखा गया है।",
]
THAI = (
    "ตลาดนัดกลางคืนริมแม่น้ำในตัวเมืองกลับมาเปิดให้บริการอีกครั้งเมื่อคืนวันศุกร์ที่ผ่านมา "
    "หลังจากปิดปรับปรุงพื้นที่และระบบไฟฟ้าเป็นเวลาสามเดือน"
)


def _marks_in_unicodedata() -> set[int]:
    return {c for c in range(0x110000) if unicodedata.category(chr(c))[0] == "M"}


def test_the_combining_mark_table_is_unicodedatas() -> None:
    table = {c for first, last in scripts.mark_ranges() for c in range(first, last + 1)}
    current = _marks_in_unicodedata()
    if unicodedata.unidata_version == "14.0.0":  # the table's version (Python 3.11)
        assert table == current
    else:  # a newer Unicode only adds marks
        assert table <= current


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("पानी की किल्लत है", ["पानी", "की", "किल्लत", "है"]),
        ("தமிழ் மொழி", ["தமிழ்", "மொழி"]),
        # Arabic short-vowel marks are optional: dropped, and the word stays whole.
        ("مَرْحَبًا بِكُمْ", ["مرحبا", "بكم"]),
        ("ภาษาไทย ง่ายมาก", ["ภาษาไทย", "ง่ายมาก"]),
        ("من می\u200cخواهم", ["من", "می\u200cخواهم"]),
        ("Der Ab\u00adsatz", ["der", "absatz"]),
        ("l'été d’Orsay, 3,5 ça", ["l'été", "d’orsay", "3,5", "ça"]),
    ],
)
def test_vowel_signs_and_points_stay_inside_their_words(text: str, expected: list[str]) -> None:
    assert word_tokens(text) == expected


def test_a_closing_vowel_sign_stays_in_the_matching_key() -> None:
    assert normalize_key("पानी है।") == "पानी है"


@pytest.mark.parametrize("end", ["।", "॥", "۔", "؟", "։", "።", "။", "។"])
def test_other_scripts_full_stops_end_a_sentence(end: str) -> None:
    assert LineText.of(f"some words of a sentence{end}").terminal
    assert not LineText.of(f"{end} a heading without one").terminal


def test_thai_letters_are_counted_as_words() -> None:
    # Two space-separated clauses of about 25 Thai words: not a two-word menu item.
    line = LineText.of(THAI)
    assert len(line.tokens) == 2
    assert 20 <= line.words <= 40


def test_a_long_thai_line_ends_like_a_sentence_and_a_headline_does_not() -> None:
    # Thai marks no sentence end; a paragraph's length stands in for the full stop.
    assert LineText.of(THAI).terminal
    assert not LineText.of("ตลาดนัดกลางคืนริมแม่น้ำกลับมาเปิดอีกครั้ง").terminal


def test_hindi_is_told_from_nepali_and_marathi_by_its_stop_words() -> None:
    # Their stop lists share words, and the Nepali and Marathi ones are 4-6 times longer.
    tokens = [token for paragraph in HINDI for token in word_tokens(paragraph)]
    assert stopwords.guess_language(tokens) == "hi"


def test_a_hindi_article_is_kept_and_its_stop_words_are_seen() -> None:
    page = "\n\n".join(["होम", *HINDI, "हमारे बारे में"]) + "\n"
    doc = clean(page)
    kept = [d.text for d in doc.decisions if d.keep]
    assert kept == HINDI
    # 'का काम' once matched a cookie phrase's fragments; now no rule touches the article.
    assert doc.language is not None and doc.language.code == "hi"


def test_a_korean_modified_date_is_a_date_line_not_the_title() -> None:
    headline = "서울시, 한강 수상버스 내년 봄 운항 시작"
    lines = [headline, "입력 2025.03.05 11:20", "수정 2025.03.05 14:03"]
    body = [
        "서울시가 한강을 오가는 수상버스를 내년 봄부터 정식 운항한다고 5일 밝혔다. 마곡에서 "
        "잠실까지 모두 일곱 개 선착장을 연결한다.",
        "시는 하이브리드 선박 여덟 척을 도입해 출퇴근 시간대에는 15분 간격으로 배를 띄울 "
        "계획이다. 요금은 지하철 기본요금과 같은 수준이다.",
    ]
    doc = clean("\n".join(lines + body) + "\n")
    assert [d.code for d in doc.decisions[1:3]] == ["SCR101", "SCR101"]
    assert doc.title == headline


@pytest.mark.parametrize(
    "after",
    ["[1]", "[12]", "[a]", "¹", " 🎉", "\u200b", "\u200e", "\u200f", "\u2060", "”[3]", " ❤️"],
)
def test_what_follows_a_full_stop_does_not_hide_it(after: str) -> None:
    # Footnote markers, emoji and invisible marks after the mark: still a sentence.
    assert LineText.of(f"The tower was built from local granite.{after}").terminal


@pytest.mark.parametrize(
    "text", ["Harwick Lighthouse [1]", "Recipes 🎉", "See the list]", "Contents\u200b"]
)
def test_a_heading_with_a_marker_does_not_end_like_a_sentence(text: str) -> None:
    assert not LineText.of(text).terminal


def test_an_emoji_closing_a_long_line_stands_for_its_full_stop() -> None:
    assert LineText.of("I finally baked my first sourdough loaf after ten days 🎉").terminal
    assert not LineText.of("Sourdough at last 🎉").terminal


def test_georgian_letters_do_not_read_as_a_lower_case_continuation() -> None:
    # Unicode calls Mkhedruli lower case; a line opening with it starts afresh.
    assert scripts.reads_lower("continues") and not scripts.reads_lower("iPhone")
    assert not scripts.reads_lower("ქალაქის")
    # A headline and the paragraph after it stay two units (they were one, and the
    # whole page's chrome ran on into its paragraphs the same way).
    lines = [
        "თბილისში ახალი პარკი გაიხსნა",
        "ქალაქის ცენტრში, ძველი ქარხნის ტერიტორიაზე, ახალი პარკი გაიხსნა.",
    ]
    assert len(weights.units(build_page(list(enumerate(lines, 1))))) == 2


ARMENIAN = (
    "Քաղաքի կենտրոնում բացվել է նոր հանրային գրադարան, որտեղ կան ավելի քան քսան հազար գրքեր "
    "և երեխաների համար առանձին սրահ։"
)
GEORGIAN = (
    "ქალაქის ცენტრში, ძველი ქარხნის ტერიტორიაზე, ახალი საზოგადოებრივი პარკი გაიხსნა და იქ "
    "ათასზე მეტი ხე დაირგო."
)


@pytest.mark.parametrize(("text", "code"), [(ARMENIAN, "hy"), (GEORGIAN, "ka")])
def test_a_script_langdetect_cannot_read_gives_its_language(text: str, code: str) -> None:
    # langdetect has no profile for them and named Estonian at probability 1.0.
    language = langid.detect(text)
    assert (language.code, language.detector) == (code, langid.SCRIPT_DETECTOR)
    assert language.probability > 0.9


def test_a_few_words_in_such_a_script_leave_the_language_to_langdetect() -> None:
    text = (
        "The old ferry line across the bay will reopen in April, the council said on "
        "Tuesday, and the Georgian word for park is პარკი."
    )
    language = langid.detect(text)
    assert (language.code, language.detector) == ("en", "langdetect")


TRADITIONAL_CHINESE = (
    "台東縣政府今天宣布，知本溫泉區的步道將於下個月重新開放。縣府觀光處表示，整修期間共鋪設新的"
    "木棧道，並在沿途設置解說牌，介紹當地原住民部落的歷史與傳統文化。記者林志明／花蓮報導。花蓮縣"
    "壽豐鄉的老街近來吸引不少遊客，當地居民合力整理閒置的日式宿舍，開設咖啡館與手作工坊。鄉長表示，"
    "希望藉此帶動年輕人返鄉創業。"
)


def test_chinese_characters_without_hangul_or_kana_are_chinese() -> None:
    # langdetect's Korean profile holds Chinese characters: it named Korean for this text.
    language = langid.detect(TRADITIONAL_CHINESE)
    assert (language.code, language.detector) == ("zh", langid.SCRIPT_DETECTOR)
    assert language.probability > 0.9


def test_korean_and_japanese_with_their_own_script_stay_with_langdetect() -> None:
    korean = "시청은 어제 옛 항구 지역의 공공 도서관이 내년 봄에 다시 문을 연다고 발표했다. " * 3
    japanese = (
        "市は昨日、旧港地区の公共図書館が来年の春に再開すると発表した。改修には二年かかった。" * 3
    )
    assert (langid.detect(korean).code, langid.detect(korean).detector) == ("ko", "langdetect")
    assert (langid.detect(japanese).code, langid.detect(japanese).detector) == ("ja", "langdetect")
