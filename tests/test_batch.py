"""Batch mode: parallel workers, resume, atomic outputs, interruption, worker failures."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from pages import tree, write_corpus
from typer.testing import CliRunner

from scrubber import batch, workers
from scrubber.batch import run_batch
from scrubber.cli import app
from scrubber.config import Config
from scrubber.io import AtomicFile, remove_stale_temp_files
from scrubber.runtime import YOUNG_COLLECTION_THRESHOLD
from scrubber.workers import Crashed, ordered_map

NO_LANG = Config(detect_language=False)


class Run:
    """A batch run's summary and the messages it printed."""

    def __init__(self, inputs: Path, out: Path, jobs: int, config: Config, force: bool) -> None:
        self.messages: list[str] = []
        self.summary = run_batch(
            [inputs], out, config, jobs=jobs, force=force, say=self.messages.append
        )
        self.files, self.skipped = self.summary.files, self.summary.skipped
        self.errors, self.removed = self.summary.errors, self.summary.removed


def _run(inputs: Path, out: Path, jobs: int, config: Config = NO_LANG, force: bool = False) -> Run:
    return Run(inputs, out, jobs, config, force)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    write_corpus(root, 12)
    (root / "empty.txt").write_bytes(b"")  # an input error: reported, the batch goes on
    return root


