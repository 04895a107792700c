"""Properties over every loader and the matcher, on generated input: no crash, no hang.

Each loader maps anything it can be given to data or to our own located problems; the matcher
reads any text. A deadline per example catches a slow path (a hang shows as a failure, not a
stuck run); the suite is sized to run in seconds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
from collections.abc import Iterator
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitwatch import CommitwatchError, load_gold
from commitwatch._yaml import load_yaml
from commitwatch.load.cleaning import _parse_rules
from commitwatch.load.metadata import parse_front_matter, parse_manifest
from commitwatch.matching import Matcher
from commitwatch.matching.patterns import PatternError, compile_pattern

FIXTURES = Path(__file__).parent / "fixtures"


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang the run, when the body takes longer (POSIX: SIGALRM; else unbounded)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expired(*_: object) -> None:
        raise AssertionError(f"took more than {seconds} s: a pattern or input that backtracks without bound")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


DEADLINE = dt.timedelta(seconds=2)
FAST = settings(max_examples=300, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])

# YAML-ish text: the characters YAML gives meaning to, so that the generator reaches the parser's
# corners (tags, anchors, aliases, flow collections, block scalars) and not only plain words
YAML_ALPHABET = st.sampled_from(
    [*list("abc019 :-\n\t'\"!&*[]{},|>#%@`?~.\\"), "!!int ", "!!set ", "&a ", "*a", "---\n"]
)
yaml_text = st.lists(YAML_ALPHABET, max_size=80).map("".join) | st.text(max_size=200)
WORDS = [
    "we",
    "reaffirm",
    "our",
    "commitment",
    "to",
    "defend",
    "Beta",
    "talks",
    "without",
    "preconditions",
    "ironclad",
    "not",
    "discussed",
    "call",
    "on",
    "Gamma",
    "2%",
    "by",
    "2030",
    ",",
    ".",
    "and",
    "___",
    "'",
]
sentence_text = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join) | st.text(max_size=300)


@FAST
@given(text=yaml_text)
def test_yaml_gives_data_or_located_problems(text: str) -> None:
    _, problems = load_yaml(text, "x.yaml")
    assert all(problem.path == "x.yaml" and problem.what for problem in problems)


@FAST
@given(text=yaml_text)
def test_manifest_and_cleaning_rules_load_or_say_why(text: str) -> None:
    manifest, problems = parse_manifest(text, "statements.yaml")
    assert manifest is None or not problems  # never a manifest with problems left unsaid
    assert all(problem.path == "statements.yaml" for problem in problems)
    with contextlib.suppress(CommitwatchError):
        _parse_rules(text, "cleaning.yaml")


@FAST
@given(text=yaml_text)
def test_front_matter_reads_or_says_why(text: str) -> None:
    parse_front_matter("---\n" + text + "\n---\nBody.\n", "a.txt")


@settings(max_examples=60, deadline=DEADLINE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=yaml_text)
def test_a_gold_file_loads_or_says_why(tmp_path: Path, text: str) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(CommitwatchError):
        load_gold(path)


@FAST
@given(
    pattern=st.lists(
        st.sampled_from(["{a|b}", "(s)", "*", "...3", "[x]", "word", " ", "-", "'", "a"]), max_size=12
    ).map("".join)
)
def test_a_pattern_compiles_or_is_refused_and_runs_fast(pattern: str) -> None:
    import re

    try:
        compiled = compile_pattern(pattern, require_anchor=False)
    except PatternError:
        return
    with within(5):
        re.search(compiled.regex, "a " * 200 + "_" * 200 + " word-word ' a", re.IGNORECASE)


@settings(max_examples=150, deadline=DEADLINE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sentence_text)
def test_the_matcher_reads_any_text(matcher: Matcher, text: str) -> None:
    with within(5):
        observations = matcher.read_text(text)
    for observation in observations:
        evidence = observation.evidence
        assert 0 <= evidence.start <= evidence.end <= len(evidence.sentence) or evidence.sentence in text


@settings(max_examples=80, deadline=DEADLINE, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=400).map(lambda b: b"%PDF-1.4\n" + b)
    | st.text(max_size=400).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode())
)
def test_pdf_and_html_readers_read_or_skip_any_bytes(tmp_path: Path, data: bytes) -> None:
    from commitwatch import load_statements

    for name in ("x.pdf", "x.html"):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
        with within(5), contextlib.suppress(CommitwatchError):
            corpus = load_statements(folder)
            assert len(corpus.statements) + len(corpus.skipped) == 1
