"""The README's Guarantees, one test each: bounded time, determinism, kill-safety, isolation.

Runs that could hang run in a subprocess with a generous timeout: a hang (a
super-linear regex, a blocking read) fails the test, slowness does not.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hostile import ARTICLE, write_hostile
from pages import page, tree, write_corpus
from typer.testing import CliRunner

from scrubber import batch as batch_module
from scrubber import limits
from scrubber.cli import app
from scrubber.errors import InputError

HANG = 120  # seconds: far above what any of these runs needs


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )


@pytest.fixture(autouse=True)
def _restore_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sets these for its workers; give them back after each test."""
    monkeypatch.setenv(limits.TIMEOUT_ENV, "")
    monkeypatch.setenv(limits.DEBUG_ENV, "")


# ------------------------------------------------------------------ bounded time

PATHOLOGICAL = """
N = 100_000
LINES = {
    "one letter": "a" * N, "spaces": "x" + " " * N + "y", "tabs": "\\t" * N,
    "digits": "7" * N, "digits and separators": "1,234.56 / 7-8:9 " * (N // 17),
    "dates": "1/" * (N // 2), "camel case": "wordWord" * (N // 8),
    "accented camel": "éàÉcole" * (N // 7), "less-than": "<" * N, "ampersands": "&" * N,
    "entities": "&amp;" * (N // 5), "at signs": "@" * N, "addresses": "a@b." * (N // 4),
    "dots": "." * N, "menu": "a | " * (N // 4), "bullets": "• " * (N // 2),
    "nbsp": "a\\u00a0" * (N // 2), "quotes": "a'" * (N // 2), "cjk": "中文" * (N // 2),
    "urls": "http://" * (N // 7), "colons": "a: " * (N // 3), "mojibake": "Ã©" * (N // 2),
    "tags": "<p>a</p>" * (N // 8), "dashes": "-" * N, "words": "the " * (N // 4),
}
"""


def test_no_stage_is_super_linear_on_pathological_lines() -> None:
    """Every stage (text and HTML paths) finishes on 100k-character lines of one pattern."""
    result = run_python(
        PATHOLOGICAL
        + """
from scrubber.pipeline import clean
from scrubber.errors import InputError
head = "An opening sentence that reads like the start of an article, with words.\\n"
for name, line in LINES.items():
    clean((head + line + "\\nThe end.\\n").encode(), path="x.txt")
    html = f"<html><body><p>{head}</p><p>{line}</p></body></html>"
    try:
        clean(html.encode(), path="x.html")
    except InputError:
        pass
print("done")
"""
    )
    assert result.returncode == 0 and "done" in result.stdout, result.stderr[-2000:]


# Regexes whose input is bounded where they are used (name -> why).
BOUNDED = {
    "scrubber.rules.line_rules._GLUED": "applied to the first 80 characters of a line only",
}


def test_every_regex_in_the_package_is_linear_on_pathological_lines() -> None:
    """Module-level and lexicon patterns, searched and substituted on 200k characters.

    A quadratic pattern takes minutes here (and fails on the timeout); linear ones, seconds.
    """
    result = run_python(
        PATHOLOGICAL.replace("100_000", "200_000")
        + f"""
import importlib, pkgutil, re
import scrubber
from scrubber import lexicon
BOUNDED = {set(BOUNDED)!r}
patterns = {{}}
for info in pkgutil.walk_packages(scrubber.__path__, "scrubber."):
    module = importlib.import_module(info.name)
    for key, value in vars(module).items():
        if isinstance(value, re.Pattern) and f"{{info.name}}.{{key}}" not in BOUNDED:
            patterns[f"{{info.name}}.{{key}}"] = value
from importlib.resources import files
for category in sorted(p.name[:-5] for p in (files("scrubber") / "data" / "lexicon").iterdir()):
    if hasattr(lexicon, "substring_pattern"):
        try:
            patterns[f"lexicon:{{category}}"] = lexicon.substring_pattern(category)
        except Exception:
            pass
for name, pattern in sorted(patterns.items()):
    for line in LINES.values():
        data = line.encode() if isinstance(pattern.pattern, bytes) else line
        pattern.search(data)
        pattern.sub(data[:0], data)  # tries a match at every position, as findall does
print(len(patterns), "patterns")
"""
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[0]) >= 10