def test_jobs_2_writes_the_same_bytes_as_jobs_1(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _run(corpus, out, jobs=1, config=Config())
    reference = tree(out)
    for path in out.rglob("*"):
        if path.is_file():
            path.unlink()
    second = _run(corpus, out, jobs=2, config=Config())
    assert tree(out) == reference
    assert first.messages == second.messages
    assert len(reference) == 24  # 12 texts + 12 sidecars; the empty input has none
    assert "sub/page03.txt" in reference and "sub/page03.meta.json" in reference


def test_summary_counts_files_bytes_removals_and_errors(corpus: Path, tmp_path: Path) -> None:
    summary = _run(corpus, tmp_path / "out", jobs=2)
    assert summary.files == 13 and summary.errors == 1
    assert summary.removed >= 12 * 5
    assert summary.summary.bytes_in == sum(p.stat().st_size for p in corpus.rglob("*.txt"))
    assert any("empty.txt: empty input" in m for m in summary.messages)
    line = summary.summary.line()
    assert line.startswith("scrubber: 13 files, ") and line.endswith(", 1 error")
    assert "lines removed" in line and "MB/s" in line


def test_second_run_skips_up_to_date_inputs(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(corpus, out, jobs=1)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = _run(corpus, out, jobs=2)
    assert again.skipped == 12 and again.errors == 1
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == stamps
    # a changed input is redone, the others are not
    changed = corpus / "page01.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "One more sentence.\n")
    third = _run(corpus, out, jobs=1)
    assert third.skipped == 11
    sidecar = json.loads((out / "page01.meta.json").read_bytes())
    assert sidecar["source"]["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()


def test_force_config_and_version_changes_redo_everything(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _run(corpus, out, jobs=1)
    assert _run(corpus, out, jobs=1, force=True).skipped == 0
    assert _run(corpus, out, jobs=1, config=Config()).skipped == 0
    assert _run(corpus, out, jobs=1, config=Config()).skipped == 12
    monkeypatch.setattr(batch, "__version__", "9.9.9")
    assert _run(corpus, out, jobs=1, config=Config()).skipped == 0


def test_missing_or_changed_output_or_broken_sidecar_is_redone(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _run(corpus, out, jobs=1)
    reference = (out / "page05.txt").read_bytes()
    (out / "page00.txt").unlink()
    (out / "page02.meta.json").write_text("{not json")
    (out / "page05.txt").write_bytes(reference[:-20])  # edited or cut after the run
    again = _run(corpus, out, jobs=1)
    assert again.skipped == 9
    assert (out / "page00.txt").exists()
    assert json.loads((out / "page02.meta.json").read_bytes())["tool"]["name"] == "scrubber"
    assert (out / "page05.txt").read_bytes() == reference


def _fail_on(monkeypatch: pytest.MonkeyPatch, name: str, failure: Callable[[], object]) -> None:
    """Make batch cleaning run `failure` instead of cleaning the input whose path ends in `name`."""
    real_clean = batch.clean

    def clean(data: bytes, config: Config, path: str | None = None) -> object:
        if path and path.endswith(name):
            failure()
        return real_clean(data, config, path=path)

    monkeypatch.setattr(batch, "clean", clean)


def test_a_crashing_worker_costs_only_its_own_file(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The worker process dies, as on a segfault or an OOM kill; forked workers inherit the patch.
    _fail_on(monkeypatch, "page05.txt", lambda: os._exit(3))
    out = tmp_path / "out"
    summary = _run(corpus, out, jobs=2)
    crashed = [m for m in summary.messages if "page05.txt" in m]
    assert len(crashed) == 1 and "worker process died" in crashed[0]
    assert summary.errors == 2  # the crash and empty.txt
    assert not (out / "page05.txt").exists()
    assert len(list(out.rglob("*.txt"))) == 11


def test_an_internal_error_is_reported_per_file(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug() -> None:
        raise RuntimeError("a bug")

    _fail_on(monkeypatch, "page02.txt", bug)
    summary = _run(corpus, tmp_path / "out", jobs=1)
    [error] = [m for m in summary.messages if "page02.txt" in m]
    assert "internal error: RuntimeError: a bug" in error
    assert summary.files == 13 and summary.errors == 2


def test_ordered_map_keeps_order_and_isolates_a_crash() -> None:
    tasks = [_Square(n) for n in range(20)]
    results = list(ordered_map(_square, tasks, jobs=2, window=3))
    assert [t.n for t, _ in results] == list(range(20))
    assert [r for _, r in results][:5] == [0, 1, 4, 9, 16]
    assert isinstance(results[13][1], Crashed)
    assert [r for _, r in results][14] == 196


def test_a_task_handed_out_after_a_worker_died_is_rerun_not_fatal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pool can break while the parent is still sending tasks: submit() itself
    # raises then. Simulated here: the fifth submit finds the pool broken.
    sent: list[int] = []
    real_submit = workers._Pool.submit

    def submit(pool: workers._Pool, fn: Callable[[_Square], int], task: _Square) -> object:
        sent.append(task.n)
        if len(sent) == 5:
            raise BrokenProcessPool("a worker died")
        return real_submit(pool, fn, task)

    monkeypatch.setattr(workers._Pool, "submit", submit)
    tasks = [_Square(n) for n in range(8)]
    results = list(ordered_map(_square, tasks, jobs=2, window=6))
    assert [(t.n, r) for t, r in results] == [(n, n * n) for n in range(8)]


def test_spawned_workers_collect_garbage_as_the_cli_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # A spawned worker starts a fresh interpreter: it must tune its own collector.
    monkeypatch.setenv(workers.START_METHOD_ENV, "spawn")
    tasks = [_Square(n) for n in range(2)]
    results = list(ordered_map(_collector_threshold, tasks, jobs=2, window=2))
    assert [r for _, r in results] == [YOUNG_COLLECTION_THRESHOLD] * 2


def _collector_threshold(task: _Square) -> int:
    return gc.get_threshold()[0]


class _Square:
    remote = True

    def __init__(self, n: int) -> None:
        self.n = n

    def split(self) -> list[_Square]:
        return [self]


def _square(task: _Square) -> int:
    if task.n == 13:
        os._exit(1)
    return task.n * task.n


class _Slow:
    """A task that marks a file when it has finished (task 0 returns at once)."""

    remote = True

    def __init__(self, n: int, marks: Path) -> None:
        self.n, self.marks = n, marks

    def split(self) -> list[_Slow]:
        return [self]


def _slow(task: _Slow) -> int:
    if task.n:
        time.sleep(3)
        (task.marks / f"done{task.n}").touch()
    return task.n


def test_stopping_early_drops_the_tasks_in_flight_instead_of_finishing_them(
    tmp_path: Path,
) -> None:
    # Ctrl-C in the parent closes the results early: the workers must stop now, not
    # finish the batches they hold (seconds each for JSONL records).
    results = ordered_map(_slow, [_Slow(n, tmp_path) for n in range(4)], jobs=2, window=4)
    first_task, first = next(results)
    assert (first_task.n, first) == (0, 0)
    results.close()
    time.sleep(3.5)  # past the time a task in flight would have finished
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_atomic_file_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicFile(target) as handle:
        handle.write(b"half")
        raise RuntimeError
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    with AtomicFile(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # like any new file, not 0600


def test_stale_temp_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    stale = tmp_path / "d" / ".page.txt.0a1b2c3d.scrubber-tmp"
    stale.write_bytes(b"partial")
    keep = tmp_path / "d" / ".notes.tmp"
    keep.write_bytes(b"not ours")
    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and keep.exists()


def test_cli_batch_prints_only_diagnostics_and_the_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["clean", str(corpus), "-o", str(out), "--no-lang", "-j", "1", "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1  # empty.txt failed
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("scrubber: error: ") and "empty.txt" in lines[0]
    assert lines[-1].startswith("scrubber: 13 files, ")
    again = CliRunner().invoke(app, [*args, "--force", "--progress"])
    assert again.stdout == "" and "13 files" in again.stderr
    resumed = CliRunner().invoke(app, args).stderr.splitlines()[-1]
    assert resumed.startswith("scrubber: 13 files (12 up to date, skipped), ")
    assert " MB cleaned in " in resumed  # the skipped files' bytes are not counted


def _deny_listing(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Listing `locked` fails as it does for a directory without read permission (root
    ignores chmod, so the failure is simulated where os.walk lists directories)."""
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_subdirectory_is_an_error_not_a_silent_skip(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "page.txt").write_text("A page nobody could read.\n", encoding="utf-8")
    _deny_listing(monkeypatch, locked)
    args = ["clean", str(corpus), "-o", str(tmp_path / "out"), "--no-lang", "-j", "1"]
    result = CliRunner().invoke(app, [*args, "--no-progress"])
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = [ln for ln in result.stderr.splitlines() if str(locked) in ln]
    assert line == (
        f"scrubber: error: {locked}: Permission denied "
        "(hint: check the directory's permissions; its files were not read)"
    )
    assert result.stderr.strip().splitlines()[-1].startswith("scrubber: 13 files, ")


def test_check_reports_an_unreadable_subdirectory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ok.txt").write_text("Clean text.\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    _deny_listing(monkeypatch, locked)
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{locked}: Permission denied" in result.stderr


def test_output_inside_the_input_directory_is_not_read_back(corpus: Path) -> None:
    out = corpus / "cleaned"
    first = _run(corpus, out, jobs=1)
    second = _run(corpus, out, jobs=1)
    assert first.files == second.files == 13


# ------------------------------------------------------------ interruption


def _start(cwd: Path, *extra: str) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "scrubber", "clean", "in", "-o", "out", "--no-lang", *extra]
    return subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """What an uninterrupted run writes for 60 pages (paths in sidecars are relative)."""
    root = tmp_path_factory.mktemp("reference")
    write_corpus(root / "in", 60)
    _start(root, "-j", "2").communicate(timeout=120)
    written = tree(root / "out")
    assert len(written) == 120
    return written


def _wait_for_output(out: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.rglob("*.meta.json")):
            return
        time.sleep(0.005)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _visible_files_are_whole(out: Path, reference: dict[str, bytes]) -> None:
    for rel, data in tree(out).items():
        assert not Path(rel).name.startswith(".") or rel.endswith(".scrubber-tmp")
        if not Path(rel).name.startswith("."):
            assert data == reference[rel], rel


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_kill_9_then_rerun_gives_the_uninterrupted_result(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    write_corpus(tmp_path / "in", 60)
    proc = _start(tmp_path, "-j", "2")
    _wait_for_output(tmp_path / "out", proc)
    workers = _children(proc.pid)
    proc.kill()
    proc.communicate()
    _visible_files_are_whole(tmp_path / "out", reference)
    deadline = time.monotonic() + 10  # orphaned workers notice and exit
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if Path(f"/proc/{w}/status").exists() and _alive(w)]
    rerun = _start(tmp_path, "-j", "2")
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert tree(tmp_path / "out") == reference


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text()
    return "State:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="needs /proc")
def test_ctrl_c_stops_cleanly_and_rerun_completes(
    tmp_path: Path, reference: dict[str, bytes]
) -> None:
    write_corpus(tmp_path / "in", 60)
    proc = _start(tmp_path, "-j", "2")
    _wait_for_output(tmp_path / "out", proc)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole group
    _, err = proc.communicate(timeout=60)
    if proc.returncode != 0:  # (a fast machine may have finished first)
        assert proc.returncode == 130 and b"interrupted" in err
        assert b"Traceback" not in err
    assert not list((tmp_path / "out").rglob("*.scrubber-tmp"))
    _visible_files_are_whole(tmp_path / "out", reference)
    rerun = _start(tmp_path, "-j", "2")
    rerun.communicate(timeout=120)
    assert tree(tmp_path / "out") == reference
