"""The library API as a Python caller meets it: `Config` checks its options, `clean` its input.

`Config.select` / `ignore` read codes as the CLI's --select / --ignore do (comma-separated,
any case, a str or a sequence); `clean` takes str or bytes-like data, raises InputError
for unusable input and TypeError for a wrong type; `clean_path` refuses JSONL shards.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from pages import fresh_process_prints

import scrubber
from scrubber import Config, ConfigError, InputError, ScrubberError, UsageError, clean, clean_path
from scrubber.report import sidecar
from scrubber.runtime import YOUNG_COLLECTION_THRESHOLD

PAGE = "Share on Facebook\nThe council met on Monday to discuss the new bridge over the river.\n"
NO_LANG = Config(detect_language=False)

# -- Config ----------------------------------------------------------------------------------


def removed_codes(config: Config) -> list[str]:
    return [d.code for d in clean(PAGE, config).decisions if not d.keep]


def test_the_page_has_a_rule_to_turn_off() -> None:
    assert removed_codes(NO_LANG) == ["SCR104"]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("SCR104", ("SCR104",)),  # a str is one code, not six one-letter prefixes
        ("scr104, SCR2", ("SCR104", "SCR2")),  # comma-separated, any case, as on the CLI
        (["SCR1"], ("SCR1",)),  # a list becomes a (hashable) tuple
        (("SCR1,SCR004", "scr2"), ("SCR1", "SCR004", "SCR2")),
        ((), ()),
        ("", ()),
    ],
)
def test_rule_lists_are_read_as_the_cli_reads_them(
    given: str | list[str] | tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert Config(select=given).select == expected
    assert Config(ignore=given).ignore == expected


def test_ignore_given_as_a_str_ignores_that_rule_only() -> None:
    assert "SCR104" not in removed_codes(Config(detect_language=False, ignore="SCR104"))
    assert removed_codes(Config(detect_language=False, ignore="SCR202")) == ["SCR104"]


def test_select_given_as_a_str_selects_that_rule_only() -> None:
    assert removed_codes(Config(detect_language=False, select="SCR107")) == []
    assert removed_codes(Config(detect_language=False, select="scr104")) == ["SCR104"]


def test_a_list_config_gives_a_sidecar() -> None:
    config = Config(detect_language=False, select=["SCR1"])
    record = sidecar(clean(PAGE, config), config)
    assert record["tool"]["config_hash"] == config.digest()


@pytest.mark.parametrize(("field", "code"), [("select", "SCR999"), ("ignore", "SCR1,XYZ")])
def test_unknown_codes_are_refused_by_name(field: str, code: str) -> None:
    bad = code.split(",")[-1]
    with pytest.raises(ConfigError) as caught:
        Config(**{field: (code,)})
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, UsageError)
    assert error.exit_code == 2
    assert error.what == f"unknown rule code {bad!r} in Config.{field}"
    assert error.hint is not None and "scrubber rules" in error.hint


@pytest.mark.parametrize("given", [[1], ("SCR1", None), 5])
def test_codes_that_are_not_strings_are_a_type_error(given: object) -> None:
    with pytest.raises(TypeError, match=r"Config\.select takes rule codes as a str"):
        Config(select=given)


def test_digest_of_valid_configs_is_unchanged() -> None:
    """Pinned: resumed batches compare these hashes with the ones in existing sidecars."""
    assert Config().digest() == "a3977203870da370"
    assert Config(detect_language=False).digest() == "d310e3c619ada090"
    pinned = Config(select=("SCR1", "SCR004"), ignore=("SCR202",))
    assert pinned.digest() == "0312ecd3d3592f31"
    assert Config(select="scr004, SCR1", ignore=["scr202"]).digest() == pinned.digest()


def test_config_without_rule_lists_does_not_load_the_rules() -> None:
    probe = (
        "import sys\n"
        "from scrubber import Config\n"
        "Config(strip=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('scrubber.rules')))\n"
    )
    assert fresh_process_prints(probe) == "[]"


def test_the_cli_tunes_the_garbage_collector_and_the_library_does_not() -> None:
    probe = (
        "import gc, sys\n"
        "from scrubber import clean\n"
        "default = gc.get_threshold()\n"
        "clean('Some ordinary text of a page.\\n')\n"
        "untouched = gc.get_threshold() == default\n"
        "from scrubber.cli import main\n"
        "sys.argv = ['scrubber', '--version']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(untouched, gc.get_threshold()[0])\n"
    )
    assert fresh_process_prints(probe) == f"True {YOUNG_COLLECTION_THRESHOLD}"


# -- clean: input types ----------------------------------------------------------------------


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview])
def test_bytes_like_input_is_cleaned_as_bytes(wrap: type) -> None:
    raw = PAGE.encode("utf-8")
    doc = clean(wrap(raw), NO_LANG)
    assert doc.text == clean(raw, NO_LANG).text != ""
    assert doc.source.sha256 == clean(raw, NO_LANG).source.sha256


def test_lone_surrogate_in_str_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        clean("abc\ud800def", NO_LANG)
    assert caught.value.what.startswith("the text holds a lone surrogate (U+D800) at index 3")
    assert caught.value.hint
    assert isinstance(caught.value, ScrubberError)


def test_a_surrogate_pair_written_as_one_character_is_fine() -> None:
    assert clean("caf\u00e9 \U0001f600 " + PAGE, NO_LANG).text.startswith("The council")


@pytest.mark.parametrize("given", [None, 42, ["a line"], Path("page.txt")])
def test_other_types_are_a_type_error(given: object) -> None:
    with pytest.raises(TypeError, match="takes the page as str or bytes"):
        clean(given, NO_LANG)


def test_errors_are_exported() -> None:
    for name in ("InputError", "ScrubberError", "UsageError", "ConfigError"):
        assert name in scrubber.__all__
        assert getattr(scrubber, name).__module__ == "scrubber.errors"


# -- clean_path: JSONL shards ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["shard.jsonl", "shard.JSONL", "shard.jsonl.gz"])
def test_clean_path_refuses_a_jsonl_shard(tmp_path: Path, name: str) -> None:
    line = b'{"id": "1", "text": "The council met on Monday."}\n'
    path = tmp_path / name
    path.write_bytes(gzip.compress(line) if name.endswith(".gz") else line)
    with pytest.raises(InputError) as caught:
        clean_path(path, NO_LANG)
    error = caught.value
    assert error.path == str(path)
    assert error.what == "a JSONL shard holds many documents; clean_path cleans one page"
    assert error.hint is not None and f"scrubber clean {path} -o OUT" in error.hint