def test_a_slow_document_fails_alone_with_a_timeout_error(tmp_path: Path) -> None:
    """--timeout: the slow page is reported as its error; the next page is cleaned."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    slow = "\n".join(f"Line {n} of a very long page." for n in range(100_000))
    (inputs / "a-slow.txt").write_text(slow)
    (inputs / "b-small.txt").write_text(ARTICLE)
    records = [{"id": "slow", "text": slow}, {"id": "small", "text": ARTICLE}]
    (inputs / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    args = ["clean", "in", "-o", "out", "-j", "1", "--no-progress", "--timeout", "0.2"]
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "scrubber", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 1
    errors = result.stderr.splitlines()[:-1]
    file_limit = 0.2 * len(slow) / 1e6  # --timeout is per MB of input (the file, the record)
    record_limit = 0.2 * len(json.dumps(records[0]) + "\n") / 1e6
    assert errors == [
        f"scrubber: error: in/a-slow.txt: took longer than {file_limit:.3g} s to clean "
        "(hint: a pathological page? exclude it, or raise --timeout)",
        f"scrubber: error: in/c.jsonl:1: took longer than {record_limit:.3g} s to clean "
        "(hint: a pathological page? exclude it, or raise --timeout)",
    ]
    assert (tmp_path / "out" / "b-small.txt").exists()
    assert not (tmp_path / "out" / "a-slow.txt").exists()
    shard = (tmp_path / "out" / "c.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in shard] == ["small"]
    assert elapsed < HANG / 2  # (the slow page alone takes several seconds)


def test_the_time_limit_survives_code_that_swallows_exceptions() -> None:
    expected = pytest.raises(InputError, match=r"took longer than 0\.05 s")
    with expected, limits.time_limit(0.05, "x.html"):
        while True:
            try:
                sum(range(1000))
            except Exception:  # what a careless library does
                continue


def test_the_time_limit_leaves_no_alarm_behind() -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    with limits.time_limit(5, "x"):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


# ------------------------------------------------------------------ bugs stay per file


def test_a_bug_is_one_error_line_and_debug_adds_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(ARTICLE)
    (inputs / "b.txt").write_text(ARTICLE)
    real = batch_module.clean

    def buggy(data: bytes | str, config: object, *, path: str | None = None) -> object:
        if path and path.endswith("a.txt"):
            raise ZeroDivisionError("a bug")
        return real(data, config, path=path)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_module, "clean", buggy)
    args = ["clean", str(inputs), "-o", str(tmp_path / "out"), "-j", "1", "--no-progress"]
    plain = CliRunner().invoke(app, args)
    assert plain.exit_code == 1
    assert plain.stderr.splitlines()[0] == (
        f"scrubber: error: {inputs / 'a.txt'}: internal error: ZeroDivisionError: a bug "
        "(hint: please report it; --debug shows the traceback)"
    )
    assert "Traceback" not in plain.stderr
    assert (tmp_path / "out" / "b.txt").exists()
    debug = CliRunner().invoke(app, ["--debug", *args, "--force"])
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.stderr and "in buggy" in debug.stderr


# ------------------------------------------------------------------ determinism and kills


def _corpus(root: Path) -> None:
    """The hostile tree plus enough ordinary pages and records to interrupt a run mid-way."""
    write_hostile(root / "hostile")
    write_corpus(root / "pages", 40)
    records = [{"id": f"r{n}", "text": page(n)} for n in range(150)]
    shard = "".join(json.dumps(r) + "\n" for r in records)
    (root / "pages" / "shard.jsonl").write_text(shard)


def _start(cwd: Path, jobs: int) -> subprocess.Popen[bytes]:
    args = ["clean", "in", "-o", "out", "-j", str(jobs), "--no-progress", "--no-lang"]
    return subprocess.Popen(
        [sys.executable, "-m", "scrubber", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _errors(stderr: bytes) -> list[str]:
    """The error lines (the summary line has timings)."""
    return [line for line in stderr.decode().splitlines() if line.startswith("scrubber: error:")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], list[str]]:
    """An uninterrupted --jobs 1 run: every output's bytes, and the error lines."""
    root = tmp_path_factory.mktemp("reference")
    _corpus(root / "in")
    out, err = _start(root, jobs=1).communicate(timeout=HANG)
    assert out == b""
    return tree(root / "out"), _errors(err)


def test_jobs_1_and_jobs_2_write_identical_bytes_and_messages(
    tmp_path: Path, reference: tuple[dict[str, bytes], list[str]]
) -> None:
    """(The kill test's final run is a third run, compared with the same reference.)"""
    written, errors = reference
    _corpus(tmp_path / "in")
    _, err = _start(tmp_path, jobs=2).communicate(timeout=HANG)
    assert tree(tmp_path / "out") == written
    assert _errors(err) == errors  # same messages, same order


def _kill_when(out: Path, proc: subprocess.Popen[bytes], outputs: int) -> bool:
    """SIGKILL the run's process group once `outputs` sidecars exist; False if it finished."""
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline and proc.poll() is None:
        if out.is_dir() and sum(1 for _ in out.rglob("*.meta.json")) >= outputs:
            os.killpg(proc.pid, 9)
            proc.communicate()
            return True
        time.sleep(0.002)
    proc.communicate()
    return False


TEMP = re.compile(r"^\..+\.scrubber-tmp$")


def test_killed_at_any_moment_then_rerun_gives_the_uninterrupted_outputs(
    tmp_path: Path, reference: tuple[dict[str, bytes], list[str]]
) -> None:
    written, _ = reference
    _corpus(tmp_path / "in")
    out = tmp_path / "out"
    killed = 0
    for outputs in (1, 20, 45):  # early, during the pages, around the shard
        killed += _kill_when(out, _start(tmp_path, jobs=2), outputs)
        for rel, data in tree(out).items():
            name = Path(rel).name
            if TEMP.match(name):
                continue  # a hidden temporary file: removed by the next run
            assert data == written[rel], f"{rel} is visible but not whole"
    assert killed >= 2  # the runs were really interrupted
    _, err = _start(tmp_path, jobs=2).communicate(timeout=HANG)
    assert tree(out) == written, err.decode()[-2000:]
    assert not [p for p in out.rglob("*") if TEMP.match(p.name)]
