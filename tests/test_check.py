"""`check` renders `clean`'s own decisions; `--fix` writes exactly what `clean` writes."""

from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from scrubber.batch import clean_record
from scrubber.check import (
    Checked,
    check_bytes,
    check_file,
    collect,
    render,
    unified_diff,
    write_fix,
)
from scrubber.config import Config
from scrubber.errors import InputError
from scrubber.pipeline import clean

ARTICLE = [
    "The harbour authority said on Thursday that the new ferry terminal would open in late "
    "autumn, two months behind schedule.",
    "Residents of the eastern district have complained for years about the noise of freight "
    "trains that pass through at night.",
    "Les élus municipaux ont adopté mardi soir un budget qui prévoit la rénovation de trois "
    "écoles primaires du quartier nord.",
    "Die Bibliothek bleibt wegen Bauarbeiten bis Ende des Monats geschlossen, teilte die "
    "Stadtverwaltung am Montag mit.",
    "El ayuntamiento anunció que el mercado central volverá a abrir sus puertas después de "
    "dos años de obras.",
]
CHROME = [
    "Share",
    "Facebook Twitter WhatsApp",
    "Read more",
    "Lire aussi :",
    "Home",
    "Sign in",
    "© 2024 Example Press. All rights reserved.",
    "2,314FansLike",
    "Subscribe to our newsletter",
    "We use cookies to improve your experience on our site.",
    "Tuesday, 4 March 2025",
    "Advertisement",
    "HomeNewsLocal",
]
DAMAGED = [
    ARTICLE[2].encode("utf-8").decode("latin-1"),  # mojibake
    ARTICLE[0].replace("the new", "the\x00 new\x07"),  # control characters
    ARTICLE[1].replace(" and ", " &amp; ").replace("noise", "noise &amp; dust"),  # entity
    "Les écoles rouvrent: une décision attendue depuis longtemps par les familles du quartier.",
]
MORE = (
    "A spokesman for the operator said that the delay was caused by a shortage of steel and "
    "that the budget for the project had not changed."
)
CLEAN_TEXT = "\n".join([ARTICLE[0], "", ARTICLE[1], MORE]) + "\n"
END0 = len(ARTICLE[0]) + 1
NO_LANG = Config(detect_language=False)


def check(text: str | bytes, name: str = "page.txt", config: Config = NO_LANG) -> Checked:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return check_bytes(raw, Path(name), config)


def codes(checked: Checked) -> list[str]:
    return [f.code for f in checked.findings]


def clean_bytes(raw: bytes, config: Config = NO_LANG, name: str = "page.txt") -> bytes:
    return clean(raw, config, path=name).text.encode("utf-8")


# -- the consistency contract ------------------------------------------------------------

line = st.one_of(
    st.sampled_from(ARTICLE),
    st.sampled_from(CHROME),
    st.sampled_from(DAMAGED),
    st.sampled_from(["", "", "  ", "\t", "\u00a0", "\u00a0\u200b", "\u3000"]),
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), max_size=40),
)
pages = st.builds(
    lambda lines, trailing, eol, final, encoding: encoding(
        eol.join(t + w for t, w in zip(lines, trailing, strict=False)) + final
    ),
    st.lists(line, min_size=1, max_size=14),
    st.lists(st.sampled_from(["", "", "", " ", "\t", "  \u00a0"]), min_size=14, max_size=14),
    st.sampled_from(["\n", "\n", "\r\n", "\r"]),
    st.sampled_from(["\n", "", "\n\n"]),
    st.sampled_from(
        [
            lambda s: s.encode("utf-8"),
            lambda s: s.encode("utf-8"),
            lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        ]
    ),
)


@given(pages)
def test_check_agrees_with_clean_on_any_page(raw: bytes) -> None:
    checked = check(raw)
    if checked.errors:  # input clean refuses too (e.g. binary-looking)
        with pytest.raises(InputError):
            clean(raw, NO_LANG, path="page.txt")
        return
    assert checked.after == clean_bytes(raw)  # --fix writes what clean writes
    assert (checked.findings == []) == (checked.after == raw)  # nothing found <=> no change
    again = check(checked.after)
    assert again.findings == [] and again.after == checked.after  # check(clean(x)) is empty


@pytest.mark.parametrize("case", sorted(p.parent.name for p in FIXTURES.glob("*/input.txt")))
def test_fixture_outputs_pass_check(case: str) -> None:
    raw = (FIXTURES / case / "input.txt").read_bytes()
    checked = check(raw)
    assert checked.findings and checked.after == clean_bytes(raw)
    assert check(checked.after).findings == []


def test_findings_are_the_removals_clean_records() -> None:
    page = "\n".join(["Share", "", ARTICLE[0], ARTICLE[1], "", "2,314FansLike"]) + "\n"
    doc = clean(page, NO_LANG)
    checked = check(page)
    assert [(f.line, f.code, f.message) for f in checked.findings] == [
        (d.line, d.code, d.message) for d in doc.removals
    ]
    assert {"SCR104", "SCR103"} <= set(codes(checked))


def test_clean_text_has_no_findings_and_no_change() -> None:
    checked = check(CLEAN_TEXT)
    assert checked.findings == [] and not checked.changed


def test_empty_file_is_clean() -> None:
    checked = check(b"")
    assert checked.findings == [] and checked.errors == [] and not checked.changed


# -- what each non-chrome finding says ---------------------------------------------------


def test_mojibake_is_reported_at_its_column() -> None:
    text = "Une journée au café avec des amis, puis une longue promenade au bord du lac.\n"
    broken = text.replace("café", "cafÃ©")
    (finding,) = check(broken).findings
    assert finding.code == "SCR002" and finding.name == "mojibake"
    assert (finding.line, finding.column) == (1, broken.index("Ã") + 1)
    assert "'Ã©' repaired to 'é'" in finding.message


def test_control_characters() -> None:
    broken = CLEAN_TEXT.replace("the new", "the\x00 new", 1)
    (finding,) = check(broken).findings
    assert finding.code == "SCR003" and "U+0000" in finding.message
    assert finding.column == broken.index("\x00") + 1


def test_html_entity_and_nfc() -> None:
    entity = CLEAN_TEXT.replace("the new", "the &amp; new", 1)
    assert codes(check(entity)) == ["SCR004"]
    assert "'&amp;' becomes '&'" in check(entity).findings[0].message
    decomposed = CLEAN_TEXT + "Une année décisive pour la région, selon le rapport publié hier.\n"
    decomposed = decomposed.replace("é", "e\u0301")
    assert set(codes(check(decomposed))) == {"SCR004"}


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        (CLEAN_TEXT.replace("schedule.", "schedule.  "), 1, END0, "trailing whitespace"),
        (CLEAN_TEXT.replace("\n\n", "\n   \n"), 2, 1, "whitespace on a blank line"),
        (CLEAN_TEXT.replace("\n\n", "\n\n\n\n"), 3, 1, "3 blank lines in a row; clean keeps one"),
        ("\n\n" + CLEAN_TEXT, 1, 1, "2 blank line(s) at start of file"),
        (CLEAN_TEXT + "\n", 5, 1, "1 blank line(s) at end of file"),
        (CLEAN_TEXT.rstrip("\n"), 4, len(MORE) + 1, "no newline at end of file"),
        (CLEAN_TEXT.replace("\n", "\r\n"), 1, END0, "4 CR LF or CR line breaks; clean uses LF"),
    ],
)
def test_layout_findings(text: str, line: int, column: int, message: str) -> None:
    checked = check(text)
    assert [(f.line, f.column, f.code, f.message) for f in checked.findings] == [
        (line, column, "SCR006", message)
    ]
    assert checked.after == CLEAN_TEXT.encode()


def test_encodings_other_than_plain_utf8() -> None:
    bom = check(codecs.BOM_UTF8 + CLEAN_TEXT.encode())
    assert codes(bom) == ["SCR005"] and "byte order mark" in bom.findings[0].message
    raw = "Le café était très animé ce soir-là, et l’on entendait rire.\n".encode("cp1252")
    cp1252 = check(raw)
    assert codes(cp1252) == ["SCR005"] and "not UTF-8: read as" in cp1252.findings[0].message
    assert cp1252.after == clean_bytes(raw) and check(cp1252.after).findings == []


def test_markup_in_a_text_file() -> None:
    body = "".join(f"<p>{s}</p>" for s in ARTICLE)
    checked = check(f"<!doctype html><html><body><article>{body}</article></body></html>")
    assert codes(checked) == ["SCR007"]
    assert checked.after.startswith(b"The harbour authority")


def test_removed_line_hides_its_repair() -> None:
    checked = check("Sh\x00are\n" + CLEAN_TEXT)
    assert codes(checked) == ["SCR104"]


# -- selection ---------------------------------------------------------------------------


def test_ignored_rule_is_not_reported_and_fix_follows_clean_with_that_config() -> None:
    page = "Share\n" + CLEAN_TEXT.replace("the new", "the &amp; new", 1)
    config = Config(detect_language=False, ignore=("SCR1", "SCR2", "SCR004"))
    checked = check(page, config=config)
    assert checked.findings == []
    assert checked.after == clean_bytes(page.encode(), config)
    assert checked.after.startswith(b"Share\n")  # chrome rules off: the line stays
    assert b"&amp;" not in checked.after  # repairs are not rules clean can skip
    assert codes(check(page, config=Config(select=("SCR004",)))) == ["SCR004"]


# -- JSONL -------------------------------------------------------------------------------


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def test_jsonl_findings_name_record_and_text_line() -> None:
    good = {"id": "ok", "text": CLEAN_TEXT, "url": "https://example.org/a"}
    bad = {"id": "doc-7", "text": CLEAN_TEXT + "Share\n", "meta": {"lang": "en"}}
    checked = check(jsonl(good, bad), "data.jsonl")
    (finding,) = checked.findings
    assert (finding.line, finding.column, finding.code) == (2, 1, "SCR104")
    assert finding.message.startswith('record "doc-7", text line 5: ')
    assert finding.text_line == 5 and finding.record == '"doc-7"'


