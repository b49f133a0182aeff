"""A hostile input tree, generated at test time (only this generator is committed).

`write_hostile(root)` writes every kind of dirty input a scrape produces and
returns what the tests expect of each: which inputs must fail (and with
which words in the message), which must give the same text as a clean UTF-8
twin, and which only must not crash.
"""

from __future__ import annotations

import codecs
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = (
    "The harbour authority opened the new ferry terminal on a wet Monday morning, "
    "three years after the first plans were shown to the public.\n"
    "Passengers will be able to buy tickets at the machines inside the hall, and the "
    "old wooden shelter by the quay is to become a small museum.\n"
    "\n"
    "Local fishermen said they were glad that the building work was finally over, since "
    "the cranes had blocked part of the harbour for most of the summer.\n"
)
FRENCH = (
    "Le marché couvert rouvrira ses portes à la fin du mois, après deux années de travaux "
    "menés sous la direction de l'architecte de la ville.\n"
    "Les commerçants pourront réintégrer leurs étals dès la première semaine, et une fête "
    "est prévue pour l'inauguration, avec des concerts et un repas en plein air.\n"
    "\n"
    "Selon la mairie, le coût total a dépassé de peu le budget prévu, à cause de la hausse "
    "du prix des matériaux pendant l'hiver.\n"
)


@dataclass
class Hostile:
    """What a run over the tree must do."""

    failing: dict[str, str] = field(default_factory=dict)
    """Relative input path -> words its error line must contain."""
    twins: dict[str, str] = field(default_factory=dict)
    """Relative input path -> relative path of a clean input whose output it must equal."""
    outputs: list[str] = field(default_factory=list)
    """OUT-relative output paths that must exist."""
    absent: list[str] = field(default_factory=list)
    """Relative output paths that must not exist."""


def _write(root: Path, rel: str, data: bytes) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _records() -> bytes:
    good = {"id": "ok-1", "text": ARTICLE, "metadata": {"url": "u1"}}
    lines = [
        json.dumps(good),  # 1
        "{not json",  # 2
        json.dumps({"id": "no-text"}),  # 3
        json.dumps({"id": "number", "text": 5}),  # 4
        json.dumps({"id": "null", "text": None}),  # 5
        json.dumps({"id": "../../escaped", "text": FRENCH}),  # 6: ids never become paths
        json.dumps({"id": "/abs/olute", "text": "A single short line."}),  # 7
        json.dumps({"id": "a/b\\c\x00", "text": ""}),  # 8: empty text is kept, empty
        "[1, 2, 3]",  # 9
        "",  # 10: blank lines are skipped
        json.dumps({"id": "ok-2", "text": ARTICLE.replace("\n", "\r\n")}),  # 11
    ]
    data = "\n".join(lines).encode("utf-8") + b"\n"
    return data + b'{"id": "latin", "text": "caf\xe9"}\n'  # 12: not UTF-8


