"""The optional mypyc build: same outputs as the Python source, and no stale module ever runs."""

from __future__ import annotations

import ast
import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED

from scrubber import build_info


def _setup_py_module_list() -> str:
    """The expression setup.py assigns to COMPILED_MODULES, as written."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "COMPILED_MODULES":
            assert node.value is not None
            return ast.unparse(node.value)
    raise AssertionError("setup.py has no COMPILED_MODULES")


def test_setup_py_compiles_the_modules_build_info_watches() -> None:
    # One list, in build_info.py: setup.py reads it from there.
    assert _setup_py_module_list() == "list(BUILD_INFO['COMPILED_MODULES'])"
    for module in build_info.COMPILED_MODULES:
        assert (build_info.PACKAGE_DIR / f"{module}.py").is_file()


def _fake_module(folder: Path, source_time: float, extension_time: float) -> None:
    (folder / "rules").mkdir(parents=True)
    source = folder / "rules" / "scoring.py"
    extension = folder / "rules" / f"scoring{importlib.machinery.EXTENSION_SUFFIXES[0]}"
    source.write_text("")
    extension.write_bytes(b"")
    os.utime(source, (source_time, source_time))
    os.utime(extension, (extension_time, extension_time))


def test_a_source_edited_after_the_build_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_info, "PACKAGE_DIR", tmp_path)
    _fake_module(tmp_path, source_time=1_000_060, extension_time=1_000_000)
    assert build_info.stale_sources() == [tmp_path / "rules" / "scoring.py"]


@pytest.mark.parametrize("source_time", [1_000_000, 1_000_001])
def test_sources_unpacked_with_or_before_the_build_are_not_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source_time: int
) -> None:
    monkeypatch.setattr(build_info, "PACKAGE_DIR", tmp_path)
    _fake_module(tmp_path, source_time=source_time, extension_time=1_000_000)
    assert build_info.stale_sources() == []


@pytest.mark.parametrize(
    ("recorded_text", "source_time", "stale"),
    [
        ("", 1_000_060, False),  # touched after the build, same content: still fresh
        ("x = 1\n", 1_000_000, True),  # edited within the margin, or with an old file time
    ],
)
def test_recorded_source_hashes_decide_over_file_times(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    recorded_text: str,
    source_time: int,
    stale: bool,
) -> None:
    monkeypatch.setattr(build_info, "PACKAGE_DIR", tmp_path)
    _fake_module(tmp_path, source_time=source_time, extension_time=1_000_000)
    recorded = {"rules/scoring": hashlib.sha256(recorded_text.encode()).hexdigest()}
    (tmp_path / build_info.HASHES_FILE).write_text(json.dumps(recorded))
    expected = [tmp_path / "rules" / "scoring.py"] if stale else []
    assert build_info.stale_sources() == expected


def _run(code: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = build_info.child_environment(pure=False)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**environment, **env},
    )


def test_pure_python_switch_loads_every_module_from_source() -> None:
    probe = (
        "import scrubber.strip, scrubber.rules.scoring, scrubber.page\n"
        "print(scrubber.strip.__file__, scrubber.rules.scoring.__file__, scrubber.page.__file__)"
    )
    files = _run(probe, SCRUBBER_PURE_PYTHON="1").stdout.split()
    assert [Path(f).suffix for f in files] == [".py", ".py", ".py"]


@pytest.mark.skipif(
    not build_info.compiled(),
    reason="modules run from source: a pure install, SCRUBBER_PURE_PYTHON, or a stale build",
)
def test_compiled_and_source_modules_clean_fixtures_to_the_same_bytes() -> None:
    probe = (
        "import sys, hashlib, pathlib, scrubber\n"
        "from scrubber.report import render, sidecar\n"
        "from scrubber.config import Config\n"
        "print(scrubber.build_info.compiled())\n"
        "inputs = [*pathlib.Path(sys.argv[1]).glob('*/input.*'), pathlib.Path(sys.argv[2])]\n"
        "for path in sorted(inputs):\n"
        "    doc = scrubber.clean_path(path, Config())\n"
        "    data = doc.text.encode() + render(sidecar(doc, Config()))\n"
        "    print(path, hashlib.sha256(data).hexdigest())\n"
    )
    args = (str(FIXTURES), str(SEED))
    compiled = _run(probe, *args).stdout.splitlines()
    source = _run(probe, *args, SCRUBBER_PURE_PYTHON="1").stdout.splitlines()
    assert (compiled[0], source[0]) == ("True", "False")
    assert len(compiled) == len(list(FIXTURES.glob("*/input.*"))) + 2
    assert compiled[1:] == source[1:]


@pytest.mark.parametrize(("value", "pure"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_the_pure_python_switch_reads_yes_and_no(
    monkeypatch: pytest.MonkeyPatch, value: str, pure: bool
) -> None:
    monkeypatch.setenv("SCRUBBER_PURE_PYTHON", value)
    assert build_info.pure_python_requested() is pure


def test_a_stale_build_says_so_once_on_stderr_and_tells_workers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = build_info.PACKAGE_DIR / "rules" / "weights.py"
    chosen: list[bool] = []
    monkeypatch.delenv("SCRUBBER_PURE_PYTHON", raising=False)
    monkeypatch.setenv("_SCRUBBER_SOURCE_CHOSEN", "")  # restored after the test
    monkeypatch.setattr(build_info, "stale_sources", lambda: [stale])
    monkeypatch.setattr(build_info, "use_source", lambda: chosen.append(True))
    build_info.choose_modules()
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert line.startswith("scrubber: rules/weights.py changed since the last compile;")
    assert chosen == [True]
    # A worker inherits the choice: same modules, no second message.
    assert os.environ["_SCRUBBER_SOURCE_CHOSEN"] == "1"
    assert build_info.child_environment(pure=False).get("_SCRUBBER_SOURCE_CHOSEN") is None
    build_info.choose_modules()
    assert capsys.readouterr() == ("", "")
    assert chosen == [True, True]
