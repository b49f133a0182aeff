"""`scrubber check`: `clean`'s own decisions rendered as lint findings, and `--fix`.

Nothing here detects anything. A file is cleaned exactly as `clean` would
clean it; every removal (`Document.removals`), every repair (`Document.fixes`)
and every whitespace/encoding change between the file and the clean output
becomes one finding. `--fix` writes the clean output itself, so `check` after
`--fix` finds nothing, and a file with no findings is byte-identical to what
`clean` writes for it.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scrubber import records
from scrubber.config import Config, rule_codes
from scrubber.errors import InputError, UsageError
from scrubber.io import (
    HTML_SUFFIXES,
    TEXT_SUFFIXES,
    UNREADABLE_HINT,
    Unreadable,
    read_error,
    suffix_of,
    walk,
)
from scrubber.model import Document
from scrubber.pipeline import clean
from scrubber.rules import text_rules
from scrubber.rules.registry import REGISTRY
from scrubber.settings import validate_codes

FIXABLE_JSONL_SUFFIXES = (".jsonl",)  # a gzipped shard cannot be fixed in place
CHECKED_SUFFIXES = TEXT_SUFFIXES + FIXABLE_JSONL_SUFFIXES
UNEXPLAINED = "clean rewrites this text (a difference no rule explains; please report it)"


@dataclass(frozen=True)
class Options:
    """What `scrubber check` was asked to do (parsed by the CLI)."""

    fix: bool = False
    diff: bool = False
    output_format: str = "concise"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    exit_zero: bool = False
    quiet: bool = False


@dataclass(frozen=True)
class Finding:
    """One thing `clean` would change, at `path:line:column`."""

    path: str
    line: int
    column: int
    code: str
    name: str
    message: str
    record: str | None = None
    """JSONL: the record's id (JSON-encoded) when it has one."""
    text_line: int | None = None
    """JSONL: the line within the record's text."""

    def concise(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"


@dataclass
class Checked:
    """One file: its findings, its bytes, the bytes `clean` writes for it, and errors."""

    path: Path
    before: bytes = b""
    after: bytes = b""
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    before_text: list[str] = field(default_factory=list)
    after_text: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after


# -- findings from a cleaned document -------------------------------------------------


Spot = tuple[int, int, str, str]
"""(line, column, code, message) within one text."""


def document_findings(
    doc: Document, original: str, config: Config, noun: str = "file"
) -> list[Spot]:
    """Every change `clean` made to `original` (the decoded input) as findings, in order."""
    spots: list[Spot] = []
    for code, check in (("SCR005", text_rules.encoding), ("SCR007", text_rules.markup)):
        message = check(doc.source)
        if message:
            spots.append((1, 1, code, message))
    if doc.kind == "text":
        spots.extend(_decision_spots(doc))
        spots.extend(
            (line, column, "SCR006", message)
            for line, column, message in text_rules.layout(original, doc, noun)
        )
    if not spots and doc.text != original:
        spots.append((1, 1, "SCR006", UNEXPLAINED))
    return sorted(s for s in spots if config.rule_enabled(s[2]))


def _decision_spots(doc: Document) -> Iterator[Spot]:
    dropped = {d.line for d in doc.removals}
    for d in doc.removals:
        column = len(d.text) - len(d.text.lstrip()) + 1
        yield d.line, column if d.text.strip() else 1, d.code, d.message
    checks = (
        ("SCR002", text_rules.mojibake),
        ("SCR003", text_rules.control_characters),
        ("SCR004", text_rules.unicode_form),
    )
    for fix in doc.fixes:
        if fix.line in dropped:
            continue  # the line goes: its removal is the finding
        for code, check in checks:
            message = check(fix)
            if message:
                yield fix.line, text_rules.fix_column(code, fix), code, message


def _finding(path: str, spot: Spot, **extra: Any) -> Finding:
    line, column, code, message = spot
    rule = REGISTRY.get(code)
    return Finding(path, line, column, code, rule.name if rule else "", message, **extra)


# -- files ----------------------------------------------------------------------------


def check_file(path: Path, config: Config) -> Checked:
    """Clean one file as `clean` would and say what changes; never raises for bad input."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Checked(path, errors=[read_error(path, exc).render()])
    return check_bytes(raw, path, config)


def check_bytes(raw: bytes, path: Path, config: Config) -> Checked:
    """`check_file` on content already read; `path` names it and picks text or JSONL."""
    checked = Checked(path, before=raw, after=raw)
    if not raw:
        return checked  # what clean writes for a page that was all chrome
    config = replace(config, detect_language=False)  # language never changes the text
    if suffix_of(path) in FIXABLE_JSONL_SUFFIXES:
        _check_jsonl(checked, config)
    else:
        _check_text(checked, config)
    return checked


def _check_text(checked: Checked, config: Config) -> None:
    from scrubber.decode import decode

    where = str(checked.path)
    try:
        doc = clean(checked.before, config, path=where)
        original = decode(checked.before, where)[0]
    except InputError as error:
        checked.errors.append(error.render())
        return
    checked.after = doc.text.encode("utf-8")
    checked.before_text, checked.after_text = [original], [doc.text]
    checked.findings = [_finding(where, s) for s in document_findings(doc, original, config)]


def _check_jsonl(checked: Checked, config: Config) -> None:
    """Each record's `text` as `clean` cleans it; only records whose text changes are rewritten."""
    from scrubber.batch import clean_text  # how `clean` cleans a record's text

    where = str(checked.path)
    out: list[bytes] = []
    for number, raw in enumerate(io.BytesIO(checked.before), start=1):
        out.append(raw)
        if not raw.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = _record(raw, at)
            text = record["text"]
            doc = clean_text(text, config, at) if text else None
        except InputError as error:
            checked.errors.append(error.render())
            continue
        if doc is None or doc.text == text:
            continue
        ending = raw[len(raw.rstrip(b"\r\n")) :]
        try:
            rewritten = records.dump({**record, "text": doc.text}, at)
        except InputError as error:
            checked.errors.append(error.render())
            continue
        out[-1] = rewritten + ending
        label = _record_label(record)
        for spot in document_findings(doc, text, config, noun="text"):
            line, _, code, message = spot
            located = (number, 1, code, f"{label}, text line {line}: {message}")
            rid = None if record.get("id") is None else json.dumps(record["id"], ensure_ascii=False)
            checked.findings.append(_finding(where, located, record=rid, text_line=line))
    checked.after = b"".join(out)
    if checked.changed:
        checked.before_text = [checked.before.decode("utf-8", errors="replace")]
        checked.after_text = [checked.after.decode("utf-8", errors="replace")]


def _record(raw: bytes, at: str) -> dict[str, Any]:
    record = records.parse(raw, at)
    if not isinstance(record.get("text"), str):
        raise InputError("record has no string 'text'", path=at, hint="each line needs a text")
    return record


def _record_label(record: dict[str, Any]) -> str:
    rid = record.get("id")
    return "record (no id)" if rid is None else f"record {json.dumps(rid, ensure_ascii=False)}"


def write_fix(checked: Checked) -> bool:
    """Replace the file with `clean`'s output atomically, keeping its mode; True if it changed."""
    if not checked.changed:
        return False
    target = checked.path.resolve()  # through symlinks: the link stays a link
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(checked.after)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def unified_diff(checked: Checked) -> str:
    """What --fix would change, as a unified diff of the decoded texts."""
    if not checked.changed:
        return ""
    before = checked.before_text[0].splitlines(keepends=True) if checked.before_text else []
    after = checked.after_text[0].splitlines(keepends=True) if checked.after_text else []
    name = str(checked.path)
    # A tab ends each file name (as diff -u writes it), so patch reads names with spaces.
    lines = difflib.unified_diff(
        before, after, fromfile=f"a/{name}", tofile=f"b/{name}", fromfiledate=" ", tofiledate=" "
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    if not out:  # same text, different bytes: the encoding or a byte order mark
        out.append(f"--- a/{name}\n+++ b/{name}\n(bytes change: re-encoded as UTF-8)\n")
    return "".join(out)


# -- rendering ------------------------------------------------------------------------


def render(findings: Iterable[Finding], fmt: str, fixed: bool = False) -> str:
    """Findings as `path:line:col: CODE message` lines, a JSON array or GitHub annotations."""
    findings = list(findings)
    if fmt == "json":
        rows = [_json_row(f, fixed) for f in findings]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        level = "notice" if fixed else "error"
        return "".join(_annotation(f, level) + "\n" for f in findings)
    return "".join(f.concise() + "\n" for f in findings)


def _json_row(finding: Finding, fixed: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "code": finding.code,
        "rule": finding.name,
        "message": finding.message,
        "fixed": fixed,
        # Always present, so every row has one shape: null outside JSONL records.
        "record": None if finding.record is None else json.loads(finding.record),
        "text_line": finding.text_line,
    }
    return row


def _escape(value: str, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _annotation(f: Finding, level: str) -> str:
    props = f"title={_escape(f'scrubber ({f.code})', True)},file={_escape(f.path, True)}"
    props += f",line={f.line},col={f.column}"
    return f"::{level} {props}::{_escape(f.concise())}"


# -- selection and the run ------------------------------------------------------------


def parse_codes(values: Iterable[str] | None, flag: str) -> tuple[str, ...] | None:
    """`--select SCR1,SCR201 --select SCR002` -> ("SCR1", "SCR201", "SCR002"); None if absent."""
    if values is None:
        return None
    codes = rule_codes(values, flag)
    if not codes:
        raise UsageError("no rule codes given", path=flag, hint="e.g. --select SCR1,SCR002")
    return validate_codes(codes, flag)


def run(
    paths: list[Path], select: tuple[str, ...] | None, ignore: tuple[str, ...] | None
) -> Iterator[Checked]:
    """Check every file under `paths` with its own settings; excluded files are skipped.

    Raises UsageError for a missing path or a bad pyproject.toml.
    """
    from scrubber import settings

    settings.forget()  # pyproject.toml files may have changed since an earlier run
    for path in paths:
        if not path.exists():
            raise UsageError("no such file or directory", path=str(path), hint="check the path")
    for item in collect(paths):
        if isinstance(item, InputError):
            yield Checked(Path(item.path or ""), errors=[item.render()])
            continue
        found = settings.for_path(item)
        if not found.excluded(item):
            yield check_file(item, found.config_for(item, select, ignore))


def collect(paths: list[Path]) -> Iterator[Path | InputError]:
    """Checkable files under the given paths (directories walked), each once, in order."""
    seen: set[str] = set()
    for given in paths:
        if given.is_dir():
            found: Iterable[Path | Unreadable] = (
                p for p in walk(given) if isinstance(p, Unreadable) or _checked(p)
            )
        elif suffix_of(given) in (*HTML_SUFFIXES, ".jsonl.gz"):
            yield InputError(
                f"check reads text, Markdown and JSONL files, not {suffix_of(given)}",
                path=str(given),
                hint="clean it with 'scrubber clean' and check the output",
            )
            continue
        else:
            found = [given]
        for path in found:
            if isinstance(path, Unreadable):
                yield InputError(path.problem, path=str(path.path), hint=UNREADABLE_HINT)
                continue
            key = os.path.abspath(path)
            if key not in seen:
                seen.add(key)
                yield path


def _checked(path: Path) -> bool:
    return suffix_of(path) in CHECKED_SUFFIXES


def summary(files: int, findings: int, changed: int, options: Options, failed: int = 0) -> str:
    """The one-line report on stderr; files that could not be read are not counted as checked."""

    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'' if n == 1 else 's'}"

    checked = count(files - failed, "file") + " checked"
    if failed:
        checked += f", {count(failed, 'file')} failed (see above)"
    if options.diff:
        return f"scrubber: {checked}, {count(changed, 'file')} would be changed by --fix"
    if options.fix:
        return f"scrubber: {checked}, {count(changed, 'file')} fixed ({count(findings, 'finding')})"
    if not findings:
        return f"scrubber: {checked}, no findings"
    return (
        f"scrubber: {checked}, {count(findings, 'finding')} "
        "(scrubber check --fix rewrites files as scrubber clean writes them)"
    )
