"""Bad seed files never crash the build or touch the database that is there.

Two parts:

- one test per way a hand-edited file can be wrong (empty, a list or a scalar instead of a mapping,
  an alias bomb, a Python tag, huge values, deep nesting, invalid UTF-8, a BOM, CRLF, truncation,
  duplicate keys, tabs): each gets a `SeedError` naming the file, the line and the record path;
- a property-based test (hypothesis) that mutates the real seeds in many such ways at once and
  checks the build's contract: success, or `SeedErrors` whose every error names a file under
  seeds/ and a `$` path — never another exception — and after a failure the old database byte for
  byte as it was and no temporary file left behind.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from loaders.builder import BuildResult
from loaders.errors import SeedError, SeedErrors
from loaders.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES, _Loader
from tests.conftest import SEEDS
from tests.conftest import build_seeds as build
from tests.fuzzing import fuzz_settings, seeded

GSOMIA = "agreements/jpn-kor-gsomia-2016.yaml"
TISA = "agreements/jpn-kor-usa-tisa-2014.yaml"
HANG = 120
"""Seconds that tell a refused bomb (the whole failed build) from one being expanded (hours)."""
YAML_FILES = sorted(str(p.relative_to(SEEDS)) for p in SEEDS.rglob("*.yaml"))
OTHER_FILES = sorted(str(p.relative_to(SEEDS)) for p in SEEDS.rglob("*") if p.is_file() and p.suffix != ".yaml")

# A billion laughs: nine levels of nine aliases, 9**9 strings once expanded, 400 bytes as text.
BOMB = "lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)
)


@pytest.fixture
def existing_db(built: BuildResult, tmp_path: Path) -> Path:
    target = tmp_path / "served.db"
    shutil.copyfile(built.path, target)
    return target


def _rewrite(seeds: Path, name: str, change: Any) -> None:
    path = seeds / name
    path.write_bytes(change(path.read_bytes()) if callable(change) else change)


def _replace(old: bytes, new: bytes) -> Any:
    def change(data: bytes) -> bytes:
        assert old in data, f"test setup: {old!r} not in the file"
        return data.replace(old, new, 1)

    return change


def _failed(seeds: Path, db: Path) -> list[SeedError]:
    before = db.read_bytes()
    with pytest.raises(SeedErrors) as caught:
        build(seeds, db)
    assert db.read_bytes() == before, "a failed build must leave the existing database untouched"
    assert not list(db.parent.glob("*.building")), "a failed build must not leave temporary files"
    for error in caught.value.errors:
        assert error.path.startswith("$")
        assert error.file.startswith("seeds/")
    return caught.value.errors


def _one(errors: list[SeedError], file: str) -> SeedError:
    assert len(errors) == 1, [str(e) for e in errors]
    assert errors[0].file == f"seeds/{file}", str(errors[0])
    return errors[0]


def _line(seeds: Path, file: str, line: int | None) -> str:
    assert line is not None
    return (seeds / file).read_bytes().splitlines()[line - 1].decode("utf-8", "replace")


# --- every way a file can be wrong --------------------------------------------------------------


@pytest.mark.parametrize("file", ["parties.yaml", "subjects.yaml", "documents.yaml"])
def test_missing_file(seeds_copy: Path, existing_db: Path, file: str) -> None:
    (seeds_copy / file).unlink()
    errors = _failed(seeds_copy, existing_db)
    assert any(e.file == f"seeds/{file}" and "cannot read the file" in e.message for e in errors)


def test_missing_agreements_directory(seeds_copy: Path, existing_db: Path) -> None:
    shutil.rmtree(seeds_copy / "agreements")
    errors = _failed(seeds_copy, existing_db)
    assert any(e.file == "seeds/agreements" and "missing" in e.message for e in errors)


@pytest.mark.parametrize(
    ("content", "found"), [(b"", "null"), (b"# nothing\n", "null"), (b"- a\n- b\n", "array"), (b"GSOMIA\n", "str")]
)
def test_not_a_mapping(seeds_copy: Path, existing_db: Path, content: bytes, found: str) -> None:
    _rewrite(seeds_copy, GSOMIA, content)
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$"
    assert f"Expected `object`, got `{found}`" in error.message


def test_alias_bomb_is_refused_fast(seeds_copy: Path, existing_db: Path) -> None:
    # In a field whose type would accept it (names: a list), so only the expansion limit stops it.
    _rewrite(seeds_copy, GSOMIA, lambda b: b + b"\n" + BOMB.replace("lol:", "names:").encode())
    started = time.perf_counter()
    errors = _failed(seeds_copy, existing_db)
    # Expanded, it would take hours: a generous bound tells a refusal from a hang (not a speed target).
    assert time.perf_counter() - started < HANG, "an alias bomb must be refused before it is expanded"
    error = _one(errors, GSOMIA)
    assert f"expands to more than {MAX_VALUES} values" in error.message
    assert error.line is not None
    assert "&l" in _line(seeds_copy, GSOMIA, error.line)


def test_many_aliases_to_a_big_anchor_are_refused(seeds_copy: Path, existing_db: Path) -> None:
    """The quadratic bomb: a valid citation list of 2000 quotes, cited 3000 times (6 million checks)."""
    quote = b"      - doc: joongang-daily-2016-11-09\n        quote: Seoul and Tokyo are closing in\n"
    _rewrite(
        seeds_copy,
        GSOMIA,
        lambda b: b.replace(b"\nevents:", b"\nbig: &big\n" + quote * 2000 + b"events:", 1).replace(
            b"\nevents:", b"\nnames: [" + b", ".join([b"{name: x, citations: *big}"] * 3000) + b"]\nevents:", 1
        ),
    )
    started = time.perf_counter()
    errors = _failed(seeds_copy, existing_db)
    assert time.perf_counter() - started < HANG
    assert any(f"expands to more than {MAX_VALUES} values" in e.message for e in errors), [str(e) for e in errors]


def test_recursive_alias(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA\n", b"short_name: &me [*me]\n"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "refers to its own anchor" in error.message
    assert error.path == "$.short_name[0]"
    assert error.line == 4


@pytest.mark.parametrize(
    "tag",
    [
        b"!!python/object/apply:os.system ['touch pwned']",
        b"!!python/object:collections.OrderedDict {}",
        b"!!python/name:os.system",
        b"!custom GSOMIA",
    ],
)
def test_tags_are_refused(seeds_copy: Path, existing_db: Path, tag: bytes) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA", b"short_name: " + tag))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "could not determine a constructor for the tag" in error.message
    assert error.line == 4
    assert not Path("pwned").exists()


def test_ten_megabyte_string(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA", b"short_name: " + b"x" * 10_000_000))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert f"the limit is {MAX_FILE_BYTES}" in error.message


def test_long_string_under_the_file_limit(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA", b"short_name: " + b"x" * 1_000_000))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.short_name"
    assert error.line == 4


@pytest.mark.parametrize("number", [b"1" + b"0" * 100, b"-9223372036854775809", b"1" + b"0" * 5000, b"0x1" + b"0" * 20])
def test_integer_beyond_sqlite(seeds_copy: Path, existing_db: Path, number: bytes) -> None:
    """10**100 passed msgspec (`int | None`) and crashed the build with OverflowError in SQLite."""
    _rewrite(seeds_copy, GSOMIA, _replace(b"round: 2", b"round: " + number))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[2].round"
    assert "out of range" in error.message
    assert _line(seeds_copy, GSOMIA, error.line).strip().startswith("round: ")


def test_largest_sqlite_integer_is_a_type_error_not_a_range_error(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"round: 2", b"round: 9223372036854775807"))
    built = build(seeds_copy, existing_db)  # in range: the schema has no upper bound on a round
    assert built.counts["events"] > 0


@pytest.mark.parametrize("opener", [b"[", b"{a: "])
def test_deep_nesting(seeds_copy: Path, existing_db: Path, opener: bytes) -> None:
    closer = b"]" if opener == b"[" else b"}"
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA", b"short_name: " + opener * 1000 + closer * 1000))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert f"nested deeper than {MAX_DEPTH} levels" in error.message
    assert error.line == 4


def test_deep_nesting_through_aliases(seeds_copy: Path, existing_db: Path) -> None:
    """Each anchor nests 8 levels; 10 aliases in a chain nest 80 without any line doing so."""
    chain = "a0: &a0 [[[[[[[[x]]]]]]]]\n" + "".join(f"a{i}: &a{i} [[[[[[[[*a{i - 1}]]]]]]]]\n" for i in range(1, 10))
    _rewrite(seeds_copy, GSOMIA, lambda b: b + chain.encode())
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert f"nested deeper than {MAX_DEPTH} levels (YAML aliases included)" in error.message


def test_very_deep_nesting_does_not_crash_the_process(tmp_path: Path) -> None:
    """libyaml's composer recurses in C: 200 kB of `[` used to kill Python with a segfault.
    Run in a child process, so a regression fails this test instead of the whole run."""
    path = tmp_path / "deep.yaml"
    path.write_bytes(b"a: " + b"[" * 200_000 + b"]" * 200_000 + b"\n")
    code = "import sys; from pathlib import Path; from loaders.yamlfile import read_yaml; "
    code += "doc, errors = read_yaml(Path(sys.argv[1]), 'deep.yaml'); print(errors[0].message)"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-500:]}"
    assert f"nested deeper than {MAX_DEPTH} levels" in done.stdout


def test_invalid_utf8(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA", b"short_name: GS\xff\xfeOMIA"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "not valid UTF-8" in error.message
    assert error.line == 4


def test_control_character(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"title: General", b"title: Gen\x07eral"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "control characters are not allowed" in error.message
    assert error.line == 5


def test_bom_and_crlf_are_accepted_and_lines_stay_right(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    _rewrite(seeds_copy, TISA, lambda b: b.replace(b"\n", b"\r\n"))
    result = build(seeds_copy, existing_db)
    assert result.counts["agreements"] == len(list((seeds_copy / "agreements").glob("*.yaml"))) - len(result.left_out)
    _rewrite(seeds_copy, GSOMIA, _replace(b"round: 2", b"round: second"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert error.path == "$.events[2].round"
    assert _line(seeds_copy, GSOMIA, error.line).strip() == "round: second"


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_truncated(seeds_copy: Path, existing_db: Path, keep: float) -> None:
    _rewrite(seeds_copy, TISA, lambda b: b[: int(len(b) * keep)])
    errors = _failed(seeds_copy, existing_db)
    assert any(e.file == f"seeds/{TISA}" for e in errors)


def test_duplicate_keys_are_errors_and_reported_with_the_rest(seeds_copy: Path, existing_db: Path) -> None:
    """PyYAML keeps the last of two equal keys without a word: a hand edit could lose a field."""
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA\n", b"short_name: GSOMIA\nshort_name: GSOMIB\n"))
    _rewrite(seeds_copy, GSOMIA, _replace(b"    place: Tokyo\n", b"    place: Tokyo\n    place: Seoul\n"))
    _rewrite(seeds_copy, GSOMIA, _replace(b"round: 2", b"round: second"))
    _rewrite(seeds_copy, "parties.yaml", _replace(b"- id: kor\n", b"- id: kor\n    id: kor\n"))
    errors = _failed(seeds_copy, existing_db)
    where = sorted((e.file.split("/")[-1], e.path, e.message.split(" (")[0]) for e in errors)
    assert where == [
        ("jpn-kor-gsomia-2016.yaml", "$.events[1].place", "duplicate key 'place'"),
        ("jpn-kor-gsomia-2016.yaml", "$.events[2].round", "Expected `int | null`, got `str`"),
        ("jpn-kor-gsomia-2016.yaml", "$.short_name", "duplicate key 'short_name'"),
        ("parties.yaml", "$.parties[0].id", "duplicate key 'id'"),
    ], [str(e) for e in errors]
    by_path = {e.path: e for e in errors}
    assert by_path["$.short_name"].line == 5
    assert "also on line 4" in by_path["$.short_name"].message
    assert _line(seeds_copy, GSOMIA, by_path["$.events[1].place"].line).strip() == "place: Seoul"


def test_merge_keys_are_not_duplicates(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA\n", b"<<: {short_name: X}\nshort_name: GSOMIA\n"))
    result = build(seeds_copy, existing_db)
    assert result.counts["agreements"] == len(list((seeds_copy / "agreements").glob("*.yaml"))) - len(result.left_out)


@pytest.mark.parametrize("key", [b"1", b"~", b"[a, b]", b"true"])
def test_keys_that_are_not_names(seeds_copy: Path, existing_db: Path, key: bytes) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"short_name: GSOMIA\n", b"short_name: GSOMIA\n? " + key + b"\n: x\n"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "is not a field name" in error.message
    assert error.line == 5


def test_tabs(seeds_copy: Path, existing_db: Path) -> None:
    _rewrite(seeds_copy, GSOMIA, _replace(b"\n  - party: jpn", b"\n\t- party: jpn"))
    error = _one(_failed(seeds_copy, existing_db), GSOMIA)
    assert "invalid YAML" in error.message
    assert "\t" in _line(seeds_copy, GSOMIA, error.line)


# --- the property -------------------------------------------------------------------------------

_HUGE = st.sampled_from([10**100, -(2**63) - 1, "x" * 100_000, "é" * 3000])
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates().map(str),
    st.lists(st.integers() | st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers() | st.text(max_size=5), max_size=3),
    _HUGE,
)
_SNIPPETS = st.sampled_from(
    [
        "!!python/object/apply:os.system ['true']",
        "!!python/object:builtins.dict {}",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!timestamp 2016-13-45",
        "!custom x",
        "&anchor value",
        "*undefined",
        "&self [*self]",
        "[" * 200 + "]" * 200,
        "{" * 70 + "}" * 70,
        "'unterminated",
        "\t- tab",
        "\x00",
        "\x1b[31m",
        ".nan",
        "0x" + "f" * 40,
        "1" * 5000,
    ]
)
_BAD_BYTES = st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\x28", b"\xe2\x82", b"\x80"])


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a plain YAML value, in document order."""
    found, todo = [], [data]
    while todo:
        current = todo.pop(0)
        if isinstance(current, dict):
            pairs = list(current.items())
        elif isinstance(current, list):
            pairs = list(enumerate(current))
        else:
            continue
        for key, value in pairs:
            found.append((current, key))
            todo.append(value)
    return found


