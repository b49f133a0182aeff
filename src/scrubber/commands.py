"""What each CLI command does, in terms of the library; the CLI module only parses."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Any

from scrubber.config import Config
from scrubber.errors import InputError, UsageError
from scrubber.model import Document


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _write_stdout(text: str) -> None:
    _write_bytes(text.encode("utf-8"))


def _write_bytes(data: bytes) -> None:
    """Write all of `data` to stdout: a pipe closed mid-write raises BrokenPipeError (see cli).

    A buffered write may return having written only part of a large block (when
    the reader goes away, or a signal arrives); taken as done, the run would end
    with exit 0 and output cut short.
    """
    view = memoryview(data)
    while view:
        written = sys.stdout.buffer.write(view)
        if not written:
            raise OSError("stdout took no more bytes")
        view = view[written:]
    sys.stdout.flush()


def _check_meta(meta: Path | None, source: Path | None = None) -> None:
    """--meta must name a file that can be written: checked before any input is read.

    Raises UsageError when it is a directory, lies under a file or is the input
    itself, so nothing is cleaned (and nothing written to stdout) for a sidecar
    that could not, or must not, be written.
    """
    if meta is None:
        return
    hint = "--meta names the sidecar file to write, e.g. --meta page.meta.json"
    if meta.is_dir():
        raise UsageError("--meta is a directory", path=str(meta), hint=hint)
    from scrubber.io import same_file

    if source is not None and same_file(meta, source):
        raise UsageError(
            "--meta is the input file: it would be overwritten", path=str(meta), hint=hint
        )
    for parent in meta.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise UsageError(f"--meta: {parent} is not a directory", path=str(meta), hint=hint)
            return


def _write_sidecar(meta: Path, data: bytes, where: str) -> bool:
    """Write the --meta sidecar; a failure is one error line (the text is not printed)."""
    from scrubber.io import atomic_write

    try:
        atomic_write(meta, data)
    except OSError as exc:
        what = f"cannot write the sidecar {meta}: {exc.strerror or exc}"
        _say(InputError(what, path=where, hint="check the --meta path").render())
        return False
    return True


def _print_page(doc: Document, config: Config, meta: Path | None, path: str | None) -> int:
    """A cleaned page's text on stdout and its sidecar at `meta` (`path` None: stdin).

    An empty result is said on stderr; a sidecar that cannot be written is an error
    (exit 1) and the text is not printed.
    """
    from scrubber.report import render, sidecar

    if doc.status == "empty":
        from scrubber.batch import empty_warning

        _say(empty_warning(path))
    where = "<stdin>" if path is None else path
    if meta is not None and not _write_sidecar(meta, render(sidecar(doc, config)), where):
        return 1
    _write_stdout(doc.text)
    return 0


def clean_stdin(config: Any, meta: Path | None) -> int:
    """Text on stdin (never taken as JSONL): its clean text on stdout, its sidecar at `meta`."""
    from scrubber.pipeline import clean

    try:
        _check_meta(meta)
    except UsageError as error:
        _say(error.render())
        return 2
    raw = sys.stdin.buffer.read()
    try:
        doc = clean(raw, config, path=None)
    except InputError as error:
        error.path = error.path or "<stdin>"
        _say(error.render())
        return 1
    return _print_page(doc, config, meta, None)


def unique_inputs(paths: list[Path]) -> list[Path]:
    """The inputs with repeats left out (first seen kept): the same file named twice.

    Two names are the same input when they resolve to the same file and, for a
    file, have the same name (so give the same output); a symlink under another
    name is another input.
    """
    seen: set[tuple[str, str]] = set()
    unique: list[Path] = []
    for path in paths:
        try:
            resolved = str(path.resolve())
        except (OSError, RuntimeError):  # a symlink loop: reported when it is read
            resolved = os.path.abspath(path)
        key = (resolved, "" if path.is_dir() else path.name)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def clean_to_stdout(
    paths: list[Path], config: Any, meta: Path | None = None, *, jobs: int | None = None
) -> int:
    """One file without -o: its clean text on stdout (and its sidecar at `meta`).

    A JSONL shard gives its cleaned records, the bytes `clean SHARD -o OUT` writes.
    """
    from scrubber.io import is_jsonl
    from scrubber.pipeline import clean_path

    paths = unique_inputs(paths)
    if len(paths) != 1 or paths[0].is_dir():
        what = "a directory" if paths[0].is_dir() else "several inputs"
        _say(f"scrubber: error: {paths[0]}: {what} needs an output directory (hint: add -o OUT)")
        return 2
    path = paths[0]
    try:
        if is_jsonl(path) and meta is not None:
            raise UsageError(
                "--meta with a JSONL shard: each record's sidecar is in its metadata.scrubber",
                path=str(path),
                hint="use -o OUT for the shard's own sidecar, OUT/<name>.jsonl.meta.json",
            )
        _check_meta(meta, path)
    except UsageError as error:
        _say(error.render())
        return 2
    if is_jsonl(path):
        return _shard_to_stdout(path, config, jobs)
    try:
        doc = clean_path(path, config)
    except InputError as error:
        _say(error.render())
        return 1
    return _print_page(doc, config, meta, str(path))


def _shard_to_stdout(path: Path, config: Config, jobs: int | None) -> int:
    """A JSONL shard's cleaned records on stdout, record errors on stderr (see batch)."""
    from scrubber.batch import stream_shard
    from scrubber.workers import default_jobs

    try:
        summary = stream_shard(path, config, _write_bytes, _say, jobs=jobs or default_jobs())
    except KeyboardInterrupt:
        _say(
            "scrubber: interrupted; the last record on stdout may be cut, the rest were not cleaned"
        )
        return 130
    return 1 if summary.errors else 0


