"""Time and peak memory of `scrubber clean FILE` on huge hostile inputs, and their growth.

    .venv/bin/python bench/hostile.py [--scale 1.0]

Inputs (generated into a temporary directory, nothing is kept):
- one line of running text, 3 MB and 30 MB (x scale);
- short lines, 100k and 1M of them (x scale).
For each pair the ratio of times should be about the ratio of sizes (10):
much more means a super-linear stage. Each run is a fresh process; peak
memory is its maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    *("the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "as", "by"),
    *("harbour", "council", "library", "ferry", "market", "town", "river", "morning", "plan"),
]


def sentence(rnd: random.Random, words: int) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize() + "."


def one_line(path: Path, size: int) -> None:
    rnd = random.Random(1)
    parts: list[str] = []
    total = 0
    while total < size:
        part = sentence(rnd, rnd.randint(5, 30))
        parts.append(part)
        total += len(part) + 1
    path.write_text(" ".join(parts) + "\n")


def short_lines(path: Path, count: int) -> None:
    rnd = random.Random(2)
    path.write_text("\n".join(sentence(rnd, rnd.randint(1, 6)) for _ in range(count)) + "\n")


def measure(path: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one `scrubber clean path` process."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "scrubber", "clean", str(path)],
            stdout=sink,
            stderr=subprocess.PIPE,
        )
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"scrubber failed on {path}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = [
            ("one line", "MB", one_line, [3_000_000, 30_000_000]),
            ("short lines", "k lines", short_lines, [100_000, 1_000_000]),
        ]
        for name, unit, make, sizes in cases:
            results = []
            for size in sizes:
                size = int(size * args.scale)
                path = root / f"{name.replace(' ', '-')}-{size}.txt"
                make(path, size)
                seconds, peak = measure(path)
                shown = size / 1e6 if unit == "MB" else size / 1e3
                mb = path.stat().st_size / 1e6
                results.append(seconds)
                print(
                    f"{name:12s} {shown:8.1f} {unit:8s} ({mb:6.1f} MB file): "
                    f"{seconds:7.2f} s, peak {peak:7.0f} MB, {mb / seconds:5.2f} MB/s",
                    flush=True,
                )
            print(f"{name:12s} time ratio for 10x the input: {results[1] / results[0]:.1f}")


if __name__ == "__main__":
    main()
