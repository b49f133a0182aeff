"""How `clean`, `explain` and `check` take their inputs: shards without -o, unreadable
files, stdin with -o or a bad --meta, repeated paths, and the hints they print.

Every test asserts on stdout, stderr and the exit code: stdout carries data only,
an error is one `scrubber: error: <path>: <what> (hint: ...)` line on stderr.
"""

from __future__ import annotations

import gzip
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from pages import run_cli
from typer.testing import CliRunner, Result

from scrubber.cli import app
from scrubber.io import INPUT_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
PAGE = (FIXTURES / "en-news-blocks" / "input.txt").read_bytes()
ARTICLE = (
    "The harbour authority said on Thursday that the new ferry terminal would open in late "
    "autumn, two months behind schedule, after a long dispute over the contract."
)
RECORDS = [
    {"id": "a", "text": f"Home | News | Sport\n{ARTICLE}\nShare on Facebook", "url": "u1"},
    {"id": "b", "text": ARTICLE, "metadata": {"lang": "en"}},
]
ERROR = re.compile(r"^scrubber: error: [^:]+: .+ \(hint: .+\)$")


pytestmark = pytest.mark.usefixtures("restored_limits")
run = run_cli


def one_error(result: Result, code: int) -> str:
    """The single error line of a run that failed with `code` and printed nothing on stdout."""
    assert (result.exit_code, result.stdout) == (code, ""), result.output
    [line] = result.stderr.splitlines()
    assert ERROR.match(line), line
    return line


def shard_bytes(*lines: bytes) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def write_shard(path: Path, data: bytes) -> Path:
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


# ------------------------------------------------------------------ JSONL shards without -o


@pytest.mark.parametrize("name", ["shard.jsonl", "shard.jsonl.gz"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_clean_shard_without_o_streams_the_bytes_batch_mode_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, jobs: str
) -> None:
    monkeypatch.chdir(tmp_path)
    good = [json.dumps(r).encode() for r in RECORDS]
    write_shard(tmp_path / name, shard_bytes(good[0], b"not json", b"", good[1]))
    batch = run("clean", name, "-o", "out", "-j", "1", "--no-progress")
    assert batch.exit_code == 1
    streamed = run("clean", name, "-j", jobs)
    assert streamed.exit_code == 1
    assert streamed.stdout_bytes == (tmp_path / "out" / "shard.jsonl").read_bytes()
    # the same record error as in batch mode (whose last line is its summary), nothing else
    assert streamed.stderr.splitlines() == batch.stderr.splitlines()[:-1]
    [error] = streamed.stderr.splitlines()
    assert error.startswith(f"scrubber: error: {name}:2: invalid JSON")
    first, second = (json.loads(line) for line in streamed.stdout.splitlines())
    assert first["text"] == ARTICLE + "\n" and first["url"] == "u1"
    assert [r["code"] for r in first["metadata"]["scrubber"]["removed"]] == ["SCR120", "SCR104"]
    assert second["metadata"]["lang"] == "en" and second["metadata"]["scrubber"]["status"] == "ok"


def test_clean_shard_without_o_is_quiet_and_exits_0_when_every_record_cleans(
    tmp_path: Path,
) -> None:
    shard = write_shard(
        tmp_path / "s.jsonl", shard_bytes(*(json.dumps(r).encode() for r in RECORDS))
    )
    result = run("clean", shard, "-j", "1")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.jsonl"]  # nothing written


def test_a_missing_shard_without_o_is_one_error_line(tmp_path: Path) -> None:
    line = one_error(run("clean", tmp_path / "gone.jsonl"), 1)
    assert line.endswith("gone.jsonl: no such file (hint: check the path)")


def test_meta_with_a_shard_on_stdout_is_a_usage_error(tmp_path: Path) -> None:
    shard = write_shard(tmp_path / "s.jsonl", shard_bytes(json.dumps(RECORDS[1]).encode()))
    line = one_error(run("clean", shard, "--meta", tmp_path / "m.json"), 2)
    assert "metadata.scrubber" in line and "-o OUT" in line
    assert not (tmp_path / "m.json").exists()


@pytest.mark.parametrize("name", ["shard.jsonl", "shard.JSONL.gz"])
def test_explain_a_shard_is_a_usage_error_saying_how_to_explain_a_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_shard(tmp_path / name, shard_bytes(json.dumps(RECORDS[0]).encode()))
    for args in (["explain", name], ["explain", "--json", name]):
        line = one_error(run(*args), 2)
        assert line.startswith(f"scrubber: error: {name}: explain shows one page, not a JSONL")
        assert "| jq -r .text | scrubber explain -" in line


def test_stdin_is_text_even_when_it_holds_jsonl() -> None:
    """Nothing says stdin is a shard: it is cleaned as one text page (the README says so)."""
    data = shard_bytes(*(json.dumps(r).encode() for r in RECORDS))
    result = run("clean", "-", "--no-lang", stdin=data)
    assert result.exit_code == 0
    assert '"scrubber"' not in result.stdout  # no record got its sidecar


# ------------------------------------------------------------------ unreadable inputs


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A text file that cannot be read, even by root (access() says so, reads fail)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "locked.txt"
    path.write_bytes(PAGE)
    path.chmod(0)
    real_access, real_read = os.access, pathlib.Path.read_bytes

    def access(target: Any, mode: int, **kwargs: Any) -> bool:
        return not str(target).endswith("locked.txt") and real_access(target, mode, **kwargs)

    def read_bytes(self: pathlib.Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    return path


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["clean", "locked.txt"], "check permissions"),
        (["explain", "locked.txt"], "check permissions"),
        (["explain", "--json", "locked.txt"], "check permissions"),
    ],
)
def test_an_unreadable_file_is_exit_1_with_one_error_line(
    locked: Path, args: list[str], hint: str
) -> None:
    line = one_error(run(*args), 1)
    assert line == f"scrubber: error: locked.txt: Permission denied (hint: {hint})"


