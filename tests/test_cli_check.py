"""`scrubber check` on the command line: exit codes, stdout, settings, start-up, hooks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pages import fresh_process_prints
from typer.testing import CliRunner

from scrubber.check import check_file
from scrubber.cli import app
from scrubber.config import Config
from scrubber.pipeline import clean

NO_LANG = Config(detect_language=False)

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (
    "The harbour authority said on Thursday that the new ferry terminal would open in late "
    "autumn, two months behind schedule.\n\nResidents of the eastern district have complained "
    "for years about the noise of freight trains that pass through at night.\n"
)
CHROME = "Share\n" + CLEAN + "© 2024 Example Press. All rights reserved.\n"
DAMAGED = CLEAN.replace("the new", "the\x00 new").replace("schedule.", "schedule.  ")
NUL, END = DAMAGED.index("\x00") + 1, DAMAGED.index("schedule.") + len("schedule.") + 1
DAMAGE = [
    f"data/damaged.txt:1:{NUL}: SCR003 control characters U+0000",
    f"data/damaged.txt:1:{END}: SCR006 trailing whitespace",
]
runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "clean.txt").write_text(CLEAN)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "page.txt").write_text(CHROME)
    (tmp_path / "data" / "damaged.txt").write_text(DAMAGED)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def library_findings(*paths: str, config: Config = NO_LANG) -> list[str]:
    """What the library finds: the CLI must print exactly these lines."""
    return [f.concise() for p in paths for f in check_file(Path(p), config).findings]


def test_clean_file_exits_zero_with_empty_stdout(repo: Path) -> None:
    code, out, err = run("clean.txt")
    assert (code, out) == (0, "")
    assert err == "scrubber: 1 file checked, no findings\n"


def test_findings_on_stdout_summary_on_stderr(repo: Path) -> None:
    code, out, err = run(".")
    assert code == 1
    chrome = library_findings("data/page.txt")
    assert out.splitlines() == DAMAGE + chrome
    assert chrome[0].startswith("data/page.txt:1:1: SCR")  # "Share" is chrome
    assert (
        err == f"scrubber: 3 files checked, {len(chrome) + 2} findings (scrubber check --fix "
        "rewrites files as scrubber clean writes them)\n"
    )


def test_fix_rewrites_then_passes(repo: Path) -> None:
    expected = library_findings("data/damaged.txt", "data/page.txt")
    code, out, err = run("--fix", "-q", "data")
    assert (code, out.splitlines(), err) == (1, expected, "")
    assert (repo / "data" / "damaged.txt").read_text() == clean(DAMAGED, NO_LANG).text
    assert run("--fix", "data")[0] == 0
    assert run("data")[:2] == (0, "")


def test_fix_that_empties_a_file_says_so_as_clean_does(repo: Path) -> None:
    (repo / "data" / "chrome.txt").write_text("16,297FansLike\nShare Tweet Pin Email\n")
    code, _, err = run("--fix", "-q", "data/chrome.txt")
    assert code == 1 and (repo / "data" / "chrome.txt").read_bytes() == b""
    assert err.startswith("scrubber: warning: data/chrome.txt: nothing left after cleaning")


def test_fix_equals_clean_command_output(repo: Path) -> None:
    cleaned = runner.invoke(app, ["clean", "data/page.txt"]).stdout
    assert run("--fix", "data/page.txt")[0] == 1
    assert (repo / "data" / "page.txt").read_text() == cleaned


def test_diff_writes_nothing(repo: Path) -> None:
    code, out, _ = run("--diff", "data/damaged.txt")
    assert code == 1 and out.startswith("--- a/data/damaged.txt\t \n+++ b/data/damaged.txt\t \n")
    assert "\n+" + CLEAN.splitlines()[0] + "\n" in out
    assert (repo / "data" / "damaged.txt").read_text() == DAMAGED


def test_exit_zero_select_ignore_and_formats(repo: Path) -> None:
    assert run("--exit-zero", ".")[0] == 0
    assert run("--select", "SCR003", ".")[:2] == (1, DAMAGE[0] + "\n")
    assert run("--select", "SCR006", "--select", "SCR003", "data/damaged.txt")[0] == 1
    assert run("--ignore", "SCR006,scr003", "data/damaged.txt")[:2] == (0, "")
    code, out, _ = run("--output-format", "json", "data/damaged.txt")
    assert code == 1 and [row["code"] for row in json.loads(out)] == ["SCR003", "SCR006"]
    assert all(row["record"] is None and row["text_line"] is None for row in json.loads(out))
    assert run("--output-format", "json", "clean.txt")[:2] == (0, "[]\n")
    code, out, _ = run("--output-format", "github", "data/damaged.txt")
    assert out.startswith(
        f"::error title=scrubber (SCR003),file=data/damaged.txt,line=1,col={NUL}::"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "no paths given"),
        (("missing.txt",), "missing.txt: no such file or directory"),
        (("--select", "SCR999", "."), "unknown rule code 'SCR999'"),
        (("--fix", "--diff", "."), "cannot be combined"),
        (("--diff", "--output-format", "json", "."), "--diff prints a unified diff"),
        (("--output-format", "xml", "."), "xml"),
    ],
)
def test_usage_errors_exit_two(repo: Path, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == "" and message in err
    assert "Traceback" not in err


def test_unreadable_inputs_exit_one(repo: Path) -> None:
    (repo / "page.html").write_text("<html></html>")
    (repo / "binary.txt").write_bytes(bytes(range(32)) * 20)
    code, out, err = run("page.html", "binary.txt", "clean.txt")
    assert code == 1 and out == ""
    assert "page.html: check reads text, Markdown and JSONL files" in err
    assert "binary.txt: looks like a binary file" in err


# -- [tool.scrubber] ---------------------------------------------------------------------


def test_pyproject_settings_found_walking_up(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.scrubber]\nignore = ["SCR1", "SCR2"]\nexclude = ["skip/"]\n'
        '[tool.scrubber.per-file-ignores]\n"data/*.txt" = ["SCR006"]\n'
    )
    (repo / "skip").mkdir()
    (repo / "skip" / "x.txt").write_text(DAMAGED)
    (repo / "other.txt").write_text(DAMAGED)
    code, out, _ = run(".")
    assert code == 1 and out.splitlines() == [
        DAMAGE[0].replace("data/damaged.txt", "other.txt"),
        DAMAGE[1].replace("data/damaged.txt", "other.txt"),
        DAMAGE[0],
    ]
    assert run("skip/x.txt")[:2] == (0, "")  # excluded even when named
    # a nearer pyproject.toml without [tool.scrubber] is passed over
    (repo / "data" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert run("data/damaged.txt")[1] == DAMAGE[0] + "\n"
    # flags replace the configured lists; per-file ignores still apply
    assert run("--ignore", "SCR003", "data/damaged.txt")[:2] == (0, "")
    code, out, _ = run("--ignore", "SCR003", "data/page.txt")
    assert out.splitlines() == library_findings("data/page.txt") and code == 1
    # the nearest [tool.scrubber] wins outright (no merging with the one above)
    (repo / "data" / "pyproject.toml").write_text("[tool.scrubber]\nselect = ['SCR006']\n")
    assert run("data/damaged.txt")[1] == DAMAGE[1] + "\n"
    (repo / "data" / "pyproject.toml").unlink()
    # --fix writes what clean writes with the same settings: the ignored chrome stays;
    # repairs and layout are not rules clean can skip, so they are made all the same
    assert run("--fix", "data/page.txt", "data/damaged.txt")[0] == 1
    assert (repo / "data" / "page.txt").read_text() == CHROME
    assert (repo / "data" / "damaged.txt").read_text() == CLEAN


def test_fix_says_why_it_rewrote_a_file_whose_findings_are_all_ignored(repo: Path) -> None:
    # Under pre-commit the check hook passes and the fix hook changes the file: say why.
    (repo / "pyproject.toml").write_text(
        '[tool.scrubber.per-file-ignores]\n"notes/*.txt" = ["SCR006"]\n'
    )
    (repo / "notes").mkdir()
    (repo / "notes" / "n.txt").write_text(CLEAN + "\n\n")
    assert run("notes/n.txt")[:2] == (0, "")
    code, out, err = run("--fix", "-q", "notes/n.txt")
    assert (code, out) == (1, "") and (repo / "notes" / "n.txt").read_text() == CLEAN
    assert err.startswith("scrubber: note: notes/n.txt: rewritten as clean writes it, though")


def test_rule_option_from_pyproject(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.scrubber]\nstrip = false\n")
    (repo / "data" / "page.txt").write_text(CHROME + "\n\n")
    code, out, _ = run("data/page.txt")
    assert code == 1 and out == "data/page.txt:6:1: SCR006 2 blank line(s) at end of file\n"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[tool.scrubber]\ncolour = 1\n", "unknown key 'colour' in [tool.scrubber]"),
        ("[tool.scrubber]\nstrip = 1\n", "tool.scrubber.strip must be a bool"),
        ("[tool.scrubber]\nselect = 'SCR1'\n", "select must be a list of strings"),
        (
            "[tool.scrubber]\nexclude = 'raw/'\n",
            'exclude must be a list of strings (hint: e.g. ["raw/"',
        ),
        ("[tool.scrubber]\nignore = ['XYZ']\n", "unknown rule code 'XYZ'"),
        ("[tool.scrubber\n", "cannot read"),
    ],
)
def test_bad_pyproject_exits_two(repo: Path, toml: str, message: str) -> None:
    (repo / "pyproject.toml").write_text(toml)
    code, _, err = run("clean.txt")
    assert code == 2 and message in err and "pyproject.toml" in err


# -- processes ---------------------------------------------------------------------------


def test_parallel_processes_on_disjoint_files(tmp_path: Path) -> None:
    names = [f"p{i}.txt" for i in range(8)]
    for name in names:
        (tmp_path / name).write_text(CHROME)
    command = [sys.executable, "-m", "scrubber", "check", "--fix", "-q"]
    procs = [
        subprocess.Popen([*command, *names[half::2]], cwd=tmp_path, stdout=subprocess.PIPE)
        for half in (0, 1)
    ]
    assert [p.wait(timeout=60) for p in procs] == [1, 1]
    cleaned = clean(CHROME, NO_LANG).text
    assert all((tmp_path / n).read_text() == cleaned for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"]])
def test_startup_imports_no_heavy_library(args: list[str]) -> None:
    probe = (
        "import sys\n"
        f"sys.argv = ['scrubber', *{args!r}]\n"
        "from scrubber.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('trafilatura', 'lxml', 'langdetect', 'ftfy', 'justext')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    assert fresh_process_prints(probe) == "[]"


# -- the published hooks -----------------------------------------------------------------


def test_pre_commit_hooks_cover_text_and_jsonl() -> None:
    yaml = pytest.importorskip("yaml")
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"scrubber-check", "scrubber-fix"}
    assert hooks["scrubber-fix"]["entry"].endswith("--fix")
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types"] == ["text"]
        files = re.compile(hook["files"])
        for name in ["a.txt", "d/b.md", "c.jsonl", "x.markdown"]:
            assert files.search(name), name
        for name in ["a.html", "b.py", "c.jsonl.gz", "d.txt.bak"]:
            assert not files.search(name), name


@pytest.mark.skipif(
    os.environ.get("SCRUBBER_TRY_REPO") != "1",
    reason="builds three virtualenvs from PyPI (~2 min); set SCRUBBER_TRY_REPO=1",
)
def test_pre_commit_try_repo() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from precommit_try_repo import run as try_repo

    assert try_repo("HEAD") == []
