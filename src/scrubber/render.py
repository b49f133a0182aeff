"""Human renderings of decisions: `explain` (colour on a TTY, plain when piped)."""

from __future__ import annotations

import sys

from scrubber.model import Document


def explain_lines(doc: Document) -> None:
    """One row per input line: number, keep/drop, rule code and message, then the text."""
    from rich.console import Console
    from rich.text import Text

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            """rich exits 1 here; the CLI ends every command alike on a closed stdout."""
            self.quiet = True
            raise BrokenPipeError

    console = PipeConsole(
        file=sys.stdout, highlight=False, soft_wrap=True, force_terminal=None, emoji=False
    )
    verdicts = {d.line: d for d in doc.decisions}
    for number, text in enumerate(doc.lines, start=1):
        decision = verdicts.get(number)
        row = Text(f"{number:>5} ")
        if decision is None:
            row.append("     ", style="dim")
        elif decision.keep:
            row.append("keep ", style="green")
        else:
            row.append("drop ", style="red")
            row.append(f"{decision.code} {decision.name}: {decision.message}", style="yellow")
            row.append(" | ", style="dim")
        row.append(text, style="dim" if decision and not decision.keep else "")
        console.print(row)
