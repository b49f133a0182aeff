"""Run configuration: what a run does, hashed into every sidecar."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache

from scrubber.errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Options that change the output. Two runs with equal configs give equal bytes."""

    strip: bool = True
    """Remove chrome; when off, text is only repaired and normalised (kept line for line)."""
    detect_language: bool = True
    min_language_chars: int = 80
    """Below this many letters of clean text the language is reported as `und`."""
    language_sample_chars: int = 4000
    """Language detection reads at most this much of the clean text (head and middle)."""
    select: tuple[str, ...] = ()
    """Rule codes (or prefixes) to apply; empty means all."""
    ignore: tuple[str, ...] = field(default=())
    """Rule codes (or prefixes) never to apply."""

    def __post_init__(self) -> None:
        """`select` and `ignore` as the CLI reads them: "SCR1,scr202" or ["SCR1"] -> tuples.

        Each item may hold several comma-separated codes; codes are upper-cased. A code
        that is neither a rule code nor a prefix of one raises ConfigError (a ValueError).
        """
        for name in ("select", "ignore"):
            codes = rule_codes(getattr(self, name), name)
            if codes:
                _check_known(codes, name)
            object.__setattr__(self, name, codes)

    def rule_enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(s) for s in self.ignore)

    def digest(self) -> str:
        """A stable short hash of the options, recorded in sidecars for resume checks.

        Rule lists count as sets: `--select SCR2,SCR1` is the run `--select SCR1,SCR2` is.
        """
        options = asdict(self)
        options["select"], options["ignore"] = sorted(set(self.select)), sorted(set(self.ignore))
        payload = json.dumps(options, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()[:16]


def rule_codes(value: object, name: str = "select") -> tuple[str, ...]:
    """`"SCR1, scr202"` or `["SCR1", "SCR202"]` -> `("SCR1", "SCR202")`; TypeError otherwise."""
    items: list[object]
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        items = [value]
    for item in items:
        if not isinstance(item, str):
            raise TypeError(
                f"Config.{name} takes rule codes as a str or a sequence of str, not {item!r}"
            )
    return tuple(
        code.strip().upper() for item in items for code in str(item).split(",") if code.strip()
    )


def _check_known(codes: tuple[str, ...], name: str) -> None:
    unknown = first_unknown_code(codes)
    if unknown is not None:
        raise ConfigError(
            f"unknown rule code {unknown!r} in Config.{name}",
            hint=f"{CODES_HINT}, as does scrubber.rules.registry.all_rules()",
        )


CODES_HINT = "codes or prefixes such as SCR104, SCR1; 'scrubber rules' lists them"


def first_unknown_code(codes: tuple[str, ...]) -> str | None:
    """The first code that is neither a rule code nor a prefix of one (None if all are).

    The rule registry is imported on first use, not when the module loads: `Config()`
    stays cheap.
    """
    known = _known_codes()
    return next((code for code in codes if not any(k.startswith(code) for k in known)), None)


@cache
def _known_codes() -> tuple[str, ...]:
    """Every rule code (a Config is made per HTML page: the registry is listed once)."""
    from scrubber.rules.registry import all_rules

    return tuple(rule.code for rule in all_rules())
