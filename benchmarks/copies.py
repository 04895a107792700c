"""How the time to fold republished copies grows with their number.

A corpus of N statements, each republished K times (a blog copy each: curly quotes, the
dateline left out, one word changed, so no two copies are the same bytes; and, with
``--exact``, as many byte-for-byte copies as well), read by ``commitwatch report`` for several K.
Prints, per K, the files, the wall time (median of ``--rounds``), how many statements the
report kept (it should be N) and how many copies it folded (it should be N × K), and the
scaling exponent between consecutive K (time ∝ files^exponent; 1 is linear).

    python benchmarks/copies.py                  # N = 24, K = 10, 40, 80
    python benchmarks/copies.py --copies 10 40 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent


def build(folder: Path, originals: int, copies: int, exact: bool) -> Path:
    """N originals from the generator, each with K blog copies (and K exact ones with ``exact``)."""
    planting = generate.scaled_catalog(30, folder / "catalog")
    source = folder / "generated"
    generate.REPUBLISHED_SHARE = 0.0  # the copies are made here, K of each
    generate.corpus(originals, planting, source)
    statements = folder / "statements"
    statements.mkdir()
    rng = random.Random(copies)
    for path in sorted(source.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (statements / path.name).write_text(text, encoding="utf-8")
        for number in range(copies):
            # as the generator's blog copies are, dressed by a site of their own
            body = generate._republish(text, rng)
            copy = f"Office of the Spokesperson\n{body}\nNo comments:\nPost a Comment on site {number}\n"
            (statements / f"{path.stem}_copy{number:03d}.txt").write_text(copy, encoding="utf-8")
            if exact:
                (statements / f"{path.stem}_same{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def measure(folder: Path, rounds: int) -> tuple[float, int, int]:
    times = []
    out = folder / "report.json"
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "commitwatch",
                "report",
                str(folder / "statements"),
                "--catalog",
                str(folder / "catalog"),
                "--format",
                "json",
                "--jobs",
                "1",
                "-o",
                str(out),
            ],
            check=True,
        )
        times.append(time.perf_counter() - start)
    data = json.loads(out.read_text(encoding="utf-8"))
    folded = sum(len(version["variants"]) for version in data["versions"])
    return statistics.median(times), len(data["versions"]), folded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=24, help="originals (N)")
    parser.add_argument("--copies", type=int, nargs="+", default=[10, 40, 80], help="copies of each (K)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--exact", action="store_true", help="also K byte-for-byte copies of each")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="commitwatch-copies-") as scratch:
        for copies in args.copies:
            folder = build(Path(scratch) / f"k{copies}", args.statements, copies, args.exact)
            files = len(list((folder / "statements").iterdir()))
            seconds, kept, folded = measure(folder, args.rounds)
            rows.append((copies, files, seconds, kept, folded))
            shutil.rmtree(folder)
    per_original = args.statements * (2 if args.exact else 1)
    print(f"{'K':>4} {'files':>6} {'seconds':>8} {'kept':>5} {'folded':>7} {'expected':>8} {'exponent':>8}")
    for index, (copies, files, seconds, kept, folded) in enumerate(rows):
        exponent = ""
        if index:
            previous = rows[index - 1]
            exponent = f"{math.log(seconds / previous[2]) / math.log(files / previous[1]):.2f}"
        expected = per_original * copies
        print(f"{copies:>4} {files:>6} {seconds:>8.2f} {kept:>5} {folded:>7} {expected:>8} {exponent:>8}")


if __name__ == "__main__":
    main()
