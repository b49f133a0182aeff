"""The command line: parses options, calls the library, renders. Nothing else.

stdout carries data only (clean text, findings, sidecars); every diagnostic
goes to stderr. Exit codes: 0 ok, 1 some input failed or had findings,
2 usage or configuration error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from scrubber import __version__, build_info, limits
from scrubber.config import Config
from scrubber.errors import ScrubberError, UsageError
from scrubber.runtime import tune_collector

# Exit status when the reader of stdout went away (`scrubber explain page.txt | head -1`):
# what a shell reports for a tool stopped by SIGPIPE, as `cat` or `grep` would be.
BROKEN_PIPE_EXIT = 141


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the final flush at exit cannot fail again."""
    # No real file descriptor (e.g. a test runner's buffer): nothing to redirect.
    with suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _usage_line(error: typer.TyperException, root: Any = None) -> str:
    """typer's argument error as `scrubber: error: <what> (hint: see '<command> --help')`.

    `root` is the root command's context, whose chosen subcommand names the help to
    see when the error carries no context of its own (e.g. `-o` given no value).
    """
    ctx = getattr(error, "ctx", None)
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:  # the root's name varies (python -m)
        names.append(str(ctx.info_name))
        ctx = ctx.parent
    if ctx is None and root is not None and root.invoked_subcommand:
        names = [str(root.invoked_subcommand)]
    hint = f"see '{' '.join(['scrubber', *reversed(names)])} --help'"
    possibilities = sorted(getattr(error, "possibilities", None) or ())
    message = error.message if possibilities else error.format_message()
    if possibilities:
        hint = f"did you mean {' or '.join(possibilities)}? {hint}"
    what = " ".join(message.replace("Value error, ", "").split()).rstrip(".")
    return UsageError(what[:1].lower() + what[1:], hint=hint).render()


@contextmanager
def _one_line_errors(root: Any = None) -> Iterator[None]:
    """Argument errors as one line on stderr (exit 2); a closed stdout ends quietly."""
    try:
        yield
    except typer.TyperException as error:  # typer's usage errors: unknown option, bad value...
        typer.echo(_usage_line(error, root), err=True)
        raise typer.Exit(getattr(error, "exit_code", 2)) from None
    except BrokenPipeError:
        _quiet_stdout()
        raise typer.Exit(BROKEN_PIPE_EXIT) from None


class _Scrubber(TyperGroup):
    """The root command; only its error rendering differs from typer's boxed one."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if not args:  # no arguments at all: typer prints the help
            return super().make_context(info_name, args, parent, **extra)
        with _one_line_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        with _one_line_errors(ctx):  # a command's own options are parsed in here
            return super().invoke(ctx)


app = typer.Typer(
    cls=_Scrubber,
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Turn scraped web pages into clean article text, with a sidecar of every removal.",
)


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"scrubber: error: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scrubber {__version__} ({build_info.describe()})")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Print tracebacks of internal errors.")
    ] = False,
) -> None:
    """scrubber: clean text out of scraped web pages."""
    if debug:
        limits.configure(debug=True)


SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select", metavar="CODES", help="Only these rule codes or prefixes (comma-separated)."
    ),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore", metavar="CODES", help="Never these rule codes or prefixes (comma-separated)."
    ),
]


def _config(
    no_strip: bool,
    no_lang: bool,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
) -> Config:
    """The run's options; a bad rule code is a usage error (exit 2), one line on stderr."""
    selected, ignored = _rule_codes(select, ignore)
    return Config(
        strip=not no_strip, detect_language=not no_lang, select=selected or (), ignore=ignored or ()
    )


def _rule_codes(
    select: list[str] | None, ignore: list[str] | None
) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """--select and --ignore as validated codes (None if absent); a bad code exits 2."""
    from scrubber.check import parse_codes
    from scrubber.errors import UsageError

    try:
        return parse_codes(select, "--select"), parse_codes(ignore, "--ignore")
    except UsageError as error:
        typer.echo(error.render(), err=True)
        raise typer.Exit(2) from None


# Paths are plain strings, not typer Paths: typer's path checks (readable, exists)
# would answer an unreadable input with a boxed usage error (exit 2) before our own
# one-line error (exit 1) could say what is wrong and what to do.