def clean_batch(
    paths: list[Path],
    out: Path,
    config: Any,
    *,
    jobs: int | None = None,
    progress: bool | None = None,
    force: bool = False,
    exclude: tuple[str, ...] = (),
) -> int:
    """Files and directories into OUT, `jobs` processes (default: all cores); see batch."""
    from scrubber.batch import count_inputs, run_batch
    from scrubber.progress import Progress
    from scrubber.workers import default_jobs

    paths = unique_inputs(paths)
    jobs = jobs or default_jobs()
    show = sys.stderr.isatty() if progress is None else progress
    files, size = count_inputs(paths, out, exclude) if show else (0, 0)
    try:
        with Progress(show, size, files) as bar:
            summary = run_batch(
                paths,
                out,
                config,
                jobs=jobs,
                force=force,
                say=bar.say,
                progress=bar,
                exclude=exclude,
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
    from scrubber.io import is_jsonl
    from scrubber.report import render, sidecar

    given = str(path)
    if given != "-" and path.is_dir():
        _say(
            UsageError(
                "is a directory; explain shows one page",
                path=given,
                hint=f"name one file in it, or lint them all with 'scrubber check {given}'",
            ).render()
        )
        return 2
    if given != "-" and is_jsonl(path) and path.exists():
        _say(
            UsageError(
                "explain shows one page, not a JSONL shard", path=given, hint=_explain_shard(given)
            ).render()
        )
        return 2
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

    if doc.kind == "html":
        _say(_html_note(doc, given))
    explain_lines(doc)
    return 0


def _fixed_without_findings(path: Path) -> str:
    """Why a file --fix rewrote has no finding line: every change was under an ignored code."""
    return (
        f"scrubber: note: {path}: rewritten as clean writes it, though every change is under"
        " a rule its settings ignore (clean repairs layout and encoding whatever is ignored)"
    )


def _html_note(doc: Document, given: str) -> str:
    """What the line numbers of an HTML page's explanation count (a note on stderr)."""
    mode = doc.metadata.get("mode", "page-text")
    where = "<stdin>" if given == "-" else given
    counted = (
        "the page's whole text (trafilatura found no article)"
        if mode == "page-text"
        else f"the article text trafilatura extracted ({mode} mode)"
    )
    return f"scrubber: note: {where} is HTML; the lines below are {counted}"


def _explain_shard(given: str) -> str:
    """How to explain one record of a shard (and, for a plain shard, check them all)."""
    quoted = shlex.quote(given)
    if given.lower().endswith(".gz"):
        return (
            f"'zcat {quoted} | sed -n LINEp | jq -r .text | scrubber explain -' explains one record"
        )
    return (
        f"'sed -n LINEp {quoted} | jq -r .text | scrubber explain -' explains one record;"
        f" 'scrubber check {quoted}' gives findings per record"
    )


def list_rules(code: str | None) -> int:
    from scrubber.rules.registry import all_rules

    rules = all_rules()
    if code is not None:
        # A name, a whole code, or a prefix as --select takes it (SCR1: every SCR1xx rule).
        chosen = [r for r in rules if r.name == code] or [
            r for r in rules if r.code.startswith(code.strip().upper())
        ]
        if not code.strip() or not chosen:
            _say(f"scrubber: error: no rule {code!r} (hint: run 'scrubber rules' for the list)")
            return 2
        _write_stdout("\n".join(f"{r.code} {r.name} ({r.scope} rule)\n\n{r.doc}\n" for r in chosen))
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
                if checked.changed and not checked.findings and not checked.errors:
                    _say(_fixed_without_findings(checked.path))
                if checked.changed and not checked.after:
                    from scrubber.batch import empty_warning

                    _say(empty_warning(str(checked.path)))  # as clean says it
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
        _say(lint.summary(files, findings, changed, options, failed))
    if failed:
        return 1
    flagged = changed if (fixing or options.diff) else findings
    return 1 if flagged and not options.exit_zero else 0
