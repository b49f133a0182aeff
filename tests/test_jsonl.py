"""JSONL shards: streamed record by record, cleaned like files, errors per line, resumable."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pages import page

from scrubber import batch
from scrubber.batch import run_batch
from scrubber.config import Config
from scrubber.progress import Summary
from scrubber.report import schema

CONFIG = Config()
NO_LANG = Config(detect_language=False)


def _records(count: int) -> list[dict[str, object]]:
    langs = ("en", "fr", "de")
    return [
        {"id": f"doc-{n}", "text": page(n, langs[n % 3]), "metadata": {"url": f"u{n}"}, "n": n}
        for n in range(count)
    ]


def _write(path: Path, records: list[dict[str, object]], extra: list[bytes] | None = None) -> None:
    lines = [json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records]
    data = b"".join(lines) + b"".join(extra or [])
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)


def _run(
    inputs: Path, out: Path, jobs: int = 1, config: Config = NO_LANG
) -> tuple[Summary, list[str]]:
    messages: list[str] = []
    summary = run_batch([inputs], out, config, jobs=jobs, say=messages.append)
    return summary, messages


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def test_records_are_cleaned_exactly_like_the_same_text_as_a_file(tmp_path: Path) -> None:
    records = _records(6)
    records.append({"id": "moji", "text": "Le cafÃ© est ouvert.\nIl fait beau aujourd'hui."})
    records.append({"id": "bom", "text": "\ufeffA line after a byte order mark.\n"})
    _write(tmp_path / "in" / "shard.jsonl", records)
    files = tmp_path / "files"
    for record in records:
        (files / f"{record['id']}.txt").parent.mkdir(parents=True, exist_ok=True)
        (files / f"{record['id']}.txt").write_text(str(record["text"]), encoding="utf-8")
    _run(tmp_path / "in", tmp_path / "out", config=CONFIG)
    _run(files, tmp_path / "files_out", config=CONFIG)
    for record in _read(tmp_path / "out" / "shard.jsonl"):
        expected = (tmp_path / "files_out" / f"{record['id']}.txt").read_text(encoding="utf-8")
        assert record["text"] == expected
        ours = record["metadata"]["scrubber"]
        theirs = json.loads((tmp_path / "files_out" / f"{record['id']}.meta.json").read_bytes())
        for key in ("removed", "fixes", "language", "stats", "status"):
            assert ours[key] == theirs[key], key
        assert ours["source"]["sha256"] == theirs["source"]["sha256"]


def test_records_keep_order_fields_and_metadata(tmp_path: Path) -> None:
    records = _records(30)
    _write(tmp_path / "in" / "a" / "shard.jsonl", records)
    _run(tmp_path / "in", tmp_path / "out")
    out = _read(tmp_path / "out" / "a" / "shard.jsonl")
    assert [r["id"] for r in out] == [r["id"] for r in records]
    assert [r["n"] for r in out] == list(range(30))
    assert all(r["metadata"]["url"] == f"u{r['n']}" for r in out)
    assert all(r["metadata"]["scrubber"]["removed"] for r in out)
    assert all("Share this article" not in str(r["text"]) for r in out)


def test_bad_lines_are_reported_with_shard_and_line_and_the_rest_continues(
    tmp_path: Path,
) -> None:
    good = _records(3)
    extra = [
        b"{not json}\n",  # line 4
        b"\n",  # line 5: blank, skipped silently
        json.dumps({"id": "no-text"}).encode() + b"\n",  # line 6
        json.dumps({"id": "num", "text": 42}).encode() + b"\n",  # line 7
        b"[1, 2]\n",  # line 8
        b'{"id": "latin1", "text": "caf\xe9"}\n',  # line 9: not UTF-8
        json.dumps({"id": "empty", "text": ""}).encode() + b"\n",  # line 10: kept, empty
        json.dumps(_records(4)[3]).encode() + b"\n",  # line 11
    ]
    shard = tmp_path / "in" / "s.jsonl"
    _write(shard, good, extra)
    summary, messages = _run(tmp_path / "in", tmp_path / "out")
    where = [m.split(": ")[2] for m in messages]
    assert where == [f"{shard}:{n}" for n in (4, 6, 7, 8, 9)]
    assert "invalid JSON" in messages[0] and "no string 'text'" in messages[1]
    assert "not a JSON object" in messages[3] and "not UTF-8" in messages[4]
    out = _read(tmp_path / "out" / "s.jsonl")
    assert [r["id"] for r in out] == ["doc-0", "doc-1", "doc-2", "empty", "doc-3"]
    assert out[3]["text"] == "" and out[3]["metadata"]["scrubber"] == {"status": "empty"}
    assert summary.errors == 5 and summary.records == 10
    meta = json.loads((tmp_path / "out" / "s.jsonl.meta.json").read_bytes())
    assert {k: meta["stats"][k] for k in ("records", "cleaned", "failed")} == {
        "records": 10,
        "cleaned": 5,
        "failed": 5,
    }
    assert [e["line"] for e in meta["errors"]] == [4, 6, 7, 8, 9]
    jsonschema.validate(meta, schema("shard-sidecar"))
    for record in out:
        if record["text"]:
            jsonschema.validate(record["metadata"]["scrubber"], schema())


def test_a_rerun_skips_the_shard_but_says_again_that_records_failed(tmp_path: Path) -> None:
    """A wrapper that retries until exit 0 must not be told a shard with lost records is fine."""
    shard = tmp_path / "in" / "s.jsonl"
    _write(shard, _records(2), [b"{broken\n"])
    first, _ = _run(tmp_path / "in", tmp_path / "out")
    second, messages = _run(tmp_path / "in", tmp_path / "out")
    assert first.errors == 1 and second.errors == 1 and second.skipped == 1
    [message] = messages
    assert message.startswith(f"scrubber: error: {shard}: 1 record failed when this shard")
    assert f"listed in {tmp_path / 'out' / 's.jsonl.meta.json'}" in message


@pytest.mark.parametrize(
    ("metadata", "kind"),
    [("crawl=2024-05", "a string"), (["a", "b"], "a list"), (7, "a number"), (True, "a boolean")],
)
def test_metadata_that_is_not_an_object_fails_the_record_instead_of_being_replaced(
    tmp_path: Path, metadata: object, kind: str
) -> None:
    records = _records(2)
    records[1]["metadata"] = metadata
    records.append({"id": "null", "text": page(3, "en"), "metadata": None})
    shard = tmp_path / "in" / "s.jsonl"
    _write(shard, records)
    _, messages = _run(tmp_path / "in", tmp_path / "out")
    assert [m.split(": ")[2] for m in messages] == [f"{shard}:2"]
    assert f"'metadata' is {kind}, not an object" in messages[0]
    out = _read(tmp_path / "out" / "s.jsonl")
    assert [r["id"] for r in out] == ["doc-0", "null"]
    assert set(out[1]["metadata"]) == {"scrubber"}


def test_a_lone_surrogate_is_an_input_error_not_an_internal_error(tmp_path: Path) -> None:
    shard = tmp_path / "in" / "s.jsonl"
    lone = b'{"id": "x", "text": "bad \\ud800 here, and a whole page of text after it."}\n'
    pair = b'{"id": "y", "text": "An emoji written as a pair \\ud83d\\ude00 is fine."}\n'
    _write(shard, [], [lone, pair])
    _, messages = _run(tmp_path / "in", tmp_path / "out")
    [message] = messages
    assert message.startswith(f"scrubber: error: {shard}:1: the record holds a lone surrogate")
    assert "U+D800" in message and "internal error" not in message
    assert [r["id"] for r in _read(tmp_path / "out" / "s.jsonl")] == ["y"]


def test_records_are_written_as_standard_json_or_fail(tmp_path: Path) -> None:
    """NaN is not JSON, and 1e400 (read as infinity) cannot be written back as JSON: either
    would give a line other tools refuse, so the record fails; other values are kept."""
    text = page(1, "en")
    lines = [
        b'{"id": "nan", "x": NaN, "text": ' + json.dumps(text).encode() + b"}\n",
        b'{"id": "big", "x": 1e400, "text": ' + json.dumps(text).encode() + b"}\n",
        b'{"id": "ok", "x": 1.10, "u": "caf\\u00e9", "text": ' + json.dumps(text).encode() + b"}\n",
    ]
    shard = tmp_path / "in" / "s.jsonl"
    _write(shard, [], lines)
    _, messages = _run(tmp_path / "in", tmp_path / "out")
    assert [m.split(": ")[2] for m in messages] == [f"{shard}:1", f"{shard}:2"]
    assert "invalid JSON (NaN is not JSON)" in messages[0]
    assert "a number no JSON reader can hold" in messages[1]
    [record] = _read(tmp_path / "out" / "s.jsonl")
    assert (record["id"], record["x"], record["u"]) == ("ok", 1.1, "café")
    assert b"Infinity" not in (tmp_path / "out" / "s.jsonl").read_bytes()


def test_gzipped_shards_and_parallel_batches_give_identical_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "RECORDS_PER_BATCH", 3)  # many batches in flight at once
    records = _records(25)
    _write(tmp_path / "in" / "p.jsonl", records)
    _write(tmp_path / "in" / "z.jsonl.gz", records)
    _run(tmp_path / "in", tmp_path / "out1", jobs=1)
    _run(tmp_path / "in", tmp_path / "out2", jobs=2)
    for name in ("p.jsonl", "z.jsonl"):
        assert (tmp_path / "out2" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes()
    plain, gzipped = _read(tmp_path / "out1" / "p.jsonl"), _read(tmp_path / "out1" / "z.jsonl")
    assert [r["text"] for r in gzipped] == [r["text"] for r in plain]
    assert len(plain) == 25


def test_shards_resume_and_changed_shards_are_redone(tmp_path: Path) -> None:
    shard = tmp_path / "in" / "s.jsonl.gz"
    _write(shard, _records(5))
    _run(tmp_path / "in", tmp_path / "out")
    stamp = (tmp_path / "out" / "s.jsonl").stat().st_mtime_ns
    again, _ = _run(tmp_path / "in", tmp_path / "out", jobs=2)
    assert again.skipped == 1 and again.records == 0
    assert (tmp_path / "out" / "s.jsonl").stat().st_mtime_ns == stamp
    _write(shard, _records(6))
    third, _ = _run(tmp_path / "in", tmp_path / "out")
    assert third.skipped == 0 and third.records == 6
    assert len(_read(tmp_path / "out" / "s.jsonl")) == 6


def test_a_truncated_gzip_shard_keeps_the_records_read_and_records_the_error(
    tmp_path: Path,
) -> None:
    """A download cut short loses its tail, not the records before it; a rerun says so again."""
    shard = tmp_path / "in" / "t.jsonl.gz"
    records = _records(40)
    _write(shard, records)
    shard.write_bytes(shard.read_bytes()[:-300])
    summary, messages = _run(tmp_path / "in", tmp_path / "out")
    [message] = messages
    assert message.startswith(f"scrubber: error: {shard}: cannot read the shard after line ")
    assert summary.errors == 1
    written = _read(tmp_path / "out" / "t.jsonl")
    assert 0 < len(written) < len(records)
    assert [r["id"] for r in written] == [r["id"] for r in records[: len(written)]]
    meta = json.loads((tmp_path / "out" / "t.jsonl.meta.json").read_bytes())
    jsonschema.validate(meta, schema("shard-sidecar"))
    assert meta["errors"] == [{"line": len(written) + 1, "message": message}]
    assert meta["stats"]["failed"] == 1 and meta["stats"]["cleaned"] == len(written)
    again, repeated = _run(tmp_path / "in", tmp_path / "out")
    assert again.skipped == 1 and again.errors == 1
    assert "failed when this shard was cleaned" in repeated[0]


def test_a_record_that_kills_its_worker_is_reported_and_the_shard_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_clean = batch.clean

    def clean(data: bytes | str, config: Config, path: str | None = None) -> object:
        if b"BOOM" in (data if isinstance(data, bytes) else data.encode()):
            os._exit(7)
        return real_clean(data, config, path=path)

    monkeypatch.setattr(batch, "clean", clean)
    monkeypatch.setattr(batch, "RECORDS_PER_BATCH", 2)  # several batches: workers are used
    records = _records(8)
    records[5] = {"id": "boom", "text": "BOOM goes this record."}
    shard = tmp_path / "in" / "s.jsonl"
    _write(shard, records)
    _, messages = _run(tmp_path / "in", tmp_path / "out", jobs=2)
    assert messages == [
        f"scrubber: error: {shard}:6: the worker process died while cleaning this input"
    ]
    assert [r["id"] for r in _read(tmp_path / "out" / "s.jsonl")] == [
        f"doc-{n}" for n in (0, 1, 2, 3, 4, 6, 7)
    ]


def test_many_shards_in_flight_at_once_each_get_their_own_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "RECORDS_PER_BATCH", 2)
    for n in range(6):
        records = [{**r, "id": f"s{n}-{r['id']}"} for r in _records(3 + n)]
        _write(tmp_path / "in" / f"s{n}.jsonl{'.gz' if n % 2 else ''}", records)
    out = tmp_path / "out"
    _run(tmp_path / "in", out, jobs=1)
    reference = {p.name: p.read_bytes() for p in out.iterdir()}
    for path in out.iterdir():
        path.unlink()
    _run(tmp_path / "in", out, jobs=2)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == reference
    for n in range(6):
        ids = [r["id"] for r in _read(out / f"s{n}.jsonl")]
        assert ids == [f"s{n}-doc-{k}" for k in range(3 + n)]
