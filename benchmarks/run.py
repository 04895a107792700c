"""The commitwatch benchmark: commitwatch against the floor and the naive way, side by side.

One command (from the repository root, with the test extras installed)::

    python benchmarks/run.py            # the full matrix (about 10 minutes on 2 cores)
    python benchmarks/run.py --quick    # a small matrix, for trying the harness

For each (corpus size, catalog size) it generates a deterministic synthetic corpus (see
``generate.py``), checks that commitwatch finds exactly the planted commitments and republished
copies, and times, each as a whole process:

- **floor**: read every file, normalise it, one Aho-Corasick pass over all cue literals
  (pyahocorasick), counting hits and nothing more;
- **naive**: one ``re`` search per cue per statement, timed on a sample of 10 to 100 statements
  apart from compiling the expressions; its time for the whole corpus is projected from them;
- **commitwatch**: ``commitwatch report`` end to end (load, clean, match, changelog, Markdown),
  with ``--jobs 1`` and ``--jobs 2``.

It prints statements/s, MB/s, peak RSS (the largest single process) and the ratios, and writes
them to ``benchmarks/results/latest.json``. ``benchmarks/README.md`` holds the latest table.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import itertools
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPORA = HERE / ".corpus"
RESULTS = HERE / "results"
NAIVE_WORK = 30_000  # statements x commitment types the naive way's sample reads (about 15 s on 2 cores)

FULL = {
    "corpus_scaling": [(1_000, 3_000), (10_000, 3_000), (50_000, 3_000)],
    "catalog_scaling": [(10_000, 30), (10_000, 300)],
    "jobs": (10_000, 30),
    "check": [(1_000, 3_000), (10_000, 30)],
    "formats": (10_000, 300),  # JSON and the dask engine beside the Markdown run
    "copies": [10, 40, 80],  # near-copy scaling: 24 statements, each republished K times
}
QUICK = {
    "corpus_scaling": [(500, 300), (2_000, 300)],
    "catalog_scaling": [(2_000, 30)],
    "jobs": (2_000, 30),
    "check": [(500, 300), (2_000, 30)],
    "formats": (2_000, 30),
    "copies": [10, 40],
}


def _run(command: list[str], output: Path | None = None) -> dict[str, Any]:
    """Run a command as a whole process; its wall time, CPU time and peak RSS (its largest process)."""
    measured = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), str(output or os.devnull), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(measured.stdout)
    if result.pop("exit") != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{measured.stderr}")
    return result


def _prepare(statements: int, types: int) -> Path:
    """Generate (once) the corpus and catalog for a configuration; return its folder."""
    sys.path.insert(0, str(HERE))
    from generate import corpus, scaled_catalog

    from commitwatch import load_catalog
    from commitwatch.matching import Matcher
    from commitwatch.matching.patterns import compile_pattern

    folder = CORPORA / f"s{statements}_t{types}"
    if (folder / "planted.json").is_file():
        return folder
    catalog_dir = CORPORA / f"catalog_{types}"
    planting_file = catalog_dir.parent / f"catalog_{types}.planting.json"
    if not planting_file.is_file():
        planting = scaled_catalog(types, catalog_dir)
        catalog = load_catalog(catalog_dir)
        matcher = Matcher(catalog)
        cues = [cue for commitment in matcher.commitments for cue in commitment.cues]
        compiled = [compile_pattern(cue.pattern) for cue in cues if cue.pattern is not None]
        literals = sorted({word for item in compiled for group in item.requirements for word in group})
        regexes = ["(?:" + item.body + r")(?![\w])" for item in compiled]  # as the matcher compiles a cue
        planting_file.write_text(
            json.dumps({"planting": planting, "literals": literals, "regexes": regexes}), encoding="utf-8"
        )
    planting = json.loads(planting_file.read_text(encoding="utf-8"))["planting"]
    info = corpus(statements, planting, folder / "statements")
    (folder / "planted.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


def _check(folder: Path, types: int) -> dict[str, Any]:
    """Read the corpus and compare with what was planted: exactly the planted derived commitments."""
    from commitwatch import load_catalog, stream

    planted = json.loads((folder / "planted.json").read_text(encoding="utf-8"))
    with stream(folder / "statements", catalog=load_catalog(CORPORA / f"catalog_{types}"), jobs=2) as run:
        changelog = run.changelog()
    found: dict[str, list[list[str]]] = {}
    for version in changelog.versions:
        found[version.statement_id] = sorted(
            [change.commitment_id, change.after.level]
            for change in version.changes
            if change.after is not None and "_q" in change.commitment_id
        )
    expected = planted["expected"]
    wrong = [key for key in expected if found.get(key, []) != expected[key]]
    copies = {variant.id: version.statement_id for version in changelog.versions for variant in version.variants}
    copies_wrong = [key for key, original in planted["copies"].items() if copies.get(key) != original]
    return {
        "statements_checked": len(expected),
        "planted_commitments": sum(len(value) for value in expected.values()),
        "statements_wrong": len(wrong),
        "copies_planted": len(planted["copies"]),
        "copies_wrong": len(copies_wrong),
        "examples_wrong": wrong[:5],
    }


def _floor_command(folder: Path, types: int) -> list[str]:
    return [
        sys.executable,
        str(HERE / "floor.py"),
        str(folder / "statements"),
        str(CORPORA / f"catalog_{types}.planting.json"),
    ]


_NAIVE_BY_CATALOG: dict[int, dict[str, Any]] = {}


def _naive_sample(statements: int, types: int) -> int:
    """How many statements the naive way reads: 10 to 100, fewer as the catalog grows."""
    return min(statements, max(10, min(100, NAIVE_WORK // types)))


def _naive_command(folder: Path, types: int, sample: int) -> list[str]:
    return [*_floor_command(folder, types), "--naive", str(sample)]


def _commitwatch_command(folder: Path, types: int, jobs: int) -> list[str]:
    return [
        sys.executable, "-m", "commitwatch", "report", str(folder / "statements"),
        "--catalog", str(CORPORA / f"catalog_{types}"), "--jobs", str(jobs),
    ]  # fmt: skip


def _size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in (folder / "statements").iterdir()) / 1e6


def measure(statements: int, types: int, *, jobs: tuple[int, ...] = (2,), check: bool = True) -> dict[str, Any]:
    """Everything for one configuration."""
    folder = _prepare(statements, types)
    size = _size_mb(folder)
    row: dict[str, Any] = {"statements": statements, "types": types, "corpus_mb": round(size, 1)}
    if check:
        row["check"] = _check(folder, types)
    row["floor"] = _run(_floor_command(folder, types))
    if importlib.util.find_spec("ahocorasick_rs") is not None:
        row["one_pass_rs"] = _run([*_floor_command(folder, types), "--rs"])
        row["one_pass_rs"]["mb_per_s"] = round(size / row["one_pass_rs"]["wall_s"], 2)
    if types not in _NAIVE_BY_CATALOG:  # its cost per statement does not depend on the corpus's size
        output = RESULTS / "naive.json"
        naive = _run(_naive_command(folder, types, _naive_sample(statements, types)), output)
        naive.update(json.loads(output.read_text(encoding="utf-8")))
        output.unlink()
        naive["measured_on"] = statements
        _NAIVE_BY_CATALOG[types] = naive
    naive = dict(_NAIVE_BY_CATALOG[types])
    per_statement = naive["search_s"] / naive["statements"]
    # start-up and compiling once, then the sample's cost per statement for every statement
    naive["projected_s"] = round(naive["wall_s"] - naive["search_s"] + statements * per_statement, 1)
    naive["statements_per_s"] = round(1 / per_statement, 2)
    row["naive"] = naive
    for count in jobs:
        output = RESULTS / f"report_{statements}_{types}_j{count}.md"
        result = _run(_commitwatch_command(folder, types, count), output)
        result["sha256"] = hashlib.sha256(output.read_bytes()).hexdigest()
        output.unlink()
        row[f"commitwatch_j{count}"] = result
    for key in ("floor", *(f"commitwatch_j{count}" for count in jobs)):
        row[key]["statements_per_s"] = round(statements / row[key]["wall_s"], 1)
        row[key]["mb_per_s"] = round(size / row[key]["wall_s"], 2)
    best = min(row[f"commitwatch_j{count}"]["wall_s"] for count in jobs)
    row["commitwatch_over_floor"] = round(best / row["floor"]["wall_s"], 2)
    row["naive_over_commitwatch"] = round(row["naive"]["projected_s"] / best, 1)
    return row


def formats(statements: int, types: int) -> dict[str, Any]:
    """At one configuration, --jobs 2: Markdown, JSON (its size over the corpus's) and the dask engine."""
    folder = _prepare(statements, types)
    size = _size_mb(folder)
    base = _commitwatch_command(folder, types, 2)
    figures: dict[str, Any] = {"statements": statements, "types": types, "corpus_mb": round(size, 1)}
    for name, extra in {"markdown": [], "json": ["--format", "json"], "dask_markdown": ["--engine", "dask"]}.items():
        output = RESULTS / f"formats_{name}.out"
        result = _run([*base, *extra], output)
        result["sha256"] = hashlib.sha256(output.read_bytes()).hexdigest()
        result["output_mb"] = round(output.stat().st_size / 1e6, 1)
        result["mb_per_s"] = round(size / result["wall_s"], 2)
        output.unlink()
        figures[name] = result
    figures["json_over_corpus"] = round(figures["json"]["output_mb"] / size, 2)
    figures["dask_identical"] = figures["dask_markdown"]["sha256"] == figures["markdown"]["sha256"]
    return figures


def copies(counts: list[int]) -> dict[str, Any]:
    """Near-copy scaling (benchmarks/copies.py): the time and the copies folded for each K."""
    import tempfile

    sys.path.insert(0, str(HERE))
    import copies as near

    rows = []
    with tempfile.TemporaryDirectory(prefix="commitwatch-copies-") as scratch:
        for count in counts:
            folder = near.build(Path(scratch) / f"k{count}", 24, count, exact=False)
            files = len(list((folder / "statements").iterdir()))
            seconds, kept, folded = near.measure(folder, 1)
            rows.append({"copies": count, "files": files, "wall_s": round(seconds, 2), "kept": kept, "folded": folded})
    for previous, row in itertools.pairwise(rows):
        ratio = row["wall_s"] / previous["wall_s"]
        row["exponent"] = round(math.log(ratio) / math.log(row["files"] / previous["files"]), 2)
        row["time_ratio"] = round(ratio, 2)
    return {"statements": 24, "rows": rows}


def startup() -> dict[str, Any]:
    """`commitwatch --version` and the seeds report, median of repeated whole-process runs."""
    figures = {}
    for name, command in {
        "version": [sys.executable, "-m", "commitwatch", "--version"],
        "seeds_report": [sys.executable, "-m", "commitwatch", "report"],
    }.items():
        walls = sorted(_run(command)["wall_s"] for _ in range(7))
        figures[name] = {"median_s": walls[len(walls) // 2], "min_s": walls[0], "max_s": walls[-1]}
    return figures


def stages(statements: int, types: int) -> dict[str, float]:
    """Seconds per stage for one configuration, in this process, one job."""
    from commitwatch import Matcher, Statement, build_changelog, load_catalog, render_markdown
    from commitwatch.load.copies import body_words, fingerprint
    from commitwatch.load.corpus import fold_copies
    from commitwatch.load.files import plan
    from commitwatch.load.read import read_file

    folder = _prepare(statements, types)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 3)
        clock = now

    catalog = load_catalog(CORPORA / f"catalog_{types}")
    lap("load catalog")
    matcher = Matcher(catalog)
    lap("prepare matcher")
    planned = plan(folder / "statements")
    read = [item for item in (read_file(task) for task in planned.tasks) if isinstance(item, Statement)]
    lap("read and clean")
    readings = [matcher.read(statement) for statement in read]
    lap("match")
    prints = [fingerprint(statement) for statement in read]
    groups, _ = fold_copies(read, prints, lambda index: body_words(read[index]), {})
    lap("find copies")
    changelog = build_changelog([(s.info, readings[i]) for i, s in groups], catalog, corpus=planned.corpus)
    lap("changelog")
    render_markdown(changelog)
    lap("markdown")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the commitwatch benchmark.")
    parser.add_argument("--quick", action="store_true", help="a small matrix, to try the harness")
    args = parser.parse_args()
    plan_ = QUICK if args.quick else FULL
    RESULTS.mkdir(exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "quick": args.quick,
    }
    results["startup"] = startup()
    results["stages"] = {"config": list(plan_["corpus_scaling"][0]), "seconds": stages(*plan_["corpus_scaling"][0])}
    rows = []
    for statements, types in plan_["corpus_scaling"]:
        rows.append(measure(statements, types, check=(statements, types) in plan_["check"]))
        print(json.dumps(rows[-1]), flush=True)
    for statements, types in plan_["catalog_scaling"]:
        jobs = (1, 2) if (statements, types) == plan_["jobs"] else (2,)
        rows.append(measure(statements, types, jobs=jobs, check=(statements, types) in plan_["check"]))
        print(json.dumps(rows[-1]), flush=True)
    results["rows"] = rows
    results["formats"] = formats(*plan_["formats"])
    print(json.dumps(results["formats"]), flush=True)
    results["copies"] = copies(plan_["copies"])
    print(json.dumps(results["copies"]), flush=True)
    jobs_row = next(row for row in rows if (row["statements"], row["types"]) == plan_["jobs"])
    results["speedup_2_jobs"] = round(jobs_row["commitwatch_j1"]["wall_s"] / jobs_row["commitwatch_j2"]["wall_s"], 2)
    results["jobs_identical_output"] = jobs_row["commitwatch_j1"]["sha256"] == jobs_row["commitwatch_j2"]["sha256"]
    results["total_s"] = round(time.perf_counter() - started, 1)
    (RESULTS / ("quick.json" if args.quick else "latest.json")).write_text(
        json.dumps(results, indent=2), encoding="utf-8"
    )
    print(_table(results))


def _verdict(check: dict[str, Any]) -> str:
    if not check["statements_wrong"] and not check["copies_wrong"]:
        return "exact"
    return f"{check['statements_wrong']} statements and {check['copies_wrong']} copies wrong"


def _table(results: dict[str, Any]) -> str:
    lines = [
        "| statements | types | MB | floor st/s | floor MB/s | one-pass (rs) MB/s | commitwatch st/s (2 jobs) | MB/s "
        "| peak RSS MB | cw/floor | naive st/s | naive/cw | check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in results["rows"]:
        cw = row["commitwatch_j2"]
        check = row.get("check")
        verdict = "not run" if check is None else _verdict(check)
        rs = row.get("one_pass_rs", {}).get("mb_per_s", "not installed")
        lines.append(
            f"| {row['statements']:,} | {row['types']:,} | {row['corpus_mb']} | {row['floor']['statements_per_s']:,} | "
            f"{row['floor']['mb_per_s']} | {rs} | {cw['statements_per_s']:,} | {cw['mb_per_s']} | "
            f"{cw['peak_rss_mb']} | {row['commitwatch_over_floor']} | "
            f"{row['naive']['statements_per_s']} | {row['naive_over_commitwatch']} | {verdict} |"
        )
    startup_figures = results["startup"]
    lines += [
        "",
        f"2 jobs over 1: {results['speedup_2_jobs']}x (identical output: {results['jobs_identical_output']}); "
        f"`commitwatch --version` {startup_figures['version']['median_s']} s, seeds report "
        f"{startup_figures['seeds_report']['median_s']} s (medians of 7 whole-process runs); "
        f"total {results['total_s']} s.",
        f"Stages at {results['stages']['config']}: {results['stages']['seconds']}",
    ]
    formats_ = results["formats"]
    lines.append(
        f"At {formats_['statements']:,} x {formats_['types']:,} ({formats_['corpus_mb']} MB), 2 jobs: Markdown "
        f"{formats_['markdown']['wall_s']} s ({formats_['markdown']['mb_per_s']} MB/s), "
        f"JSON {formats_['json']['wall_s']} s ({formats_['json']['mb_per_s']} MB/s; "
        f"{formats_['json']['output_mb']} MB, {formats_['json_over_corpus']}x "
        f"the corpus), dask engine {formats_['dask_markdown']['wall_s']} s (identical: {formats_['dask_identical']})."
    )
    lines.append(
        "Near copies (24 statements x K): "
        + "; ".join(
            f"K={row['copies']}: {row['files']} files {row['wall_s']} s, {row['folded']} folded"
            + (f", exponent {row['exponent']}" if "exponent" in row else "")
            for row in results["copies"]["rows"]
        )
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