def _bomb(levels: int) -> list[Any]:
    value: list[Any] = ["lol"] * 9
    for _ in range(levels):
        value = [value] * 9  # the dumper writes repeats as anchors and aliases
    return value


@dataclass(frozen=True)
class Change:
    """One file's new content (None: deleted), shown by what was done so a failure reads well."""

    file: str
    what: str
    content: bytes | None = field(repr=False)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}... ({len(text)} chars)"


@st.composite
def _data_mutation(draw: st.DrawFn, name: str) -> tuple[str, bytes]:
    """Parse, change one value, dump again (anchors in the original are expanded; equal values shared)."""
    data = yaml.load((SEEDS / name).read_bytes(), Loader=_Loader)
    slots = _slots(data)
    how = draw(st.sampled_from(["drop", "duplicate", "retype", "garble", "huge", "deep", "bomb", "self"]))
    if how == "huge":  # the same type, too big: aim at numbers, the rarer and the ones SQLite limits
        numbers = [(c, k) for c, k in slots if type(c[k]) is int]
        slots = numbers or [(c, k) for c, k in slots if isinstance(c[k], str)] or slots
    container, key = slots[draw(st.integers(0, len(slots) - 1))]  # an index: hypothesis reprs what it samples
    what = f"{how} [{key!r}]"
    if how == "huge":
        old = container[key]
        choices = [10**100, 2**63, -(2**63) - 1, 2**64] if type(old) is int else ["x" * 100_000, "é" * 3000]
        container[key] = draw(st.sampled_from(choices))
        what += f" = {_short(container[key])}"
    elif how == "drop":
        del container[key]
    elif how == "duplicate" and isinstance(container, list):
        container.insert(key, container[key])
    elif how in ("retype", "duplicate"):
        container[key] = draw(_VALUES)
        what += f" = {_short(container[key])}"
    elif how == "garble":
        old = container[key]
        container[key] = (str(old)[: draw(st.integers(0, 10))] + draw(st.text(max_size=10))) if old else "?"
        what += f" = {_short(container[key])}"
    elif how == "deep":
        levels = draw(st.integers(MAX_DEPTH - 5, MAX_DEPTH + 5))
        value: Any = "x"
        for _ in range(levels):
            value = [value]
        container[key] = value
        what += f" {levels} levels"
    elif how == "bomb":
        levels = draw(st.integers(1, 8))
        container[key] = _bomb(levels)
        what += f" 9**{levels + 1}"
    else:
        container[key] = container  # the dumper writes a recursive alias
    return what, yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000).encode()


