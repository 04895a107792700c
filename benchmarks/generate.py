"""A deterministic synthetic corpus and catalog, built from the real ones, for the benchmarks.

**Catalog scaler.** A catalog of N commitment types is the shipped catalog plus N - 26 *derived*
entries. A derived entry is a real entry with its vocabulary shifted: every word of its cues gets
a suffix unique to the entry ("commitment" -> "commitmentqab"), so its patterns keep the real
entry's shape (alternatives, optional words, gaps, ladder) but match only text written in that
entry's shifted vocabulary.

**Corpus.** Each statement is dressed like the seeds (a title, a dateline, a release preamble,
"Begin Text" ... "End Text", sometimes a readout after it) and its body mixes real seed sentences
with *planted* sentences: real catalog examples rewritten in a derived entry's vocabulary. The
generator records, per statement, which derived entries it planted at which level; the benchmark
checks that commitwatch finds exactly those. A share of statements are republished copies of an
earlier one (blog header and footer, curly quotes, one word changed), which commitwatch must fold
into their original.

Everything is seeded: the same arguments give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from commitwatch import load_catalog, load_statements, shipped_catalog, shipped_seeds
from commitwatch.matching.patterns import _WORD_SHAPE, _tokenize

ROOT = Path(__file__).resolve().parent
BASE_ENTRIES = 26
REPUBLISHED_SHARE = 0.05
_TEXT_WORD = re.compile(r"[A-Za-z0-9]+")


def _tag(index: int) -> str:
    """A short lowercase suffix unique to derived entry ``index``: qa, qb, ..., qba, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    text = ""
    number = index
    while True:
        text = letters[number % 26] + text
        number //= 26
        if number == 0:
            break
    return "q" + text


def _shift_pattern(pattern: str, tag: str, words: set[str], stems: set[str]) -> str:
    tokens = []
    for token in _tokenize(pattern):
        if token in {"{", "}", "[", "]", "|"} or token.startswith("..."):
            tokens.append(token)
            continue
        found = _WORD_SHAPE.match(token)
        assert found is not None, token
        stem = found.group("stem")
        pieces = re.split(r"([-'’./&])", stem)
        open_ended = bool(found.group("endings") or found.group("prefix"))
        shifted_pieces = []
        for position, piece in enumerate(pieces):
            if piece and piece.isalnum():
                last = position == len(pieces) - 1
                (stems if open_ended and last else words).add(piece.lower())
                shifted_pieces.append(piece + tag)
            else:
                shifted_pieces.append(piece)
        shifted = "".join(shifted_pieces)
        if found.group("endings"):
            shifted += f"({found.group('endings')})"
        if found.group("prefix"):
            shifted += "*"
        tokens.append(shifted)
    text = " ".join(tokens)
    return re.sub(r"\s*([|}\]])\s*", r"\1", re.sub(r"([{\[|])\s*", r"\1", text))


def _shift_text(text: str, tag: str, words: set[str], stems: set[str]) -> str:
    def shift(found: re.Match[str]) -> str:
        word = found.group()
        lower = word.lower()
        if lower in words:
            return word + tag
        for stem in sorted(stems, key=len, reverse=True):
            if lower.startswith(stem):
                return word[: len(stem)] + tag + word[len(stem) :]
        return word

    return _TEXT_WORD.sub(shift, text)


def scaled_catalog(size: int, folder: Path) -> dict[str, Any]:
    """Write a catalog of ``size`` commitment types to ``folder``; return the planting table.

    Returns:
        ``{"entries": [{"id", "level", "sentence"}, ...]}``: for each derived entry, a sentence in
        its vocabulary and the level commitwatch must read it at.
    """
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(shipped_catalog(), folder)
    base = [c for c in load_catalog(shipped_catalog()).commitments if c.status == "active"]
    raw_families: dict[str, dict[str, Any]] = {}
    for path in sorted(shipped_catalog().glob("*.yaml")):
        if path.name != "catalog.yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for entry in data["commitments"]:
                raw_families[entry["id"]] = entry
    planted: list[dict[str, str]] = []
    derived_files: dict[str, list[dict[str, Any]]] = {}
    for index in range(max(0, size - BASE_ENTRIES)):
        source = base[index % len(base)]
        raw = raw_families[source.id]
        tag = _tag(index)
        words: set[str] = set()
        stems: set[str] = set()
        cues = [{**cue, "pattern": _shift_pattern(cue["pattern"], tag, words, stems)} for cue in raw["cues"]]
        exclude = [_shift_pattern(pattern, tag, words, stems) for pattern in raw.get("exclude", [])]
        match = [
            {**example, "text": _shift_text(example["text"], tag, words, stems)} for example in raw["examples"]["match"]
        ]
        for example in match:
            example.pop("holders", None)
            example.pop("modifiers", None)
        no_match = [_shift_text(text, tag, words, stems) for text in raw["examples"]["no_match"]]
        entry = {
            "id": f"{source.id}_{tag}",
            "title": f"{raw['title']} ({tag})",
            "ladder": raw["ladder"],
            "cues": cues,
            "examples": {"match": match, "no_match": no_match},
        }
        if exclude:
            entry["exclude"] = exclude
        derived_files.setdefault(source.family, []).append(entry)
        for example in match:
            planted.append({"id": entry["id"], "level": example["level"], "sentence": example["text"]})
    for family, entries in derived_files.items():
        text = yaml.safe_dump(
            {"family": family, "commitments": entries}, sort_keys=False, allow_unicode=True, width=1000
        )
        (folder / f"zz_derived_{family}.yaml").write_text(text, encoding="utf-8")
    return {"entries": planted}


def corpus(count: int, planting: dict[str, Any], folder: Path, seed: int = 7) -> dict[str, Any]:
    """Write ``count`` statements to ``folder``; return what was planted where.

    Returns:
        ``{"expected": {statement_id: [[commitment_id, level], ...]}, "copies": {copy_id: original_id}}``
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    seeds = load_statements(shipped_seeds())
    fillers = [" ".join(s.text.split()) for statement in seeds.statements for s in statement.sentences]
    entries = planting["entries"] or []
    expected: dict[str, list[list[str]]] = {}
    copies: dict[str, str] = {}
    originals: list[tuple[str, str]] = []
    start = dt.date(1901, 1, 1)  # 50,000 days later is still a year datelines are read in (19xx, 20xx)
    for number in range(count):
        statement_id = f"s{number:06d}"
        # one statement a day: statements of one date are one occasion (one version), and these are unrelated
        date = start + dt.timedelta(days=number)
        if originals and rng.random() < REPUBLISHED_SHARE:
            original_id, original_body = rng.choice(originals)
            body = _republish(original_body, rng)
            header = "Office of the Spokesperson\n"
            text = header + body + "\nNo comments:\nPost a Comment\n"
            (folder / f"{statement_id}.txt").write_text(text, encoding="utf-8")
            copies[statement_id] = original_id
            continue
        planted: dict[str, str] = {}
        paragraphs = []
        for _ in range(rng.randint(3, 5)):
            sentences = [rng.choice(fillers) for _ in range(rng.randint(1, 3))]
            if entries and rng.random() < 0.8:
                choice = rng.choice(entries)
                if choice["id"] not in planted:
                    planted[choice["id"]] = choice["level"]
                    sentences.insert(rng.randint(0, len(sentences)), choice["sentence"])
            paragraphs.append(" ".join(sentences))
        body = "\n\n".join(paragraphs)
        text = (
            f"Joint Statement on Regional Security, Number {number}\n"
            f"{date.strftime('%B')} {date.day}, {date.year}\n\n"
            "The text of the following joint statement was released by the Governments of the United States, "
            "Japan, and the Republic of Korea.\n\nBegin Text\n\n"
            f"{body}\n\nEnd Text\n\n"
        )
        if rng.random() < 0.3:
            text += "Secretary's Meeting with the Foreign Ministers\n\nThe below is attributable to the Spokesperson.\n"
        (folder / f"{statement_id}.txt").write_text(text, encoding="utf-8")
        expected[statement_id] = sorted([key, level] for key, level in planted.items())
        originals.append((statement_id, text))
    return {"expected": expected, "copies": copies}


def _republish(text: str, rng: random.Random) -> str:
    """A blog copy: curly quotes, a dateline left out, one word changed."""
    lines = [line for line in text.splitlines() if not re.match(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$", line)]
    body = "\n".join(lines).replace("'", "’")
    words = list(re.finditer(r"\b(of|to|and|the)\b", body))
    if words:
        found = words[rng.randrange(len(words))]
        replacement = {"of": "to", "to": "of", "and": "as well as", "the": "this"}[found.group()]
        body = body[: found.start()] + replacement + body[found.end() :]
    return body


def main() -> None:  # pragma: no cover - a convenience for looking at the output
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100)
    parser.add_argument("--types", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / ".corpus" / "sample")
    args = parser.parse_args()
    planting = scaled_catalog(args.types, args.out / "catalog")
    info = corpus(args.statements, planting, args.out / "statements")
    (args.out / "planted.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    print(f"wrote {args.statements} statements and a {args.types}-type catalog to {args.out}")


if __name__ == "__main__":
    main()