def test_jsonl_fix_rewrites_only_changed_records_with_cleans_text() -> None:
    good = b'{"text": ' + json.dumps(CLEAN_TEXT).encode() + b', "id": 1}\r\n'
    bad = {"id": 2, "text": "Share\n" + CLEAN_TEXT.replace("the new", "the &amp; new"), "x": [1]}
    body = "".join(f"<p>{s}</p>" for s in ARTICLE)
    html = {"id": 3, "text": f"<html><body><article>{body}</article></body></html>"}
    raw = good + b"\n" + jsonl(bad) + b"not json\n" + jsonl(html)
    checked = check(raw, "data.jsonl")
    assert checked.errors and "data.jsonl:4: invalid JSON" in checked.errors[0]
    lines = checked.after.split(b"\n")
    assert lines[0] + b"\n" == good and lines[1] == b"" and lines[3] == b"not json"
    fixed = json.loads(lines[2])
    assert fixed == {**bad, "text": clean_record(bad, NO_LANG, "data.jsonl:3")["text"]}
    assert list(fixed) == ["id", "text", "x"]
    assert json.loads(lines[4])["text"] == clean_record(html, NO_LANG, "data.jsonl:5")["text"]
    assert [f.code for f in checked.findings if f.line == 5] == ["SCR007"]
    assert check(checked.after, "data.jsonl").findings == []


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b"[1, 2]", "not a JSON object"),
        (b'{"id": 1}', "record has no string 'text'"),
        (b'{"text": "caf\xe9"}', "invalid JSON (not UTF-8)"),
    ],
)
def test_jsonl_bad_records_are_errors(line: bytes, problem: str) -> None:
    checked = check(line + b"\n", "data.jsonl")
    assert checked.findings == [] and not checked.changed
    assert checked.errors == [checked.errors[0]] and problem in checked.errors[0]


# -- files -------------------------------------------------------------------------------


def test_write_fix_keeps_mode_and_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("Share\n" + CLEAN_TEXT)
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    checked = check_file(link, NO_LANG)
    assert write_fix(checked) is True
    assert link.is_symlink() and real.read_text() == CLEAN_TEXT
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]  # no temporary left
    assert write_fix(check_file(real, NO_LANG)) is False


def test_collect_walks_checkable_files_once(tmp_path: Path) -> None:
    for name in ["a.txt", "b.md", "c.jsonl", "d.html", "e.meta.json", "sub/f.txt", ".hid/g.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = list(collect([tmp_path, tmp_path / "a.txt", tmp_path / "d.html"]))
    names = [p.name if isinstance(p, Path) else "error" for p in found]
    assert names == ["a.txt", "b.md", "c.jsonl", "f.txt", "error"]


def test_diff_shows_what_fix_writes() -> None:
    diff = unified_diff(check("Share\n" + CLEAN_TEXT.rstrip("\n"), "p.txt"))
    assert diff.startswith("--- a/p.txt\t \n+++ b/p.txt\t \n")  # a tab ends each name
    assert "-Share\n" in diff and "\\ No newline at end of file\n" in diff
    assert unified_diff(check(CLEAN_TEXT)) == ""


# -- rendering ---------------------------------------------------------------------------


def test_renderers() -> None:
    (finding,) = check("Share\n" + CLEAN_TEXT, "dir,1/p:1.txt").findings
    assert render([finding], "concise") == "dir,1/p:1.txt:1:1: SCR104 share button 'Share'\n"
    assert render([finding], "github") == (
        "::error title=scrubber (SCR104),file=dir%2C1/p%3A1.txt,line=1,col=1::"
        "dir,1/p:1.txt:1:1: SCR104 share button 'Share'\n"
    )
    (row,) = json.loads(render([finding], "json", fixed=True))
    assert row == {
        "path": "dir,1/p:1.txt",
        "line": 1,
        "column": 1,
        "code": "SCR104",
        "rule": "share-widget",
        "message": "share button 'Share'",
        "fixed": True,
        "record": None,  # both set only for JSONL records, present in every row
        "text_line": None,
    }
    assert render([], "json") == "[]\n" and render([], "concise") == ""


def test_jsonl_fix_never_writes_a_line_that_is_not_json() -> None:
    # 1e400 reads as infinity, which json.dumps would write as the non-JSON `Infinity`.
    text = json.dumps("Share\n" + CLEAN_TEXT).encode()
    raw = b'{"id": 1, "big": 1e400, "text": ' + text + b"}\n"
    checked = check(raw, "data.jsonl")
    assert checked.after == raw  # left as it was
    [error] = checked.errors
    assert error.startswith("scrubber: error: data.jsonl:1: the record holds a number no JSON")
