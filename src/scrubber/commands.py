"""What each CLI command does, in terms of the library; the CLI module only parses."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from scrubber.config import Config
from scrubber.errors import InputError, UsageError
from scrubber.model import Document


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _write_stdout(text: str) -> None:
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def clean_stdin(config: Any, meta: Path | None) -> int:
    from scrubber.io import atomic_write
    from scrubber.pipeline import clean
    from scrubber.report import render, sidecar

    raw = sys.stdin.buffer.read()
    try:
        doc = clean(raw, config, path=None)
    except InputError as error:
        error.path = error.path or "<stdin>"
        _say(error.render())
        return 1
    if doc.status == "empty":
        from scrubber.batch import empty_warning

        _say(empty_warning("<stdin>"))
    _write_stdout(doc.text)
    if meta is not None:
        atomic_write(meta, render(sidecar(doc, config)))
    return 0


def clean_to_stdout(paths: list[Path], config: Any, meta: Path | None = None) -> int:
    """One file without -o: its clean text on stdout (and its sidecar at `meta`)."""
    from scrubber.io import atomic_write
    from scrubber.pipeline import clean_path
    from scrubber.report import render, sidecar

    if len(paths) != 1 or paths[0].is_dir():
        what = "a directory" if paths[0].is_dir() else "several inputs"
        _say(f"scrubber: error: {paths[0]}: {what} needs an output directory (hint: add -o OUT)")
        return 2
    try:
        doc = clean_path(paths[0], config)
    except InputError as error:
        _say(error.render())
        return 1
    if doc.status == "empty":
        from scrubber.batch import empty_warning

        _say(empty_warning(str(paths[0])))
    _write_stdout(doc.text)
    if meta is not None:
        atomic_write(meta, render(sidecar(doc, config)))
    return 0


def clean_batch(
    paths: list[Path],
    out: Path,
    config: Any,
    *,
    jobs: int | None = None,
    progress: bool | None = None,
    force: bool = False,
) -> int:
    """Files and directories into OUT, `jobs` processes (default: all cores); see batch."""
    from scrubber.batch import count_inputs, run_batch
    from scrubber.progress import Progress
    from scrubber.workers import default_jobs

    jobs = jobs or default_jobs()
    show = sys.stderr.isatty() if progress is None else progress
    files, size = count_inputs(paths, out) if show else (0, 0)
    try:
        with Progress(show, size, files) as bar:
            summary = run_batch(
                paths, out, config, jobs=jobs, force=force, say=bar.say, progress=bar
            )
    except KeyboardInterrupt:
        _say("scrubber: interrupted; outputs written so far are complete (run again to finish)")
        return 130
    except UsageError as error:  # e.g. an input inside OUT (scrubber.safety)
        _say(error.render())
        return 2
    _say(summary.line())
    return 1 if summary.errors else 0


def _load(path: Path, config: Config) -> Document:
    from scrubber.pipeline import clean, clean_path

    if str(path) == "-":
        return clean(sys.stdin.buffer.read(), config, path=None)
    return clean_path(path, config)


def explain(path: Path, config: Config, as_json: bool) -> int:
    from scrubber.report import render, sidecar

    try:
        doc = _load(path, config)
    except InputError as error:
        error.path = error.path or "<stdin>"
        _say(error.render())
        return 1
    if as_json:
        _write_stdout(render(sidecar(doc, config)).decode("utf-8"))
        return 0
    from scrubber.render import explain_lines

    explain_lines(doc)
    return 0


def list_rules(code: str | None) -> int:
    from scrubber.rules.registry import all_rules

    rules = all_rules()
    if code is not None:
        chosen = [r for r in rules if r.code == code.upper() or r.name == code]
        if not chosen:
            _say(f"scrubber: error: no rule {code!r} (hint: run 'scrubber rules' for the list)")
            return 2
        rule = chosen[0]
        _write_stdout(f"{rule.code} {rule.name} ({rule.scope} rule)\n\n{rule.doc}\n")
        return 0
    _write_stdout("".join(f"{r.code}  {r.name:<20} {r.summary}\n" for r in rules))
    return 0


def check(paths: list[Path], options: Any) -> int:
    """`scrubber check`: findings on stdout (or a diff), --fix rewrites; see scrubber.check."""
    from scrubber import check as lint
    from scrubber.errors import UsageError

    files = findings = changed = failed = 0
    collected: list[lint.Finding] = []
    fixing = options.fix
    try:
        for checked in lint.run(paths, options.select, options.ignore):
            files += 1
            failed += bool(checked.errors)
            for error in checked.errors:
                _say(error)
            findings += len(checked.findings)
            if options.diff:
                changed += checked.changed
                _write_stdout(lint.unified_diff(checked))
                continue
            if fixing:
                changed += lint.write_fix(checked)
            if options.output_format == "json":
                collected.extend(checked.findings)
            else:
                _write_stdout(lint.render(checked.findings, options.output_format, fixing))
    except UsageError as error:
        _say(error.render())
        return 2
    if options.output_format == "json" and not options.diff:
        _write_stdout(lint.render(collected, "json", fixing))
    if not options.quiet:
        _say(lint.summary(files, findings, changed, options))
    if failed:
        return 1
    flagged = changed if (fixing or options.diff) else findings
    return 1 if flagged and not options.exit_zero else 0
