"""The dask engine: the same changelog as the local engine, byte for byte, on a LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import load_catalog, render_json, shipped_catalog, shipped_seeds, stream
from commitwatch.cli import cli

pytest.importorskip("distributed", reason="the dask engine needs pip install 'commitwatch[dask]'")

FIXTURES = Path(__file__).parent / "fixtures"
DEV_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "corpus"


def _json(*sources: Path, catalog: Path, **engine: object) -> str:
    with stream(*sources, catalog=load_catalog(catalog), **engine) as run:  # type: ignore[arg-type]
        return render_json(run.changelog())


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    """One local cluster of two worker processes for the module (starting one takes seconds)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as started:
        yield started


def test_same_changelog_as_local(cluster) -> None:  # type: ignore[no-untyped-def]
    """Seeds (with a republished copy) and the fixture corpus: the JSON is the same text."""
    for sources, catalog in (
        ((shipped_seeds(),), shipped_catalog()),
        ((FIXTURES / "evaluation" / "corpus",), FIXTURES / "catalog"),
    ):
        local = _json(*sources, catalog=catalog, jobs=1)
        assert _json(*sources, catalog=catalog, engine="dask", scheduler=cluster.scheduler_address) == local


def test_development_set_same_as_local(cluster) -> None:  # type: ignore[no-untyped-def]
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"the development set is not at {DEV_CORPUS}")
    local = _json(DEV_CORPUS, catalog=shipped_catalog(), jobs=2)
    assert _json(DEV_CORPUS, catalog=shipped_catalog(), engine="dask", scheduler=cluster.scheduler_address) == local


def test_command_starts_its_own_cluster(tmp_path: Path) -> None:
    """`report --engine dask --jobs 2` with no scheduler starts (and stops) a local cluster."""
    out = tmp_path / "dask.md"
    result = CliRunner().invoke(cli, ["report", "--engine", "dask", "--jobs", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == CliRunner().invoke(cli, ["report"]).stdout


def test_scheduler_needs_the_dask_engine() -> None:
    result = CliRunner().invoke(cli, ["report", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "--scheduler is for the dask engine: add --engine dask" in result.output


def test_unknown_engine() -> None:
    from commitwatch import InputError

    with (
        pytest.raises(InputError, match="unknown engine 'spark'"),
        stream(shipped_seeds(), catalog=load_catalog(shipped_catalog()), engine="spark"),
    ):
        pass


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["report", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "dask scheduler" in result.output


def test_an_address_that_is_no_address() -> None:
    result = CliRunner().invoke(cli, ["report", "--engine", "dask", "--scheduler", "http://localhost:8786"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at http://localhost:8786" in result.output


def test_a_scheduler_without_workers_is_said_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A scheduler with no worker: the run says so, naming the command that starts one, instead of hanging."""
    from distributed import LocalCluster

    from commitwatch.run import cluster as engine

    monkeypatch.setattr(engine, "WORKER_WAIT", 1.0)
    with LocalCluster(n_workers=0, processes=True, dashboard_address=":0") as empty:
        result = CliRunner().invoke(cli, ["report", "--engine", "dask", "--scheduler", empty.scheduler_address])
    assert result.exit_code == 1
    assert "has no worker" in result.output
    assert f"dask worker {empty.scheduler_address}" in result.output
