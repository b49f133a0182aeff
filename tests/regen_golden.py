"""Regenerate the golden files of fixtures/<case>/ from the current tool.

    .venv/bin/python tests/regen_golden.py            # every text case
    .venv/bin/python tests/regen_golden.py ja-news    # only these cases
    git diff fixtures/                                # then REVIEW every change by eye

For each fixtures/<case>/input.txt this writes expected.txt (the clean text) and
expected.meta.json (the sidecar, normalised by `normalise` below). The tool is
not the judge: read every expected.txt it writes and keep it only if it is what
a careful reader would call the article (the body, without headline, menus,
bylines, related links, comments or footers). When the tool is wrong, write the
right text by hand, add the case to KNOWN_WRONG with the reason, and the golden
test marks that case xfail(strict=True) until the tool is fixed.

Cases in HAND_WRITTEN (the seed's gold and KNOWN_WRONG) never get their
expected.txt overwritten; their expected.meta.json is still regenerated: it is a
reviewed snapshot of what the tool records today, so a fix shows up as a diff.

HTML cases (fixtures/html-*/input.html) belong to tests/test_html.py.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from scrubber import Config, clean_path
from scrubber.report import sidecar

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONFIG = Config()
VOLATILE = "<volatile>"

# Cases whose expected.txt is written by hand because the tool gets them wrong today.
KNOWN_WRONG: dict[str, str] = {}
# Cases whose expected.txt is never generated.
HAND_WRITTEN: dict[str, str] = {
    "seed": "the project's gold for its seed page (tests/data/seed.gold.txt)",
    **KNOWN_WRONG,
}


def cases() -> list[str]:
    """Every text golden case: a fixtures/ directory with an input.txt."""
    return sorted(path.parent.name for path in FIXTURES.glob("*/input.txt"))


def produce(case: str) -> tuple[str, dict[str, Any]]:
    """What the tool makes of the case today: clean text and the raw sidecar dict."""
    doc = clean_path(FIXTURES / case / "input.txt", CONFIG)
    return doc.text, sidecar(doc, CONFIG)


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """The sidecar without what depends on where, when and with which versions it ran.

    - `source.path`, `output.path` -> None: where the files happen to live.
    - `tool.version`, `tool.config_hash`, every `tool.dependencies` version and
      `language.detector_version` -> "<volatile>": they change with a release,
      a new Config field or an upgraded dependency, not with what was removed.
    - `language.probability` rounded to 2 places: detector noise, not a decision.

    Everything else is compared exactly: input and output hashes and sizes, the
    status, language code, title, every fix and every removal record (line, code,
    rule, message, text) and the stats.
    """
    out = copy.deepcopy(data)
    out["source"]["path"] = None
    out["output"]["path"] = None
    tool = out["tool"]
    tool["version"] = VOLATILE
    tool["config_hash"] = VOLATILE
    tool["dependencies"] = {name: VOLATILE for name in tool["dependencies"]}
    language = out.get("language")
    if language is not None:
        language["detector_version"] = VOLATILE
        language["probability"] = round(language["probability"], 2)
    return out


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def regenerate(case: str) -> list[str]:
    """Write the case's golden files; returns the names of the files written."""
    text, data = produce(case)
    folder = FIXTURES / case
    written = []
    if case not in HAND_WRITTEN:
        (folder / "expected.txt").write_text(text, encoding="utf-8", newline="\n")
        written.append("expected.txt")
    (folder / "expected.meta.json").write_text(
        dump(normalise(data)), encoding="utf-8", newline="\n"
    )
    written.append("expected.meta.json")
    return written


def main(argv: list[str]) -> int:
    known = cases()
    chosen = argv or known
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        print(f"regen_golden: no such case: {', '.join(unknown)}", file=sys.stderr)
        return 2
    for case in chosen:
        written = regenerate(case)
        kept = f" (expected.txt hand-written: {HAND_WRITTEN[case]})" if case in HAND_WRITTEN else ""
        print(f"{case}: wrote {', '.join(written)}{kept}", file=sys.stderr)
    print("now review: git diff fixtures/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
