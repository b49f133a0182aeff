"""Small hand-written web-page dumps for the batch and JSONL tests (no benchmark text)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from scrubber.cli import app

_PARAGRAPHS = {
    "en": [
        "The town council met on Thursday evening to discuss the future of the old library "
        "building, which has stood empty since the new one opened across the river.",
        "Several residents asked that the building be kept for public use, and the council "
        "agreed to commission a study of the costs before taking any decision.",
        "A final vote is expected in the spring, after the study has been published and "
        "discussed at two open meetings in the town hall.",
    ],
    "fr": [
        "Le conseil municipal s'est réuni jeudi soir pour débattre de l'avenir de l'ancienne "
        "bibliothèque, inoccupée depuis l'ouverture du nouveau bâtiment.",
        "Plusieurs habitants ont demandé que le bâtiment reste ouvert au public, et le conseil "
        "a accepté de commander une étude des coûts avant toute décision.",
        "Un vote définitif est attendu au printemps, après la publication de l'étude et deux "
        "réunions publiques à la mairie.",
    ],
    "de": [
        "Der Gemeinderat traf sich am Donnerstagabend, um über die Zukunft der alten "
        "Bibliothek zu beraten, die seit der Eröffnung des Neubaus leer steht.",
        "Mehrere Anwohner forderten, das Gebäude für die Öffentlichkeit zu erhalten, und der "
        "Rat beschloss, zunächst eine Kostenstudie in Auftrag zu geben.",
        "Eine endgültige Abstimmung wird im Frühjahr erwartet, nachdem die Studie veröffentlicht "
        "und in zwei öffentlichen Sitzungen im Rathaus besprochen wurde.",
    ],
}

_CHROME_TOP = ["Home | News | Sport | Weather | Contact", "Menu", "Search"]
_CHROME_BOTTOM = [
    "Share this article",
    "Facebook Twitter Email",
    "Read more",
    "© 2024 Riverside Gazette. All rights reserved.",
]


def page(number: int, lang: str = "en", extra: str = "") -> str:
    """A page dump: chrome, a title, article paragraphs (varied by `number`), chrome."""
    paragraphs = _PARAGRAPHS[lang]
    body = [f"{p} (Report number {number}.)" for p in paragraphs[number % 3 :] + paragraphs]
    lines = [*_CHROME_TOP, "", f"Library plans, part {number}", "", "\n\n".join(body)]
    if extra:
        lines += ["", extra]
    lines += ["", *_CHROME_BOTTOM]
    return "\n".join(lines) + "\n"


def write_corpus(root: Path, count: int = 12) -> list[Path]:
    """`count` pages in three languages under root (one subdirectory), one with mojibake."""
    paths = []
    for number in range(count):
        lang = ("en", "fr", "de")[number % 3]
        extra = "The café said the price was 10â‚¬ for the whole day." if number == 4 else ""
        folder = root / ("sub" if number % 4 == 3 else "")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"page{number:02d}.txt"
        path.write_text(page(number, lang, extra), encoding="utf-8")
        paths.append(path)
    return paths


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (hidden ones included) by relative path, with its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run_cli(*args: str | Path, stdin: bytes | None = None) -> Result:
    """The CLI run in-process, as a user types it (arguments as strings)."""
    return CliRunner().invoke(app, [str(a) for a in args], input=stdin)


def fresh_process_prints(probe: str) -> str:
    """The last line a Python snippet prints when run in a new interpreter (what it imports
    there is not hidden by modules this test process has loaded already)."""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1]
