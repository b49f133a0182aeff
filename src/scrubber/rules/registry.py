"""The rule registry: every removal names a rule with a code, a name and a doc.

Three scopes: a *text* rule sees a raw line before anything else; a *line*
rule looks at one line and returns a specific message or None; a *page* rule
looks at the whole page and returns {line index: message}. When several rules
hit a line, the lowest code wins, so specific rules (SCR1xx) explain a line
before structural ones (SCR2xx).

A line rule that takes only a `LineText` (`check(line)`) reads nothing but the
line's text, so its verdict is computed once per distinct text and reused by
every strip pass; one that also reads page facts takes `check(line, page)`
and runs on every pass.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

Scope = Literal["text", "line", "page"]
F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    scope: Scope
    check: Callable[..., object]
    local: bool = False
    """A line rule that reads only the line's text (`check(line)`): memoised per text."""

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or _source_doc(self.check))

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


REGISTRY: dict[str, Rule] = {}


def _source_doc(func: Callable[..., object]) -> str:
    """A function's docstring read from its `.py` file: mypyc-compiled functions have none."""
    spec = importlib.util.find_spec(func.__module__)
    if spec is None or spec.origin is None:
        return ""
    origin = Path(spec.origin)
    return _module_docs(origin.with_name(origin.name.partition(".")[0] + ".py")).get(
        func.__name__, ""
    )


@functools.cache
def _module_docs(source: Path) -> dict[str, str]:
    """The docstrings of a module's top-level functions, parsed once per module."""
    if not source.is_file():
        return {}
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return {
        node.name: ast.get_docstring(node) or ""
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def _register(code: str, name: str, scope: Scope) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        local = scope == "line" and len(inspect.signature(func).parameters) == 1
        REGISTRY[code] = Rule(code, name, scope, func, local)
        return func

    return decorate


def rule(code: str, name: str) -> Callable[[F], F]:
    """Register a line rule: `check(line_text) -> message | None`, or `check(line, page)`."""
    return _register(code, name, "line")


def text_rule(code: str, name: str) -> Callable[[F], F]:
    """Register a rule on a raw line's text, run before pages are built: `check(text)`."""
    return _register(code, name, "text")


def page_rule(code: str, name: str) -> Callable[[F], F]:
    """Register a page rule: `check(page) -> {line index: message}`."""
    return _register(code, name, "page")


def all_rules() -> list[Rule]:
    """Every rule, in precedence order (by code)."""
    from scrubber.rules import line_rules, page_rules, text_rules  # noqa: F401  (they register)

    return [REGISTRY[code] for code in sorted(REGISTRY)]
