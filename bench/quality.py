"""Chrome-removal quality on a benchmark directory, scrubber beside simple baselines.

    python bench/quality.py ../shared/bench/dev            # text dumps (the core job)
    python bench/quality.py ../shared/bench/dev --html     # HTML input

Runs the benchmark's own scorer (evaluate.py, next to the data directory) on:
passthrough (the dump unchanged), a C4-style line filter (keep lines ending in
terminal punctuation with at least 5 words), and `scrubber clean DIR -o OUT`,
all in this run. Prints mean F1/precision/recall, the breakdown by dump style,
source and non-English pages, and the reference points quoted in the issues
for systems not installed here (jusText on text, trafilatura on HTML).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

SCRUBBER = shlex.quote(str(Path(sys.executable).with_name("scrubber")))
HERE = shlex.quote(str(Path(__file__).resolve()))
QUOTED = {
    "txt": [("jusText on the text dump (quoted)", 0.770)],
    "html": [
        ("trafilatura default (quoted)", 0.912),
        ("trafilatura favor_precision (quoted)", 0.927),
        ("readability-lxml (quoted)", 0.936),
        ("jusText (quoted)", 0.799),
    ],
}
_TERMINAL = re.compile(r"[.!?。！？…]['\"’”»)]*\s*$")


def c4_filter(src: Path, dst: Path) -> None:
    """The C4 line heuristic: keep lines that end like sentences and have >= 5 words."""
    dst.mkdir(parents=True, exist_ok=True)
    for page in src.iterdir():
        lines = page.read_text(encoding="utf-8", errors="replace").splitlines()
        kept = [ln for ln in lines if _TERMINAL.search(ln) and len(ln.split()) >= 5]
        (dst / f"{page.stem}.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")


def evaluate(data: Path, command: str, kind: str, by: str) -> dict[str, object]:
    scorer = data.resolve().parent / "evaluate.py"
    with tempfile.TemporaryDirectory() as tmp:
        summary = Path(tmp) / "summary.json"
        args = [sys.executable, str(scorer), str(data), "--batch", command, "--input", kind]
        args += ["--by", by, "--json", str(summary)]
        subprocess.run(args, check=False, stdout=subprocess.DEVNULL)
        result: dict[str, object] = json.loads(summary.read_text(encoding="utf-8"))
        return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--html", action="store_true", help="feed <id>.html instead of <id>.txt")
    if sys.argv[1:2] == ["--c4-only"]:  # this script as the C4 baseline's batch command
        c4_filter(Path(sys.argv[2]), Path(sys.argv[3]))
        return 0
    args = parser.parse_args()
    kind = "html" if args.html else "txt"
    systems = [("scrubber clean", f"{SCRUBBER} clean {{in}} -o {{out}}")]
    if kind == "txt":
        systems = [
            ("passthrough", "mkdir -p {out} && cp {in}/* {out}/"),
            (
                "C4-style line filter",
                f"{shlex.quote(sys.executable)} {HERE} --c4-only {{in}} {{out}}",
            ),
            *systems,
        ]
    print(f"{'system':40} {'F1':>6} {'P':>6} {'R':>6} {'median':>7} {'s/page':>7}")
    breakdown: dict[str, object] = {}
    for name, command in systems:
        result = evaluate(args.data, command, kind, "style,source,lang")
        seconds = result.get("seconds_per_page") or 0.0
        print(
            f"{name:40} {result['f1']:6.3f} {result['precision']:6.3f} {result['recall']:6.3f} "
            f"{result['median_f1']:7.3f} {seconds:7.3f}"
        )
        breakdown = result
    for name, f1 in QUOTED[kind]:
        print(f"{name:40} {f1:6.3f}")
    by = breakdown["by"]
    assert isinstance(by, dict)
    print("\nscrubber by dump style and source (F1 / P / R):")
    for field in ("style", "source"):
        for value, s in by[field].items():
            scores = f"{s['f1']:.3f} / {s['precision']:.3f} / {s['recall']:.3f}"
            print(f"  {field}={value:<22} n={s['pages']:<4} {scores}")
    langs = by["lang"]
    other = [s for lang, s in langs.items() if lang != "en"]
    pages = sum(s["pages"] for s in other)
    if pages:
        f1 = sum(s["f1"] * s["pages"] for s in other) / pages
        print(f"  non-English pages together     n={pages:<4} F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
