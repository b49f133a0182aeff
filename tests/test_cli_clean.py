"""`scrubber clean`, `explain`, `rules` and `--version` as a user runs them (typer's CliRunner).

stdout carries data only, so every test asserts on stdout alone and checks
that diagnostics (if any) went to stderr. Already covered elsewhere and not
repeated here: batch resume/parallelism/summary (test_batch.py), empty and
binary single inputs, usage errors and hostile trees (test_hostile.py),
`check` (test_cli_check.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import FIXTURES, SEED, SEED_GOLD
from pages import run_cli
from typer.testing import Result

from scrubber import Config, __version__, build_info, clean, clean_path
from scrubber.report import render, schema, sidecar
from scrubber.rules.registry import all_rules

PAGE = (FIXTURES / "en-news-blocks" / "input.txt").read_bytes()
ERROR_LINE = re.compile(r"^scrubber: error: (?P<path>[^:]+): (?P<what>.+) \(hint: .+\)$")


pytestmark = pytest.mark.usefixtures("restored_limits")
run = run_cli


def ok(result: Result) -> str:
    """stdout of a run that succeeded quietly (nothing on stderr)."""
    assert result.exit_code == 0, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr == ""
    return result.stdout


def load_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


# ------------------------------------------------------------------ clean: stdin and one file


def test_clean_dash_prints_exactly_the_seed_gold() -> None:
    assert ok(run("clean", "-", stdin=SEED.read_bytes())) == SEED_GOLD.read_text("utf-8")


def test_clean_without_a_path_reads_piped_stdin() -> None:
    assert ok(run("clean", stdin=SEED.read_bytes())) == SEED_GOLD.read_text("utf-8")


def test_clean_file_prints_its_clean_text_and_writes_nothing(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE)
    out = ok(run("clean", page))
    assert out == clean(PAGE).text
    assert out.startswith("The city council voted") and "Read more" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_meta_writes_a_schema_valid_sidecar_for_the_text_on_stdout(tmp_path: Path) -> None:
    meta = tmp_path / "page.meta.json"
    out = ok(run("clean", "-", "--meta", meta, stdin=PAGE))
    data = load_json(meta)
    jsonschema.validate(data, schema())
    assert data["output"]["sha256"] == hashlib.sha256(out.encode()).hexdigest()
    assert data["source"]["path"] is None and data["language"]["code"] == "en"
    assert data["title"] == "Local council approves new bike lanes after two years of debate"
    removed = {r["line"]: r["code"] for r in data["removed"]}
    assert removed[37] == "SCR103" and removed[10] == "SCR102"
    assert meta.read_bytes() == render(sidecar(clean(PAGE), Config()))


def test_meta_with_a_file_argument_is_written_or_refused(tmp_path: Path) -> None:
    page, meta = tmp_path / "page.txt", tmp_path / "page.meta.json"
    page.write_bytes(PAGE)
    result = run("clean", page, "--meta", meta)
    if result.exit_code == 2:
        assert result.stdout == "" and ERROR_LINE.match(result.stderr.strip())
    else:
        assert result.exit_code == 0 and meta.is_file()


def test_no_strip_keeps_every_line_and_only_normalises(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(
        b"Share  \r\nFacebook Twitter\r\n\r\n\r\n\r\nThe ferry is back.\r\n\xc2\xa0\r\n"
    )
    assert ok(run("clean", page, "--no-strip")) == "Share\nFacebook Twitter\n\nThe ferry is back.\n"
    assert ok(run("clean", page)) == "The ferry is back.\n"


FOOTED = (
    "The harbour ferry returned to service on Saturday morning after three months of repairs "
    "at the shipyard, carrying more than two hundred passengers on its first crossing.\n\n"
    "Engineers replaced the ageing engine and rebuilt the passenger deck, which had been closed "
    "since a storm damaged its railings in November last year.\n\n"
    "© 2025 Riverside Gazette\n"
).encode()


def test_ignore_keeps_what_the_ignored_rule_would_drop() -> None:
    assert "© 2025 Riverside Gazette" not in ok(run("clean", "-", stdin=FOOTED))
    assert ok(run("clean", "-", "--ignore", "SCR110", stdin=FOOTED)) == FOOTED.decode()


def test_select_and_ignore_change_the_sidecars_config_hash(tmp_path: Path) -> None:
    # Resume compares this hash: output made with other rules is redone, not reused.
    hashes = set()
    for extra in ([], ["--ignore", "SCR110"], ["--select", "SCR1"]):
        meta = tmp_path / f"meta{len(hashes)}.json"
        ok(run("clean", "-", "--meta", meta, *extra, stdin=FOOTED))
        hashes.add(load_json(meta)["tool"]["config_hash"])
    assert len(hashes) == 3


def test_the_order_of_rule_codes_does_not_change_the_config_hash(tmp_path: Path) -> None:
    # Resume must not redo a batch because the same rules were listed in another order.
    hashes = set()
    for codes in ("SCR110,SCR104", "SCR104,SCR110", "SCR110,SCR104,SCR110"):
        meta = tmp_path / f"meta{codes}.json"
        ok(run("clean", "-", "--meta", meta, "--ignore", codes, stdin=FOOTED))
        hashes.add(load_json(meta)["tool"]["config_hash"])
    assert len(hashes) == 1


def test_explain_with_select_names_only_the_selected_rules(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(FOOTED)
    shown = ok(run("explain", page, "--select", "SCR110"))
    dropped = [line for line in shown.splitlines() if " drop " in line]
    assert dropped and all(" SCR110 " in line for line in dropped)


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_an_unknown_rule_code_is_one_usage_error_line(command: str, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(FOOTED)
    result = run(command, page, "--ignore", "SCR9X")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("scrubber: error: --ignore: unknown rule code 'SCR9X'")


def test_version_prints_name_version_and_build() -> None:
    assert ok(run("--version")) == f"scrubber {__version__} ({build_info.describe()})\n"


# ------------------------------------------------------------------ clean: many inputs into -o


def test_clean_dir_o_out_mirrors_the_tree_with_text_and_sidecars(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "news" / "2025").mkdir(parents=True)
    (src / "a.txt").write_bytes(PAGE)
    (src / "news" / "b.md").write_bytes(SEED.read_bytes())
    (src / "news" / "2025" / "c.text").write_text("The ferry is back after the winter.\n")
    (src / "news" / "notes.csv").write_text("not,an,input\n")  # not a page: left alone
    result = run("clean", src, "-o", out, "-j", "1", "--no-progress")
    assert result.exit_code == 0 and result.stdout == ""  # the summary goes to stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "a.meta.json",
        "a.txt",
        "news/2025/c.meta.json",
        "news/2025/c.txt",
        "news/b.meta.json",
        "news/b.txt",
    ]
    assert (out / "news" / "b.txt").read_text("utf-8") == SEED_GOLD.read_text("utf-8")
    for given, rel in (
        ("a.txt", "a"),
        ("news/b.md", "news/b"),
        ("news/2025/c.text", "news/2025/c"),
    ):
        data = load_json(out / f"{rel}.meta.json")
        jsonschema.validate(data, schema())
        assert data["source"]["path"] == str(src / given)
        assert data["output"]["path"] == str(out / f"{rel}.txt")
        text = (out / f"{rel}.txt").read_text("utf-8")
        assert text == clean_path(src / given).text
        assert data["output"]["chars"] == len(text)


def test_files_given_with_o_are_written_under_their_names(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "one.txt").write_bytes(PAGE)
    (tmp_path / "two.md").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    result = run("clean", tmp_path / "x" / "one.txt", tmp_path / "two.md", "-o", out, "-j", "1")
    assert result.exit_code == 0 and result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "one.meta.json",
        "one.txt",
        "two.meta.json",
        "two.txt",
    ]
    assert (out / "two.txt").read_text("utf-8") == SEED_GOLD.read_text("utf-8")


def test_bad_inputs_in_a_batch_fail_alone_with_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(PAGE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    inputs = [tmp_path / n for n in ("missing.txt", "empty.txt", "good.txt", "binary.txt")]
    out = tmp_path / "out"
    result = run("clean", *inputs, "-o", out, "-j", "1", "--no-progress")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = {}
    for line in result.stderr.splitlines()[:-1]:  # the last line is the summary
        match = ERROR_LINE.match(line)
        assert match, line
        errors[Path(match["path"]).name] = match["what"]
    assert set(errors) == {"missing.txt", "empty.txt", "binary.txt"}
    assert "no such file" in errors["missing.txt"] and "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert (out / "good.txt").read_text("utf-8") == clean(PAGE).text
    assert sorted(p.name for p in out.iterdir()) == ["good.meta.json", "good.txt"]


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (
            ["clean", "missing.txt"],
            1,
            "scrubber: error: missing.txt: no such file (hint: check the path)",
        ),
        (
            ["clean", "d"],
            2,
            "scrubber: error: d: a directory needs an output directory (hint: add -o OUT)",
        ),
        (
            ["explain", "missing.txt"],
            1,
            "scrubber: error: missing.txt: no such file (hint: check the path)",
        ),
    ],
)
def test_a_missing_path_or_a_directory_without_o_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, line: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    result = run(*args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.splitlines() == [line]


# ------------------------------------------------------------------ rules


def test_rules_lists_every_rule_one_line_each() -> None:
    lines = ok(run("rules")).splitlines()
    rules = all_rules()
    assert len(lines) == len(rules)
    for line, rule in zip(lines, rules, strict=True):
        assert line.split()[:2] == [rule.code, rule.name]
        assert line.endswith(rule.summary)
    assert any(line.startswith("SCR103  follower-counter ") for line in lines)


def test_every_rule_has_a_summary_and_documentation() -> None:
    # Compiled rule functions carry no __doc__: their docs come from the source.
    for rule in all_rules():
        assert len(rule.summary.split()) >= 3, rule.code
        assert rule.doc.startswith(rule.summary), rule.code


@pytest.mark.parametrize("name", ["SCR103", "scr103", "follower-counter"])
def test_rules_code_shows_that_rules_full_documentation(name: str) -> None:
    out = ok(run("rules", name))
    assert out.startswith("SCR103 follower-counter (line rule)\n\n")
    assert '"16,297FansLike"' in out and '"1.2K Followers"' in out


def test_rules_with_an_unknown_code_is_a_usage_error() -> None:
    result = run("rules", "SCR999")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "scrubber: error: no rule 'SCR999' (hint: run 'scrubber rules' for the list)"
    ]


# ------------------------------------------------------------------ explain

ROW = re.compile(r"^ *(?P<line>\d+) (?:(?P<verdict>keep|drop) ?)?(?P<rest>.*)$")


def test_explain_shows_every_line_with_keep_or_drop_and_the_deciding_rule(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(PAGE)
    rows = ok(run("explain", page)).splitlines()
    doc = clean_path(page)
    assert len(rows) == len(doc.lines)
    verdicts = {d.line: d for d in doc.decisions}
    for number, row in enumerate(rows, start=1):
        match = ROW.match(row)
        assert match and int(match["line"]) == number, row
        decision = verdicts.get(number)
        if decision is None:  # a blank line: no verdict
            assert match["verdict"] is None and not match["rest"].strip()
        elif decision.keep:
            assert (match["verdict"], match["rest"]) == ("keep", decision.text)
        else:
            expected = f"{decision.code} {decision.name}: {decision.message} | {decision.text}"
            assert (match["verdict"], match["rest"]) == ("drop", expected)
    assert rows[9].startswith("   10 drop SCR102 glued-breadcrumb: ")
    assert (
        rows[36]
        == "   37 drop SCR103 follower-counter: follower counter '3,871FansLike' | 3,871FansLike"
    )
    assert rows[18].startswith("   19 keep The city council voted")


def test_explain_of_html_says_on_stderr_which_text_its_lines_number(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: the harbour authority said on Thursday that the new ferry terminal "
        "would open in late autumn, two months behind schedule, after a long dispute.</p>"
        for n in range(6)
    )
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><nav>Home</nav><article>{paragraphs}</article></body></html>")
    result = run("explain", page)
    assert result.exit_code == 0 and "keep Paragraph 0: the harbour authority" in result.stdout
    assert result.stderr == (
        f"scrubber: note: {page} is HTML; the lines below are the article text trafilatura "
        "extracted (precision mode)\n"
    )


def test_explain_json_records_the_same_decisions_as_the_clean_sidecar(tmp_path: Path) -> None:
    meta = tmp_path / "m.json"
    ok(run("clean", "-", "--meta", meta, stdin=PAGE))
    explained = json.loads(ok(run("explain", "--json", "-", stdin=PAGE)))
    jsonschema.validate(explained, schema())
    written = load_json(meta)
    for key in ("output", "status", "title", "fixes", "removed", "stats"):
        assert explained[key] == written[key], key


def test_explain_json_is_byte_for_byte_the_sidecar_clean_writes(tmp_path: Path) -> None:
    meta = tmp_path / "m.json"
    ok(run("clean", "-", "--meta", meta, stdin=PAGE))
    assert ok(run("explain", "--json", "-", stdin=PAGE)) == meta.read_text("utf-8")


def test_rules_with_a_prefix_shows_every_rule_it_selects() -> None:
    out = ok(run("rules", "scr1"))
    headers = [line for line in out.splitlines() if line.endswith(" rule)")]
    expected = [r for r in all_rules() if r.code.startswith("SCR1")]
    assert len(expected) > 1
    assert headers == [f"{r.code} {r.name} ({r.scope} rule)" for r in expected]
    assert out == "\n".join(ok(run("rules", r.code)) for r in expected)


def test_rules_outside_main_text_says_what_its_weight_means() -> None:
    out = " ".join(ok(run("rules", "SCR204")).split())
    assert "The weight in the message is" in out and "a positive line is still dropped" in out


# ------------------------------------------------------------------ argument errors

USAGE_LINE = re.compile(r"^scrubber: error: (?P<what>.+) \(hint: (?P<hint>[^()]+)\)$")


@pytest.mark.parametrize(
    ("args", "what", "hint"),
    [
        (
            ["clean", "--jobs", "abc", "page.txt"],
            "invalid value for '-j' / '--jobs': ",
            "see 'scrubber clean --help'",
        ),
        (
            ["clean", "--bogus", "page.txt"],
            "no such option: --bogus",
            "see 'scrubber clean --help'",
        ),
        (["clean", "page.txt", "-o"], "option '-o' requires an argument", "scrubber clean --help"),
        (["explain"], "missing argument 'PATH'", "see 'scrubber explain --help'"),
        (
            ["check", "--output-format", "xml", "page.txt"],
            "invalid value for '--output-format': 'xml' is not one of",
            "see 'scrubber check --help'",
        ),
        (["bogus"], "no such command 'bogus'", "see 'scrubber --help'"),
        (["--bogus"], "no such option: --bogus", "see 'scrubber --help'"),
        (["rules", "a", "b"], "got unexpected extra argument(s) (b)", "'scrubber rules --help'"),
    ],
)
def test_argument_errors_are_one_line_and_exit_2(args: list[str], what: str, hint: str) -> None:
    result = run(*args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.stderr.splitlines()
    match = USAGE_LINE.match(line)
    assert match, line
    assert match["what"].startswith(what) and hint in match["hint"], line
    assert "╭" not in line and "Usage:" not in result.stderr


def test_a_misspelt_option_is_suggested() -> None:
    [line] = run("clean", "--no-lnag", "-").stderr.splitlines()
    assert line == (
        "scrubber: error: no such option: --no-lnag"
        " (hint: did you mean --no-lang? see 'scrubber clean --help')"
    )


def test_argument_errors_are_one_line_from_the_console_script(tmp_path: Path) -> None:
    """Where stderr is a file, not a terminal: the same one line (no rich box)."""
    done = subprocess.run(
        [sys.executable, "-m", "scrubber", "clean", "--jobs", "abc", "page.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        "scrubber: error: invalid value for '-j' / '--jobs': Input should be a valid integer,"
        " unable to parse string as an integer (hint: see 'scrubber clean --help')"
    ]


def test_help_and_no_arguments_still_print_help() -> None:
    assert ok(run("clean", "--help")).count("--jobs") == 1
    assert "Usage" in run().output


# ------------------------------------------------------------------ a closed stdout


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_a_closed_stdout_ends_quietly_with_141(tmp_path: Path, command: str) -> None:
    """`scrubber explain page.txt | head -1`: exit 141 (as a tool stopped by SIGPIPE), no words."""
    sentence = "The council met on Monday to discuss the new bridge over the river near the school."
    page = tmp_path / "long.txt"
    page.write_text("\n\n".join(f"{sentence} Paragraph {i}." for i in range(20000)) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrubber", command, "--no-strip", str(page)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # the reader goes away, like `| head -c 100`
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert err == b""
