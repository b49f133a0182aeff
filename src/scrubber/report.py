"""The JSON sidecar: the same decisions `clean`, `check` and `explain` render."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.resources import files
from json.encoder import encode_basestring
from typing import Any

from scrubber import __version__
from scrubber.config import Config
from scrubber.model import Decision, Document
from scrubber.versions import package_version

SCHEMA_VERSION = "1.0"


def tool_info(config: Config) -> dict[str, Any]:
    return {
        "name": "scrubber",
        "version": __version__,
        "config_hash": _config_hash(config),
        "dependencies": {
            name: package_version(name) for name in ("trafilatura", "ftfy", "langdetect")
        },
    }


@lru_cache(maxsize=16)
def _config_hash(config: Config) -> str:
    """`config.digest()`, computed once per configuration (a run has one)."""
    return config.digest()


def sidecar(doc: Document, config: Config, output_path: str | None = None) -> dict[str, Any]:
    """The sidecar as a dict with a fixed key order and no timestamps."""
    src = doc.source
    out_bytes = doc.text.encode("utf-8")
    removals = doc.removals
    removed = [
        {"line": d.line, "code": d.code, "rule": d.name, "message": d.message, "text": d.text}
        for d in removals
    ]
    data: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "source": {
            "path": src.path,
            "bytes": src.size,
            "sha256": src.sha256,
            "kind": src.kind,
            "encoding": src.encoding,
            "encoding_detection": src.encoding_method,
        },
        "output": {
            "path": output_path,
            "sha256": hashlib.sha256(out_bytes).hexdigest(),
            "lines": doc.text.count("\n"),
            "chars": len(doc.text),
        },
        "status": doc.status,
        "language": _language(doc),
    }
    if doc.title:
        data["title"] = doc.title
    if doc.metadata:
        data["extraction"] = doc.metadata
    data["fixes"] = [
        {
            "line": f.line,
            "kind": f.kind,
            "steps": list(f.steps),
            "before": f.before,
            "after": f.after,
        }
        for f in doc.fixes
    ]
    data["removed"] = removed
    data["stats"] = _stats(doc, removals)
    data["tool"] = tool_info(config)
    return data


def _language(doc: Document) -> dict[str, Any] | None:
    lang = doc.language
    if lang is None:
        return None
    return {
        "code": lang.code,
        "probability": lang.probability,
        "detector": lang.detector,
        "detector_version": lang.detector_version,
    }


def _stats(doc: Document, removals: list[Decision]) -> dict[str, Any]:
    by_rule: dict[str, int] = {}
    for d in removals:
        by_rule[d.code] = by_rule.get(d.code, 0) + 1
    return {
        "input_lines": len(doc.lines),
        "kept_lines": len(doc.decisions) - len(removals),
        "removed_lines": len(removals),
        "fixed_lines": len(doc.fixes),
        "removed_by_rule": dict(sorted(by_rule.items())),
    }


def render(data: dict[str, Any]) -> bytes:
    """Canonical bytes: same sidecar dict, same bytes.

    Exactly `json.dumps(data, ensure_ascii=False, indent=2)` plus a newline;
    with an indent, json encodes in pure Python, so JSON values are laid out
    here with the C string encoder instead (several times faster).
    """
    try:
        text = _indented(data, "")
    except _Unusual:
        text = json.dumps(data, ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


class _Unusual(Exception):
    """A value json.dumps would convert specially (non-string keys, other types)."""


def _indented(value: object, level: str) -> str:
    """json.dumps(value, ensure_ascii=False, indent=2) at the given indentation level."""
    # Same tests in the same order as json's encoder (str, None, bools, int, float, ...).
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = level + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = ",\n".join(inner + _indented(item, inner) for item in value)
        return f"[\n{items}\n{level}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual
            parts.append(f"{inner}{encode_basestring(key)}: {_indented(item, inner)}")
        return "{\n" + ",\n".join(parts) + f"\n{level}}}"
    raise _Unusual


@lru_cache(maxsize=2)
def schema(name: str = "sidecar") -> dict[str, Any]:
    """A JSON Schema shipped in the package: "sidecar" (one per page or record) or
    "shard-sidecar" (OUT/<rel>.jsonl.meta.json, one per JSONL shard)."""
    path = files("scrubber").joinpath("data", f"{name}.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded
