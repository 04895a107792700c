"""The floor and the naive baseline, as whole processes (see run.py).

Floor: read every statement file, normalise it (the same character table commitwatch uses, so
curly quotes and dashes read alike), and run one Aho-Corasick pass (pyahocorasick) over all the
catalog's cue literals, counting hits and nothing more.

Best one-pass matcher (``--rs``): the same reading, with ahocorasick-rs (Rust) in place of
pyahocorasick, counting non-overlapping matches: the fastest multi-pattern pass at hand, what
matching alone could cost at best. Needs ``pip install ahocorasick-rs``.

Naive (``--naive N``): the same reading for the first N statements, then one ``re`` search per cue
per statement, as a tool without a multi-pattern pass would do. It prints, as JSON, the seconds
spent compiling the expressions (once per run) apart from the seconds spent reading and searching
the N statements, so that run.py can project the time for a whole corpus.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import ahocorasick

from commitwatch.load.text import _straighten


def _texts(folder: Path, limit: int | None = None) -> list[str] | object:
    paths = sorted(folder.iterdir())
    for path in paths[:limit] if limit else paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        yield _straighten(text)


def floor(folder: Path, literals: list[str]) -> int:
    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, 1)
    automaton.make_automaton()
    hits = 0
    for text in _texts(folder):
        for _ in automaton.iter(text.lower()):
            hits += 1
    return hits


def one_pass_rs(folder: Path, literals: list[str]) -> int:
    import ahocorasick_rs

    matcher = ahocorasick_rs.AhoCorasick(sorted(set(literals)))
    return sum(len(matcher.find_matches_as_indexes(text.lower())) for text in _texts(folder))


def naive(folder: Path, regexes: list[str], limit: int) -> dict[str, float]:
    started = time.perf_counter()
    compiled = [re.compile(regex, re.IGNORECASE) for regex in regexes]
    compiled_at = time.perf_counter()
    hits = statements = 0
    for text in _texts(folder, limit):
        statements += 1
        for regex in compiled:
            if regex.search(text):
                hits += 1
    return {
        "hits": hits,
        "statements": statements,
        "compile_s": round(compiled_at - started, 3),
        "search_s": round(time.perf_counter() - compiled_at, 3),
    }


def main() -> None:
    folder, planting = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    if len(sys.argv) > 4 and sys.argv[3] == "--naive":
        print(json.dumps(naive(folder, planting["regexes"], int(sys.argv[4]))))
    elif len(sys.argv) > 3 and sys.argv[3] == "--rs":
        print(one_pass_rs(folder, planting["literals"]))
    else:
        print(floor(folder, planting["literals"]))


if __name__ == "__main__":
    main()