@st.composite
def _text_mutation(draw: st.DrawFn, name: str) -> tuple[str, bytes]:
    raw = (SEEDS / name).read_bytes()
    how = draw(st.sampled_from(["truncate", "bad_utf8", "dup_line", "drop_line", "snippet", "bom_crlf", "whole"]))
    lines = raw.splitlines(keepends=True) or [b""]
    at_line = draw(st.integers(0, len(lines) - 1))
    if how == "truncate":
        at = draw(st.integers(0, len(raw)))
        return f"truncate at byte {at}", raw[:at]
    if how == "bad_utf8":
        at, bad = draw(st.integers(0, len(raw))), draw(_BAD_BYTES)
        return f"insert {bad!r} at byte {at}", raw[:at] + bad + raw[at:]
    if how == "dup_line":
        return f"repeat line {at_line + 1}", b"".join([*lines[: at_line + 1], *lines[at_line:]])
    if how == "drop_line":
        return f"drop line {at_line + 1}", b"".join(lines[:at_line] + lines[at_line + 1 :])
    if how == "snippet":  # replace a value, or a whole line, with hostile YAML
        snippet = draw(_SNIPPETS)
        line = lines[at_line]
        head, colon, _ = line.partition(b": ")
        lines[at_line] = head + colon + snippet.encode() + b"\n" if colon else snippet.encode() + b"\n"
        return f"line {at_line + 1}: {_short(snippet)}", b"".join(lines)
    if how == "bom_crlf":
        return "BOM and CRLF", b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    whole = draw(st.sampled_from([b"", b"[]\n", b"42\n", b"~\n", BOMB.encode(), b"a: 1\na: 2\n"]))
    return f"replace with {_short(whole)}", whole