@app.command()
def clean(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATHS", help="Files or directories; - for stdin."),
    ] = None,
    output: Annotated[
        str | None, typer.Option("-o", "--output", metavar="OUT", help="Output directory.")
    ] = None,
    meta: Annotated[
        str | None,
        typer.Option("--meta", metavar="FILE", help="Sidecar file, when cleaning to stdout."),
    ] = None,
    no_strip: Annotated[
        bool, typer.Option("--no-strip", help="Repair and normalise only.")
    ] = False,
    no_lang: Annotated[bool, typer.Option("--no-lang", help="Skip language detection.")] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("-j", "--jobs", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar on stderr (default: when stderr is a terminal).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo inputs whose outputs are up to date.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="With -o: a document taking longer (per MB) fails alone (0: no limit).",
        ),
    ] = limits.DEFAULT_TIMEOUT,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude",
            metavar="GLOB",
            help="With -o: pass over files and directories matching GLOB in directory walks"
            " (relative path, or a name when GLOB has no /; repeatable).",
        ),
    ] = None,
) -> None:
    """Clean pages: stdin to stdout, one file (or JSONL shard) to stdout, or many into -o OUT."""
    from scrubber import commands

    limits.configure(timeout=timeout)

    config = _config(no_strip, no_lang, select, ignore)
    inputs = [Path(p) for p in paths or []]
    out = Path(output) if output is not None else None
    sidecar = Path(meta) if meta is not None else None
    if exclude and out is None:
        _fail("--exclude: only directories cleaned into -o OUT are walked (hint: add -o OUT)")
    if not inputs or inputs == [Path("-")]:
        if not inputs and sys.stdin.isatty():
            _fail("no input: give files, a directory with -o OUT, or pipe text to stdin")
        if out is not None:
            _fail(
                "-o: stdin is cleaned to stdout; -o OUT is for files and directories"
                " (hint: redirect stdout to a file, and use --meta FILE for the sidecar)"
            )
        raise typer.Exit(commands.clean_stdin(config, sidecar))
    if Path("-") in inputs:
        _fail("'-' (stdin) cannot be mixed with paths")
    if out is None:
        raise typer.Exit(commands.clean_to_stdout(inputs, config, sidecar, jobs=jobs))
    if sidecar is not None:
        _fail("--meta is for one input cleaned to stdout; with -o OUT sidecars go next to outputs")
    raise typer.Exit(
        commands.clean_batch(
            inputs,
            out,
            config,
            jobs=jobs,
            progress=progress,
            force=force,
            exclude=tuple(exclude or ()),
        )
    )


@app.command()
def explain(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A file, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the sidecar instead.")] = False,
    no_strip: Annotated[
        bool, typer.Option("--no-strip", help="Repair and normalise only.")
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> None:
    """Show every line with keep/drop and the rule that decided."""
    from scrubber import commands

    # --json prints the sidecar `clean` writes, language included.
    config = _config(no_strip, not as_json, select, ignore)
    raise typer.Exit(commands.explain(Path(path), config, as_json))


class OutputFormat(StrEnum):
    concise = "concise"
    json = "json"
    github = "github"


@app.command()
def check(
    paths: Annotated[
        list[str] | None,  # str, not Path: typer builds a validator per Path value
        typer.Argument(
            metavar="PATHS",
            help="Files or directories (.txt, .text, .md, .markdown, and .jsonl records' text).",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Rewrite files to what clean writes; exit 1 if any changed."),
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Show what --fix would change; write nothing.")
    ] = False,
    output_format: Annotated[
        OutputFormat, typer.Option("--output-format", help="How findings are printed.")
    ] = OutputFormat.concise,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="No summary line on stderr.")
    ] = False,
) -> None:
    """Lint text data: report what clean would remove or repair, as path:line:col: CODE message.

    Exit 0 when clean, 1 with findings (with --fix: when a file changed), 2 on a
    usage or configuration error. Settings come from the tool.scrubber table of the
    nearest pyproject.toml; --select and --ignore replace the configured lists.
    """
    from scrubber import commands
    from scrubber.check import Options

    if not paths:
        _fail("no paths given (hint: scrubber check FILE_OR_DIR...)")
    if fix and diff:
        _fail("--fix and --diff cannot be combined (hint: --diff shows what --fix would do)")
    if diff and output_format is not OutputFormat.concise:
        _fail("--diff prints a unified diff, not findings (hint: drop --output-format)")
    selected, ignored = _rule_codes(select, ignore)
    options = Options(
        fix=fix,
        diff=diff,
        output_format=output_format.value,
        select=selected,
        ignore=ignored,
        exit_zero=exit_zero,
        quiet=quiet,
    )
    raise typer.Exit(commands.check([Path(p) for p in paths], options))


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="Show one rule in full.")] = None,
) -> None:
    """List the rule registry with each rule's documentation."""
    from scrubber import commands

    raise typer.Exit(commands.list_rules(code))


def main() -> None:
    """Console-script entry point: no tracebacks for users, exit 2 for usage errors."""
    tune_collector()
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("scrubber: interrupted", err=True)
        sys.exit(130)
    except ScrubberError as error:  # a library error no command caught: still one line
        typer.echo(error.render(), err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _quiet_stdout()
        sys.exit(BROKEN_PIPE_EXIT)
    except Exception as exc:  # a bug: one line, the traceback only with --debug
        if limits.debug():
            raise
        what = f"internal error: {type(exc).__name__}: {exc}"
        typer.echo(f"scrubber: error: {what} (hint: rerun with --debug and report it)", err=True)
        sys.exit(2)
