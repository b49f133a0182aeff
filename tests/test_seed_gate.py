"""Quality gate on the project's seed page: `scrubber clean seeds/ -o out/` as a user runs it.

The seed (seeds/000_dbd9bcf69bd90304.txt, a French news page) and its hand-written
gold (tests/data/seed.gold.txt) are where the project started; whatever else
changes, this page must come out as the gold, in French, with its title, and with
every removed line accounted for in the sidecar.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SEED, SEED_GOLD

from scrubber.lines import is_blank, split_lines
from scrubber.report import schema
from scrubber.rules.registry import all_rules

TITLE = (
    "Iran : Le commandant des forces Qods en Russie pour des entretiens sur la Syrie, des missiles"
)


class Gate:
    def __init__(self, out: Path, result: subprocess.CompletedProcess[str]) -> None:
        self.result = result
        self.text = (out / f"{SEED.stem}.txt").read_text("utf-8")
        self.sidecar: dict[str, Any] = json.loads((out / f"{SEED.stem}.meta.json").read_text())


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Gate:
    out = tmp_path_factory.mktemp("gate") / "out"
    command = [sys.executable, "-m", "scrubber", "clean", "seeds/", "-o", str(out), "-j", "1"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return Gate(out, result)


def rstripped(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def test_the_seed_comes_out_as_its_gold(gate: Gate) -> None:
    assert rstripped(gate.text) == rstripped(SEED_GOLD.read_text("utf-8"))
    assert gate.result.stdout == ""  # a batch writes files; stdout stays empty


def test_the_sidecar_says_french_and_has_the_title(gate: Gate) -> None:
    jsonschema.validate(gate.sidecar, schema())
    assert gate.sidecar["language"]["code"] == "fr"
    assert gate.sidecar["title"] == TITLE
    assert gate.sidecar["status"] == "ok"


def test_every_removed_line_is_listed_with_its_rule(gate: Gate) -> None:
    lines = split_lines(SEED.read_text("utf-8"))
    removed = {record["line"]: record for record in gate.sidecar["removed"]}
    names = {rule.code: rule.name for rule in all_rules()}
    output = [line for line in gate.text.splitlines() if line]
    kept = []
    for number, line in enumerate(lines, start=1):
        if is_blank(line):
            assert number not in removed
        elif number in removed:
            record = removed[number]
            assert record["text"] == line
            assert record["rule"] == names[record["code"]]
            assert record["message"]
        else:
            kept.append(line.rstrip())
    assert kept == output, "every line not listed as removed is in the output, in order"
    assert gate.sidecar["stats"]["removed_lines"] == len(removed)
    # The chrome named in DESIGN.md, by the rule that must explain it.
    by_text = {record["text"].strip(): record["code"] for record in removed.values()}
    assert by_text["16,297FansLike"] == "SCR103"
    assert by_text["FOLLOW NCRI"] == "SCR105"
    assert by_text["Lire aussi:"] == "SCR106"
    assert by_text["vendredi, décembre 9, 2022"] == "SCR101"