def test_check_of_an_unreadable_file_is_exit_1_with_the_error_line(locked: Path) -> None:
    result = run("check", "locked.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    error = "scrubber: error: locked.txt: Permission denied (hint: check permissions)"
    assert result.stderr.splitlines() == [
        error,
        "scrubber: 0 files checked, 1 file failed (see above), no findings",
    ]


def test_an_unreadable_file_in_a_batch_fails_alone(locked: Path, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes(PAGE)
    result = run("clean", "locked.txt", "ok.txt", "-o", "out", "-j", "1", "--no-progress")
    assert (result.exit_code, result.stdout) == (1, "")
    error, summary = result.stderr.splitlines()
    assert error == "scrubber: error: locked.txt: Permission denied (hint: check permissions)"
    assert summary.startswith("scrubber: 2 files") and summary.endswith("1 error")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok.meta.json", "ok.txt"]


def test_exclude_passes_over_matching_files_and_directories_in_a_walk(tmp_path: Path) -> None:
    """A data set's directory often holds more than pages: gold texts, a manifest, drafts."""
    data = tmp_path / "data"
    (data / "drafts").mkdir(parents=True)
    (data / "sub").mkdir()
    for name in ("a.txt", "a.gold.txt", "drafts/b.txt", "sub/c.txt", "sub/c.gold.txt"):
        (data / name).write_bytes(PAGE)
    (data / "manifest.jsonl").write_bytes(b'{"id": "a", "lang": "en"}\n')
    out = tmp_path / "out"
    globs = ["--exclude", "*.gold.txt", "--exclude", "manifest.jsonl", "--exclude", "drafts/"]
    result = run("clean", data, "-o", out, "-j", "1", "--no-progress", *globs)
    assert (result.exit_code, result.stdout) == (0, ""), result.output
    assert result.stderr.startswith("scrubber: 2 files")
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["a.meta.json", "a.txt", "sub/c.meta.json", "sub/c.txt"]
    named = run("clean", data / "a.gold.txt", "-o", out, "--no-progress", "--exclude", "*.gold.txt")
    assert named.exit_code == 0 and (out / "a.gold.txt").exists()  # a file named is cleaned


def test_exclude_without_an_output_directory_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(PAGE)
    result = run("clean", tmp_path / "a.txt", "--exclude", "*.gold.txt")
    assert one_error(result, 2).startswith("scrubber: error: --exclude: only directories")


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None, reason="root without setpriv"
)
def test_an_unreadable_file_for_real(tmp_path: Path) -> None:
    """The installed command on a chmod 000 file (as root: without the capabilities)."""
    (tmp_path / "f.txt").write_bytes(PAGE)
    (tmp_path / "f.txt").chmod(0)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    drop += ["--inh-caps=-dac_override,-dac_read_search"]
    prefix = drop if os.geteuid() == 0 else []
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "scrubber", "clean", "f.txt"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode().splitlines() == [
        "scrubber: error: f.txt: Permission denied (hint: check permissions)"
    ]


# ------------------------------------------------------------------ stdin with -o, --meta


@pytest.mark.parametrize("args", [["clean", "-", "-o", "OUT"], ["clean", "-o", "OUT"]])
def test_stdin_with_o_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_error(run(*args, stdin=PAGE), 2)
    assert "stdin is cleaned to stdout" in line and "--meta FILE" in line
    assert not (tmp_path / "OUT").exists()


@pytest.mark.parametrize("meta", ["h", "h/", "page.txt/m.json", "page.txt/sub/m.json"])
@pytest.mark.parametrize("given", ["-", "page.txt"])
def test_a_meta_that_cannot_be_a_file_is_refused_before_any_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: str, given: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h").mkdir()
    (tmp_path / "page.txt").write_bytes(PAGE)
    line = one_error(run("clean", given, "--meta", meta, stdin=PAGE), 2)
    assert "--meta" in line and "internal error" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h", "page.txt"]
    assert list((tmp_path / "h").iterdir()) == []


@pytest.mark.parametrize("meta", ["page.txt", "./page.txt", "link.txt"])
def test_a_meta_naming_the_input_is_refused_and_the_input_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meta: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.txt").write_bytes(PAGE)
    (tmp_path / "link.txt").symlink_to("page.txt")
    line = one_error(run("clean", "page.txt", "--meta", meta), 2)
    assert "--meta is the input file" in line
    assert (tmp_path / "page.txt").read_bytes() == PAGE


def test_a_missing_input_with_an_existing_meta_is_the_usual_input_error(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text("{}")
    error = one_error(run("clean", tmp_path / "missing.txt", "--meta", tmp_path / "m.json"), 1)
    assert error.startswith(f"scrubber: error: {tmp_path / 'missing.txt'}: no such file")


def test_a_sidecar_that_cannot_be_written_is_exit_1_and_no_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("scrubber.io.atomic_write", refuse)
    line = one_error(run("clean", "-", "--meta", tmp_path / "m.json", stdin=PAGE), 1)
    assert "cannot write the sidecar" in line and "Permission denied" in line


# ------------------------------------------------------------------ repeated inputs


def test_the_same_file_given_twice_is_cleaned_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(PAGE)
    (tmp_path / "in" / "b.txt").write_bytes(PAGE)
    given = ["in/a.txt", "in/b.txt", "in/a.txt", "./in//a.txt", str(tmp_path / "in/a.txt")]
    result = run("clean", *given, "-o", "out", "-j", "1", "--no-progress")
    assert (result.exit_code, result.stdout) == (0, "")
    [summary] = result.stderr.splitlines()
    assert summary.startswith("scrubber: 2 files,") and summary.endswith(" 0 errors")
    names = ["a.meta.json", "a.txt", "b.meta.json", "b.txt"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == names
    both = run("clean", "in", "in/a.txt", "-o", "out2", "-j", "1", "--no-progress")
    assert both.exit_code == 0 and both.stderr.startswith("scrubber: 2 files,")
    one = run("clean", "in/a.txt", "in/a.txt")  # one input, so to stdout
    assert (one.exit_code, one.stderr) == (0, "")
    assert one.stdout == (tmp_path / "out" / "a.txt").read_text("utf-8")


def test_a_symlink_under_another_name_is_another_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_bytes(PAGE)
    (tmp_path / "b.txt").symlink_to("a.txt")
    result = run("clean", "a.txt", "b.txt", "-o", "out", "-j", "1", "--no-progress")
    assert (result.exit_code, result.stdout) == (0, "")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["a.txt", "b.txt"]


# ------------------------------------------------------------------ hints and help


def test_clean_help_shows_the_defaults_of_jobs_and_progress() -> None:
    result = CliRunner().invoke(app, ["clean", "--help"], terminal_width=200)
    assert result.exit_code == 0
    help_text = re.sub(r"[\s│]+", " ", result.stdout)
    assert "Worker processes (default: all cores)." in help_text
    assert "Progress bar on stderr (default: when stderr is a terminal)." in help_text
    assert " ." not in help_text


def test_explain_a_directory_is_a_usage_error_with_a_hint_explain_can_follow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    line = one_error(run("explain", "d"), 2)
    assert line == (
        "scrubber: error: d: is a directory; explain shows one page"
        " (hint: name one file in it, or lint them all with 'scrubber check d')"
    )
    assert "-o" not in line


CHROME_ONLY = b"Share on Facebook\nHome | News | Sport\n"


def test_an_all_chrome_stdin_warns_with_a_command_that_can_be_run() -> None:
    result = run("clean", "-", stdin=CHROME_ONLY)
    assert (result.exit_code, result.stdout) == (0, "")
    [line] = result.stderr.splitlines()
    assert line.startswith("scrubber: warning: <stdin>: nothing left after cleaning")
    assert "scrubber explain - < FILE" in line and "explain <stdin>" not in line
    explained = run("explain", "-", stdin=CHROME_ONLY)  # what the hint says to run
    assert explained.exit_code == 0 and explained.stdout.count(" drop ") == 2


def test_an_all_chrome_file_warns_with_its_path_quoted_for_the_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my page.txt").write_bytes(CHROME_ONLY)
    result = run("clean", "my page.txt")
    assert (result.exit_code, result.stdout) == (0, "")
    [line] = result.stderr.splitlines()
    assert line.endswith("(hint: see why with: scrubber explain 'my page.txt')")


@pytest.mark.parametrize(
    "html", [b"<html><body></body></html>", b"<html><head><script>x()</script></head></html>"]
)
def test_an_html_page_without_text_says_so_without_claiming_a_fallback(
    tmp_path: Path, html: bytes
) -> None:
    (tmp_path / "e.html").write_bytes(html)
    for args in (["clean", tmp_path / "e.html"], ["clean", "-"]):
        line = one_error(run(*args, stdin=html), 1)
        assert "no text in this HTML page" in line
        assert "instead" not in line and "no text outside scripts, styles and markup" in line


# ------------------------------------------------------------------ one list of suffixes


def test_check_walks_every_suffix_the_pre_commit_hooks_pass_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    yaml = pytest.importorskip("yaml")
    from scrubber.check import CHECKED_SUFFIXES

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:  # `files: \.(txt|text|...)$` lists the same suffixes as check
        listed = re.fullmatch(r"\\\.\((.+)\)\$", hook["files"])
        assert listed, hook["files"]
        assert {f".{s}" for s in listed[1].split("|")} == set(CHECKED_SUFFIXES)
    assert set(CHECKED_SUFFIXES) <= set(INPUT_SUFFIXES)  # and a walk finds them all
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    for suffix in CHECKED_SUFFIXES:
        text = "Share on Facebook\n" + ARTICLE + "\n"
        data = json.dumps({"text": text}) + "\n" if suffix == ".jsonl" else text
        (tmp_path / "d" / f"page{suffix}").write_text(data)
    result = run("check", "d")
    assert result.exit_code == 1
    flagged = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert flagged == {f"d/page{suffix}" for suffix in CHECKED_SUFFIXES}
