"""Properties of `clean` on generated pages: the contract holds whatever the page.

Pages are built from generated sentences (English, French, German, Spanish,
Russian, Chinese), chrome lines drawn from a list, blank and NBSP-only lines
and mojibake, joined with LF or CRLF. For each page:

- idempotence: cleaning the clean text changes nothing;
- output lines are input lines (after encoding repair, trailing spaces off);
- lossless accounting: every non-blank input line is kept (and in the output)
  or listed in the removals with a code, a rule name and a message;
- determinism: two runs give the same sidecar bytes;
- `Config(strip=False)` keeps every line that has visible text.

Hypothesis settings come from the profile in conftest.py (derandomised in CI).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scrubber import Config, Document, clean
from scrubber.lines import is_blank
from scrubber.report import render, sidecar

_VOCABULARY = {
    "en": "the council said that new bike lanes would open in spring after a long debate "
    "about parking traffic and safety for children on their way to school",
    "fr": "le conseil a dit que les nouvelles pistes cyclables ouvriront au printemps après "
    "un long débat sur le stationnement et la sécurité des enfants",
    "de": "der Rat sagte dass die neuen Radwege im Frühjahr nach einer langen Debatte über "
    "Parkplätze Verkehr und die Sicherheit der Kinder öffnen",
    "es": "el consejo dijo que los nuevos carriles bici abrirán en primavera tras un largo "
    "debate sobre el aparcamiento y la seguridad de los niños",
    "ru": "совет сообщил что новые велосипедные дорожки откроются весной после долгого "
    "спора о парковках движении и безопасности детей",
}
WORDS = {lang: text.split() for lang, text in _VOCABULARY.items()}
HANZI = "市议会周一晚上投票通过了一项修建自行车专用道的计划新车道将把北部郊区与老城区连接起来"

CHROME = [
    "Home",
    "Accueil",
    "Startseite",
    "Share",
    "Partager",
    "Facebook Twitter WhatsApp",
    "16,297FansLike",
    "1.2K Followers",
    "FOLLOW NCRI",
    "Suivez-nous",
    "Read more",
    "Lire aussi:",
    "Читайте также",
    "相关新闻",
    "Home | News | Sport | Weather",
    "AccueilActualitésCultureUn festival en plein air",
    "Tuesday, March 4, 2025",
    "vendredi, décembre 9, 2022",
    "10:17  Markets open higher",
    "We use cookies to improve your experience.",
    "Accept all",
    "Abonnez-vous à notre newsletter",
    "© 2025 Example Media Ltd. All rights reserved.",
    "Alle Rechte vorbehalten.",
    "Comments",
    "* * *",
    "* Home",
    "Advertisement",
    "The cafÃ© is open again",  # mojibake: repaired before any rule looks at it
]
BLANKS = ["", " ", "\t", "\u00a0", "\u00a0 \u00a0", "\u3000"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    lang = draw(st.sampled_from([*WORDS, "zh"]))
    if lang == "zh":
        chars = draw(st.lists(st.sampled_from(HANZI), min_size=12, max_size=40))
        return "".join(chars) + "。"
    words = draw(st.lists(st.sampled_from(WORDS[lang]), min_size=6, max_size=24))
    text = " ".join(words)
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", ".", "!", "?", ""]))


@st.composite
def pages(draw: st.DrawFn) -> str:
    blocks = draw(
        st.lists(
            st.one_of(
                sentences(),
                sentences().map(lambda s: s + "  "),  # trailing spaces
                st.sampled_from(CHROME),
                st.sampled_from(BLANKS),
            ),
            min_size=1,
            max_size=24,
        )
    )
    blocks.insert(draw(st.integers(0, len(blocks))), draw(sentences()))  # some article text
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(blocks) + draw(st.sampled_from([end, ""]))


def input_lines(doc: Document) -> dict[int, str]:
    """Line number -> text of every non-blank input line, after encoding repair."""
    return {n: line for n, line in enumerate(doc.lines, start=1) if not is_blank(line)}


@settings(max_examples=40)
@given(pages())
def test_cleaning_clean_text_changes_nothing(page: str) -> None:
    once = clean(page).text
    if once:  # an empty result cannot be cleaned again (empty input is an error)
        assert clean(once).text == once


@settings(max_examples=40)
@given(pages())
def test_every_output_line_is_an_input_line_after_repair(page: str) -> None:
    doc = clean(page)
    given_lines = {line.rstrip() for line in doc.lines}
    for line in doc.text.splitlines():
        assert line in given_lines, line


@settings(max_examples=40)
@given(pages())
def test_every_input_line_is_kept_or_removed_with_a_record(page: str) -> None:
    doc = clean(page)
    lines = input_lines(doc)
    decisions = {d.line: d for d in doc.decisions}
    assert len(decisions) == len(doc.decisions), "one decision per line"
    assert set(decisions) == set(lines), "a decision for every non-blank line, none for blanks"
    output = [line for line in doc.text.splitlines() if line]
    kept = [d.text.rstrip() for d in doc.decisions if d.keep]
    assert output == kept, "the output is exactly the kept lines, in order"
    for number, decision in decisions.items():
        assert decision.text == lines[number]
        if not decision.keep:
            assert decision in doc.removals
            assert decision.code.startswith("SCR") and decision.name and decision.message
    record = sidecar(doc, Config())
    listed = {r["line"]: r for r in record["removed"]}
    assert set(listed) == {d.line for d in doc.removals}
    assert all(r["code"] and r["rule"] and r["message"] for r in listed.values())


@settings(max_examples=25)
@given(pages())
def test_two_runs_give_identical_sidecar_bytes(page: str) -> None:
    config = Config()
    first = render(sidecar(clean(page.encode("utf-8"), config), config))
    second = render(sidecar(clean(page.encode("utf-8"), config), config))
    assert first == second


@settings(max_examples=40)
@given(pages())
def test_no_strip_keeps_every_line_with_visible_text(page: str) -> None:
    doc = clean(page, Config(strip=False))
    visible = [line.rstrip() for line in doc.lines if line.strip()]
    assert [line for line in doc.text.splitlines() if line] == visible
    for decision in doc.removals:  # only invisible-space lines may go, and they say so
        assert decision.code == "SCR001" and not decision.text.strip()
