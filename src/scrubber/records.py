"""JSONL records: one JSON object per line, read and written the same way by clean and check.

A record is parsed strictly (NaN and Infinity are not JSON) and written back as
standard JSON: a value no JSON can hold (a number beyond a double, such as
1e400, which Python reads as infinity; half a surrogate pair from a bad
"\\ud800" escape) fails that record instead of giving a line other tools cannot
read. Values are kept; their spelling may change (1.10 is written 1.1).
"""

from __future__ import annotations

import json
import re
from typing import Any

from scrubber.errors import InputError, lone_surrogates

# A \uD800-\uDFFF escape: maybe half a surrogate pair (checked further only then).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_FIX_HINT = "fix or drop the line"


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse(raw: bytes, where: str) -> dict[str, Any]:
    """One line as a JSON object; InputError naming `where` (shard:line) otherwise."""
    try:
        record = json.loads(raw, parse_constant=_no_constants)
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError or a NaN/Infinity token
        if isinstance(exc, json.JSONDecodeError):
            reason = exc.msg
        elif isinstance(exc, UnicodeDecodeError):
            reason = "not UTF-8"
        else:
            reason = str(exc)
        raise InputError(f"invalid JSON ({reason})", path=where, hint=_FIX_HINT) from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object", path=where, hint="one object per line")
    if _SURROGATE_ESCAPE.search(raw):
        dump(record, where)  # raises for half a surrogate pair, before any cleaning
    return record


def dump(record: dict[str, Any], where: str) -> bytes:
    """The record as one line of standard JSON (UTF-8, no newline)."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"the record holds a lone surrogate ({lone_surrogates(exc)}), which is not text",
            path=where,
            hint="fix the \\u escape (a surrogate pair needs both halves) or drop the line",
        ) from None
    except ValueError:
        raise InputError(
            "the record holds a number no JSON reader can hold (such as 1e400)",
            path=where,
            hint=_FIX_HINT,
        ) from None
