"""Is `scrubber check` fit for a commit hook? Times start-up and a check of 1,000 small files.

    .venv/bin/python bench/check_startup.py [--files 1000] [--repeat 3]

Writes N small clean text files (cleaned once with the library, so they are
clean by construction) into a temporary directory, then times, in fresh
processes as pre-commit runs them:
  - `scrubber --version` and `scrubber --help` (must not import trafilatura,
    lxml, langdetect or ftfy);
  - `scrubber check DIR` and `scrubber check FILE...` (the file list pre-commit passes);
  - `scrubber check --fix FILE...` on the same, all clean, files (a no-op).
Prints the best of --repeat runs in seconds and files per second.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRUBBER = [sys.executable, "-m", "scrubber"]
SUBJECTS = ["The council", "A local group", "The new museum", "Researchers", "The harbour office"]
VERBS = ["announced", "reported", "confirmed", "described", "questioned"]
OBJECTS = [
    "a plan to repair the old bridge before winter",
    "the results of a two-year survey of river birds",
    "longer opening hours for the public library",
    "a change to the timetable of the night buses",
    "the cost of the new school building on the hill",
]
TAILS = ["on Monday.", "after a long debate.", "in a short statement.", "to the press.", "."]


def page(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 4)):
        sentences = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
            for _ in range(rng.randint(2, 5))
        ]
        paragraphs.append(" ".join(s.replace(" .", ".") for s in sentences))
    return "\n\n".join(paragraphs) + "\n"


def make_files(root: Path, count: int) -> list[Path]:
    from scrubber.config import Config
    from scrubber.pipeline import clean

    rng = random.Random(0)
    config = Config(detect_language=False)
    paths = []
    for i in range(count):
        path = root / f"doc{i // 100:02d}" / f"page{i:04d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(clean(page(rng), config).text or "Nothing left.\n", encoding="utf-8")
        paths.append(path)
    return paths


def best(args: list[str], repeat: int, cwd: Path, expect: int = 0) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            sys.exit(f"{' '.join(args[:5])}... exited {done.returncode}:\n{done.stdout[:2000]}")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="scrubber-check-bench-"))
    try:
        paths = make_files(root, options.files)
        size = sum(p.stat().st_size for p in paths)
        names = [str(p.relative_to(root)) for p in paths]
        print(f"{len(paths)} clean files, {size / 1024:.0f} KiB, in {root}")
        for label, args in [
            ("scrubber --version", [*SCRUBBER, "--version"]),
            ("scrubber --help", [*SCRUBBER, "--help"]),
        ]:
            print(f"{label:<40} {best(args, options.repeat, root):6.3f} s")
        n = len(paths)
        for label, args in [
            ("scrubber check DIR", [*SCRUBBER, "check", "-q", "."]),
            ("scrubber check FILE... (as pre-commit)", [*SCRUBBER, "check", "-q", *names]),
            ("scrubber check --fix FILE...", [*SCRUBBER, "check", "--fix", "-q", *names]),
        ]:
            seconds = best(args, options.repeat, root)
            print(f"{label:<40} {seconds:6.3f} s  {n / seconds:7.0f} files/s")
        one = best([*SCRUBBER, "check", "-q", names[0]], options.repeat, root)
        print(f"{'scrubber check ONE_FILE':<40} {one:6.3f} s  (start-up + one file)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
