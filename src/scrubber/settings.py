"""`[tool.scrubber]` in pyproject.toml, found by walking up from each checked file.

    [tool.scrubber]
    select = ["SCR"]                 # rule codes or prefixes; default: all
    ignore = ["SCR202"]
    exclude = ["raw/", "*.md"]       # globs, relative to the pyproject.toml
    strip = true                     # any Config option, kebab- or snake-case

    [tool.scrubber.per-file-ignores]
    "notes/*.txt" = ["SCR006"]

The nearest pyproject.toml holding a `[tool.scrubber]` table applies (others
are passed over, as ruff does). A glob matches the file's path relative to that
file's directory or any of its parent directories; a glob without `/` also
matches any single file or directory name. Command-line `--select` and
`--ignore` replace the configured lists; per-file ignores still apply.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import Any

from scrubber.config import CODES_HINT, Config, first_unknown_code
from scrubber.errors import UsageError

TABLE = "tool.scrubber"
_LISTS = ("select", "ignore", "exclude")
_OPTIONS = {
    f.name: f.default
    for f in dataclasses.fields(Config)
    if f.name not in ("select", "ignore") and f.default is not dataclasses.MISSING
}


@dataclass(frozen=True)
class Settings:
    """One `[tool.scrubber]` table (or the defaults when there is none)."""

    root: str | None = None
    """Directory of the pyproject.toml the settings come from."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()

    def _relative(self, path: Path) -> str | None:
        if self.root is None:
            return None
        rel = os.path.relpath(os.path.abspath(path), self.root)
        return None if rel.startswith("..") else Path(rel).as_posix()

    def excluded(self, path: Path) -> bool:
        rel = self._relative(path)
        return rel is not None and any(matches(rel, p) for p in self.exclude)

    def config_for(
        self,
        path: Path,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] | None = None,
    ) -> Config:
        """The Config for one file: command-line lists win over configured ones."""
        ignored = list(ignore if ignore is not None else self.ignore or ())
        rel = self._relative(path)
        if rel is not None:
            for pattern, codes in self.per_file_ignores:
                if matches(rel, pattern):
                    ignored.extend(codes)
        chosen = select if select is not None else self.select or ()
        return Config(**dict(self.options), select=chosen, ignore=tuple(ignored))


def matches(rel: str, pattern: str) -> bool:
    """Glob `pattern` against a relative posix path, its parent directories and (no `/`) names."""
    pattern = pattern.strip("/")
    parts = rel.split("/")
    candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    if "/" not in pattern:
        candidates += parts
    return any(fnmatchcase(c, pattern) for c in candidates)


def for_path(path: Path) -> Settings:
    """Settings of the nearest pyproject.toml with `[tool.scrubber]` above `path`."""
    return _for_directory(os.path.dirname(os.path.abspath(path)))


def forget() -> None:
    """Drop the per-directory cache (a long-lived process may see pyproject.toml change)."""
    _for_directory.cache_clear()


@lru_cache(maxsize=256)
def _for_directory(directory: str) -> Settings:
    candidate = os.path.join(directory, "pyproject.toml")
    if os.path.isfile(candidate):
        found = load(Path(candidate))
        if found is not None:
            return found
    parent = os.path.dirname(directory)
    return Settings() if parent == directory else _for_directory(parent)


def load(pyproject: Path) -> Settings | None:
    """Parse and validate one pyproject.toml; None when it has no `[tool.scrubber]`."""
    where = str(pyproject)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read ({exc})", path=where, hint="fix the TOML") from None
    table = data.get("tool", {}).get("scrubber")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise UsageError(
            f"[{TABLE}] is not a table", path=where, hint="see 'scrubber check --help'"
        )
    lists: dict[str, tuple[str, ...]] = {}
    options: list[tuple[str, Any]] = []
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in _LISTS:
            lists[name] = _strings(value, f"{TABLE}.{key}", where)
        elif name == "per_file_ignores":
            per_file = _per_file(value, where)
        elif name in _OPTIONS:
            options.append((name, _option(name, value, where)))
        else:
            names = [*_LISTS, "per-file-ignores", *(n.replace("_", "-") for n in _OPTIONS)]
            known = ", ".join(sorted(names))
            raise UsageError(
                f"unknown key {key!r} in [{TABLE}]", path=where, hint=f"known keys: {known}"
            )
    for name in ("select", "ignore"):
        if name in lists:
            lists[name] = validate_codes(tuple(c.upper() for c in lists[name]), where)
    for _, codes in per_file:
        validate_codes(codes, where)
    return Settings(
        root=str(pyproject.parent.absolute()),
        select=lists.get("select"),
        ignore=lists.get("ignore"),
        exclude=lists.get("exclude", ()),
        per_file_ignores=per_file,
        options=tuple(options),
    )


def validate_codes(codes: tuple[str, ...], where: str) -> tuple[str, ...]:
    """The codes, if each is a rule code or a prefix of one; else a UsageError."""
    unknown = first_unknown_code(codes)
    if unknown is not None:
        raise UsageError(f"unknown rule code {unknown!r}", path=where, hint=CODES_HINT)
    return codes


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        example = '["raw/", "*.md"]' if key.endswith("exclude") else '["SCR1"]'
        raise UsageError(f"{key} must be a list of strings", path=where, hint=f"e.g. {example}")
    return tuple(value)


def _per_file(value: object, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    key = f"{TABLE}.per-file-ignores"
    if not isinstance(value, dict):
        raise UsageError(f"{key} must be a table", path=where, hint='"glob" = ["SCR006"]')
    return tuple(
        (pattern, tuple(c.upper() for c in _strings(codes, f"{key}.{pattern!r}", where)))
        for pattern, codes in value.items()
    )


def _option(name: str, value: object, where: str) -> object:
    default = _OPTIONS[name]
    expected = type(default)
    ok = isinstance(value, expected) and (expected is bool or not isinstance(value, bool))
    if not ok:
        raise UsageError(
            f"{TABLE}.{name.replace('_', '-')} must be a {expected.__name__}, not {value!r}",
            path=where,
            hint=f"the default is {default!r}",
        )
    return value
