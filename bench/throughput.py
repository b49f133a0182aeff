"""Batch throughput: a naive hand-written pipeline, the I/O floor, and scrubber, side by side.

    python bench/throughput.py                      # dev pages repeated to ~6 MB
    python bench/throughput.py --mb 20 --jobs 4     # bigger corpus, more workers
    python bench/throughput.py --pages DIR          # any directory of .txt pages

Builds a corpus in a temporary directory by repeating plain-text pages (by
default the benchmark's dev pages, `../shared/bench/dev/*.txt` without the gold
files), then times, on the same corpus:

- naive: what one writes by hand, per file: `ftfy.fix_text`, a C4-style line
  filter, langdetect on the result, a JSON sidecar (one process);
- floor: read + decode + one regex pass over the lines + write (one process);
- scrubber --jobs 1 and --jobs N (N = all cores), as the CLI runs them,
  start-up included, encoding repair and language detection on;
- when the install is compiled (setup.py), --jobs 1 on the pure-Python modules; and
  --jobs 1 --no-strip (everything but chrome stripping), to show its share.

MB/s is input megabytes over wall-clock seconds; "MB/cpu-s" is over the CPU
time the run used (all its processes), which a busy machine disturbs less.
Nothing here asserts: it prints the table and the ratios.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scrubber import build_info

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = ROOT.parent / "shared" / "bench" / "dev"
MB = 1_000_000
PURE_ROW = "scrubber clean --jobs 1, pure Python"


def build_corpus(pages: Path, target: Path, megabytes: float) -> tuple[int, int]:
    """Copies of the pages under target/copyNN/ until the corpus holds `megabytes`."""
    sources = sorted(p for p in pages.glob("*.txt") if not p.name.endswith(".gold.txt"))
    if not sources:
        raise SystemExit(f"no .txt pages in {pages} (give --pages DIR)")
    files = size = copy = 0
    while size < megabytes * MB:
        folder = target / f"copy{copy:02d}"
        folder.mkdir(parents=True)
        for source in sources:
            data = source.read_bytes()
            (folder / source.name).write_bytes(data)
            files += 1
            size += len(data)
        copy += 1
    return files, size


def inputs(corpus: Path) -> list[Path]:
    return sorted(corpus.rglob("*.txt"))


# ---------------------------------------------------------------- naive

_TERMINAL = (".", "!", "?", '"', "'", "”", "’", "。", "！", "？")


def c4_keep(line: str) -> bool:
    """C4's line heuristics: a sentence-like line of at least three words, no JavaScript."""
    stripped = line.strip()
    return (
        stripped.endswith(_TERMINAL)
        and len(stripped.split()) >= 3
        and "javascript" not in stripped.lower()
        and "{" not in stripped
    )


def naive(corpus: Path, out: Path) -> None:
    import ftfy
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    for path in inputs(corpus):
        raw = path.read_bytes()
        text = ftfy.fix_text(raw.decode("utf-8", errors="replace"))
        kept, removed = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            (kept if c4_keep(line) else removed).append((number, line))
        clean = "\n".join(line for _, line in kept) + "\n"
        try:
            best = detect_langs(clean)[0]
            language = {"code": best.lang, "probability": best.prob}
        except LangDetectException:
            language = {"code": "und", "probability": 0.0}
        target = out / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(clean, encoding="utf-8")
        sidecar = {
            "source": {"path": str(path), "sha256": hashlib.sha256(raw).hexdigest()},
            "language": language,
            "removed": [{"line": n, "text": t} for n, t in removed],
        }
        target.with_suffix(".meta.json").write_text(json.dumps(sidecar, ensure_ascii=False))


# ---------------------------------------------------------------- floor

_BLANKISH = re.compile(r"^\s*$")


def floor(corpus: Path, out: Path) -> None:
    for path in inputs(corpus):
        text = path.read_bytes().decode("utf-8", errors="replace")
        kept = [line for line in text.split("\n") if not _BLANKISH.match(line)]
        target = out / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes("\n".join(kept).encode("utf-8"))


# ---------------------------------------------------------------- timing