def write_hostile(root: Path) -> Hostile:
    """Write the tree under root (created) and return the expectations."""
    expect = Hostile()
    rnd = random.Random(6)
    article = ARTICLE.encode("utf-8")
    french = FRENCH.encode("utf-8")
    _write(root, "plain.txt", article)
    _write(root, "french.txt", french)

    # Encodings: each must give exactly the output of its UTF-8 twin.
    for name, data in {
        "utf16-bom.txt": ARTICLE.encode("utf-16"),
        "utf16le.txt": ARTICLE.encode("utf-16-le"),
        "utf16be.txt": ARTICLE.encode("utf-16-be"),
        "utf32-bom.txt": ARTICLE.encode("utf-32"),
        "utf32le.txt": ARTICLE.encode("utf-32-le"),
        "utf32be.txt": ARTICLE.encode("utf-32-be"),
        "utf8-bom.txt": codecs.BOM_UTF8 + article,
        "crlf.txt": ARTICLE.replace("\n", "\r\n").encode(),
        "lone-cr.txt": ARTICLE.replace("\n", "\r").encode(),
        "some-nuls.txt": article.replace(b"ferry", b"fe\x00rry").replace(b"glad", b"gl\x00ad"),
    }.items():
        _write(root, f"enc/{name}", data)
        expect.twins[f"enc/{name}"] = "plain.txt"
    half = FRENCH.index("\n\n")
    for name, data in {
        "cp1252.txt": FRENCH.encode("cp1252"),
        "latin1.txt": FRENCH.encode("latin-1"),
        "utf16-fr.txt": FRENCH.encode("utf-16-le"),
        "mixed.txt": FRENCH[:half].encode("utf-8") + FRENCH[half:].encode("cp1252"),
    }.items():
        _write(root, f"enc/{name}", data)
        expect.twins[f"enc/{name}"] = "french.txt"
    # Undecodable bytes inside otherwise UTF-8 text: decoded somehow, never a crash.
    _write(root, "enc/undecodable.txt", article.replace(b"quay", b"qu\x81\x8d\xfe\xffay"))
    expect.outputs.append("enc/undecodable.txt")  # (its output has the same name)

    # Not text at all.
    _write(root, "bad/empty.txt", b"")
    expect.failing["bad/empty.txt"] = "empty input"
    _write(root, "bad/random.txt", rnd.randbytes(20_000))
    expect.failing["bad/random.txt"] = "binary"
    _write(root, "bad/nul.txt", b"\x00" * 5000)
    expect.failing["bad/nul.txt"] = "binary"
    _write(root, "bad/image.html", b"\x89PNG\r\n\x1a\n" + rnd.randbytes(5000))
    expect.failing["bad/image.html"] = "binary"

    # HTML that is deep, broken, or tries entity expansion.
    deep = "<div>" * 5000 + "<p>" + ARTICLE + "</p>" + "</div>" * 5000
    _write(root, "html/deep.html", f"<html><body>{deep}</body></html>".encode())
    broken = "<html><body><p>Unclosed <b><i>" + ARTICLE + "</span></div><<>>&&;<p<p><td>"
    _write(root, "html/broken.html", broken.encode())
    lol = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE html [{lol}]><html><body><p>&l9;</p>'
    _write(root, "html/entities.html", (bomb + f"<p>{ARTICLE}</p></body></html>").encode())
    expect.outputs += ["html/broken.txt", "html/entities.txt"]

    # JSONL with bad lines and hostile ids.
    _write(root, "records.jsonl", _records())
    for line, words in {
        2: "invalid JSON",
        3: "no string 'text'",
        4: "no string 'text'",
        5: "no string 'text'",
        9: "not a JSON object",
        12: "invalid JSON",
    }.items():
        expect.failing[f"records.jsonl:{line}"] = words
    expect.outputs += ["records.jsonl", "records.jsonl.meta.json"]

    # Names and tree shapes.
    for name in ("with space.txt", "ünïcödé ñame.txt", "日本語.txt", "-dash.txt", "semi;colon.txt"):
        _write(root, f"names/{name}", article)
        expect.outputs += [f"names/{name}", f"names/{name[:-4]}.meta.json"]
    _write(root, "looks-like.txt/inner.txt", article)  # a directory named like a text file
    expect.outputs += ["looks-like.txt/inner.txt", "looks-like.txt/inner.meta.json"]
    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    expect.failing["loop-a.txt"] = "symbolic link"
    expect.failing["loop-b.txt"] = "symbolic link"
    os.symlink("missing-target.txt", root / "dangling.txt")
    expect.failing["dangling.txt"] = "no such file"
    os.symlink(".", root / "self-dir")  # a directory symlink loop: never followed
    os.mkfifo(root / "fifo.txt")  # reading it would block forever: skipped
    expect.absent += ["fifo.txt", "fifo.meta.json"]

    # Two inputs for one output: the first keeps it, the second is an error.
    _write(root, "same/a.html", f"<html><body><p>{ARTICLE}</p></body></html>".encode())
    _write(root, "same/a.txt", article)
    expect.failing["same/a.txt"] = "already written for"
    return expect


def output_for(rel: str) -> str:
    """OUT-relative text output of an input (suffix replaced by .txt; shards keep .jsonl)."""
    if rel.endswith(".jsonl"):
        return rel
    stem, _, _ = rel.rpartition(".")
    return stem + ".txt"