@st.composite
def _mutations(draw: st.DrawFn) -> list[Change]:
    """One to three changes to the seeds, a tenth of them to source documents."""
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 9)) == 0:
            name = draw(st.sampled_from(OTHER_FILES))
            if draw(st.booleans()):
                changes.append(Change(name, "delete", None))
            else:
                changes.append(Change(name, *draw(_text_mutation(name))))
            continue
        name = draw(st.sampled_from(YAML_FILES))
        mutation = _data_mutation(name) if draw(st.booleans()) else _text_mutation(name)
        changes.append(Change(name, *draw(mutation)))
    return changes


@given(changes=_mutations())
@fuzz_settings(40)  # a build each: bench/fuzz.py runs more, with fresh seeds
@seeded
def test_mutated_seeds_fail_cleanly_or_build(built: BuildResult, changes: list[Change]) -> None:
    good_db = built.path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="pactstore-fuzz-") as folder:
        seeds = Path(folder) / "seeds"
        shutil.copytree(SEEDS, seeds)
        for change in changes:
            if change.content is None:
                (seeds / change.file).unlink(missing_ok=True)
            else:
                (seeds / change.file).write_bytes(change.content)
        db = Path(folder) / "out" / "pactstore.db"
        db.parent.mkdir()
        db.write_bytes(good_db)
        failed: SeedErrors | None = None
        try:
            build(seeds, db)
        except SeedErrors as exc:  # anything else fails the test
            failed = exc
        if failed is None:
            assert db.stat().st_size > 0
        else:
            assert failed.errors, "SeedErrors without errors"
            for error in failed.errors:
                assert isinstance(error, SeedError)
                assert error.file == "seeds" or error.file.startswith("seeds/"), str(error)
                assert error.path.startswith("$"), str(error)
                assert error.message.strip(), str(error)
                file = Path(folder) / error.file
                if error.line is not None and file.is_file():
                    assert 1 <= error.line <= file.read_bytes().count(b"\n") + 1, str(error)
            assert failed.report().count("\n") == len(failed.errors)
            assert db.read_bytes() == good_db, "a failed build changed the existing database"
        assert not list(db.parent.glob("*.building")), "a build left a temporary file"
        assert sorted(p.name for p in db.parent.iterdir()) == ["pactstore.db"]
