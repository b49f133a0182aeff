"""Drive the real `pre-commit try-repo` against this repository's published hooks.

    .venv/bin/python bench/precommit_try_repo.py [--ref HEAD | --working-tree]

Too slow for the test suite (pre-commit builds a virtualenv and pip-installs
scrubber and its dependencies: about 40-55 s per run here, PyPI access needed), so it is
a script; tests/test_cli_check.py runs it when SCRUBBER_TRY_REPO=1.

In a temporary git repository it checks that:
  - `scrubber-check` fails on a page with chrome and names the finding;
  - `scrubber-check` passes on clean text and on a clean JSONL shard;
  - `scrubber-fix` fails on the chrome page and leaves it as `scrubber clean`
    (of the same revision) writes it.
try-repo builds a fresh environment for each of these three runs.
By default the committed HEAD is installed (--ref HEAD); --working-tree lets
pre-commit include uncommitted changes to tracked files instead.
Exits 0 when every expectation holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "The harbour authority said on Thursday that the new ferry terminal would open in late "
    "autumn, two months behind schedule.\n\nResidents of the eastern district have complained "
    "for years about the noise of freight trains that pass through at night.\n"
)
CHROME = "Share\n" + ARTICLE + "© 2024 Example Press. All rights reserved.\n"


def pre_commit() -> str:
    local = Path(sys.executable).with_name("pre-commit")
    found = str(local) if local.exists() else shutil.which("pre-commit")
    if not found:
        sys.exit("pre-commit is not installed (pip install -e '.[test]')")
    return found


def try_repo(
    repo: Path, hook: str, files: list[str], ref: str | None, home: Path
) -> tuple[int, str]:
    args = [pre_commit(), "try-repo", str(ROOT), hook, "--files", *files]
    if ref:
        args += ["--ref", ref]
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    done = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def clean_output(text: str, ref: str | None, work: Path) -> bytes:
    """What `scrubber clean` of the installed revision writes for `text`."""
    env = dict(os.environ)
    if ref:  # the committed tree, not the working tree
        tree = work / "tree"
        tree.mkdir()
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        env["PYTHONPATH"] = str(tree / "src")
    done = subprocess.run(
        [sys.executable, "-m", "scrubber", "clean", "-"],
        input=text.encode(),
        capture_output=True,
        env=env,
        check=True,
    )
    return done.stdout


def run(ref: str | None) -> list[str]:
    """Every failed expectation, as a message (empty when all hold)."""
    failures: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="scrubber-try-repo-"))
    try:
        repo, home = work / "repo", work / "home"
        repo.mkdir()
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        (repo / "page.txt").write_text(CHROME, encoding="utf-8")
        (repo / "article.txt").write_text(ARTICLE, encoding="utf-8")
        (repo / "shard.jsonl").write_text('{"id": "a", "text": "Clean text.\\n"}\n')
        subprocess.run(["git", "add", "."], cwd=repo, check=True)

        def expect(hook: str, files: list[str], code: int, needle: str = "") -> None:
            start = time.perf_counter()
            got, output = try_repo(repo, hook, files, ref, home)
            seconds = time.perf_counter() - start
            ok = got == code and needle in output
            print(
                f"{'ok  ' if ok else 'FAIL'} {hook} {' '.join(files)}: exit {got} ({seconds:.1f} s)"
            )
            if not ok:
                failures.append(f"{hook} {files}: exit {got}, wanted {code}\n{output}")

        expect("scrubber-check", ["page.txt"], 1, "page.txt:1:1: SCR")
        expect("scrubber-check", ["article.txt", "shard.jsonl"], 0)
        expect("scrubber-fix", ["page.txt"], 1, "files were modified by this hook")
        if (repo / "page.txt").read_bytes() != clean_output(CHROME, ref, work):
            failures.append("scrubber-fix did not leave page.txt as scrubber clean writes it")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--ref", default="HEAD", help="commit to install (default HEAD)")
    group.add_argument("--working-tree", action="store_true", help="include uncommitted changes")
    options = parser.parse_args()
    start = time.perf_counter()
    failures = run(None if options.working_tree else options.ref)
    print(f"total {time.perf_counter() - start:.1f} s")
    for failure in failures:
        print(failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