def in_process(fn: Callable[[Path, Path], None], corpus: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, cpu seconds) of fn; a small warm-up first loads its libraries."""
    warm = out.parent / (out.name + "-warm")
    sample = corpus / "copy00"
    one = sorted(sample.glob("*.txt"))[:3]
    (warm / "in").mkdir(parents=True)
    for path in one:
        shutil.copy(path, warm / "in" / path.name)
    fn(warm / "in", warm / "out")
    wall, cpu = time.perf_counter(), time.process_time()
    fn(corpus, out)
    return time.perf_counter() - wall, time.process_time() - cpu


def cli(
    corpus: Path, out: Path, jobs: int, *extra: str, pure: bool = False
) -> tuple[float, float, str]:
    """(wall, cpu of all its processes, its summary line) of `scrubber clean` as users run it.

    pure: load the Python source of the modules setup.py compiles (SCRUBBER_PURE_PYTHON=1).
    """
    command = [sys.executable, "-m", "scrubber", "clean", str(corpus), "-o", str(out)]
    command += ["--jobs", str(jobs), "--no-progress", *extra]
    env = build_info.child_environment(pure)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    if done.returncode not in (0, 1):
        raise SystemExit(f"scrubber failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall, cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--mb", type=float, default=6.0, help="corpus size (default 6)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="scrubber-bench-"))
    try:
        corpus = work / "corpus"
        files, size = build_corpus(args.pages, corpus, args.mb)
        megabytes = size / MB
        load = os.getloadavg()[0]
        print(f"corpus: {files} files, {megabytes:.2f} MB ({args.pages}), {args.jobs} cores")
        print(f"load average before: {load:.2f}\n")
        rows: list[tuple[str, float, float]] = []
        wall, cpu = in_process(naive, corpus, work / "naive")
        rows.append(("naive (ftfy + C4 filter + langdetect + sidecar)", wall, cpu))
        wall, cpu = in_process(floor, corpus, work / "floor")
        rows.append(("floor (read + decode + regex pass + write)", wall, cpu))
        summaries = []
        for jobs in sorted({1, args.jobs}):
            wall, cpu, summary = cli(corpus, work / f"scrubber-j{jobs}", jobs)
            rows.append((f"scrubber clean --jobs {jobs}", wall, cpu))
            summaries.append(summary)
        if build_info.compiled():
            wall, cpu, summary = cli(corpus, work / "scrubber-pure", 1, pure=True)
            rows.append((PURE_ROW, wall, cpu))
            summaries.append(summary)
        # Everything but chrome stripping, to show where the time goes.
        wall, cpu, summary = cli(corpus, work / "scrubber-no-strip", 1, "--no-strip")
        rows.append(("scrubber clean --jobs 1 --no-strip", wall, cpu))
        summaries.append(summary)
        print(f"{'pipeline':<50} {'seconds':>8} {'MB/s':>7} {'MB/cpu-s':>9}")
        for name, wall, cpu in rows:
            print(f"{name:<50} {wall:8.2f} {megabytes / wall:7.2f} {megabytes / cpu:9.2f}")
        speed = {name: megabytes / wall for name, wall, _ in rows}
        per_cpu = {name: megabytes / cpu for name, _, cpu in rows}
        naive_name, floor_name = rows[0][0], rows[1][0]
        one, many = "scrubber clean --jobs 1", f"scrubber clean --jobs {args.jobs}"
        print()
        print(f"scrubber --jobs 1 / naive:          {speed[one] / speed[naive_name]:6.2f}x")
        print(
            f"scrubber --jobs {args.jobs} / naive:          {speed[many] / speed[naive_name]:6.2f}x"
        )
        print(f"floor / scrubber --jobs 1:          {speed[floor_name] / speed[one]:6.2f}x")
        print(f"scrubber --jobs {args.jobs} / --jobs 1:       {speed[many] / speed[one]:6.2f}x")
        print(f"per cpu-second, scrubber / naive:   {per_cpu[one] / per_cpu[naive_name]:6.2f}x")
        if PURE_ROW in speed:
            print(f"compiled / pure Python, --jobs 1:   {speed[one] / speed[PURE_ROW]:6.2f}x")
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
        for summary in summaries:
            print(summary)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
