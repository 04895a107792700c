"""The catalog-review workflow as the README tells it, in a fresh repository of a user's own.

The README's plugin test is copied out of README.md, so the README and what happens cannot drift
apart: pytest from two working directories, a catalog edit that fails naming the entry first,
``--force-regen``, and ``commitwatch diff`` against ``HEAD`` (1 before the commit, 0 after).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commitwatch import load_catalog, shipped_catalog

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _readme_plugin_test() -> str:
    """The Python block of the README's "Your own catalog and statements" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Your own catalog and statements", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None, "the README's plugin example is missing"
    return found.group(1)


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False)


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A user's repository: statements/, catalog/ and the README's tests/test_catalog.py, committed."""
    repo = tmp_path / "analysis"
    shutil.copytree(FIXTURES / "evaluation" / "corpus", repo / "statements")
    shutil.copytree(FIXTURES / "catalog", repo / "catalog")
    (repo / "tests").mkdir()
    (repo / "tests" / "test_catalog.py").write_text(_readme_plugin_test(), encoding="utf-8")
    _git(repo, "init", "-q")
    first = _run(repo, "-m", "pytest", "-p", "no:cacheprovider", "tests")
    assert "File not found in data directory, created" in first.stdout, first.stdout
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "catalog and expected files")
    return repo


def _edit_catalog(repo: Path, *, bump: bool) -> None:
    """Drop the "ironclad" booster and correct the example that relied on it."""
    catalog = repo / "catalog" / "catalog.yaml"
    text = catalog.read_text(encoding="utf-8").replace(
        "terms: [ironclad, steadfast, unwavering]", "terms: [steadfast, unwavering]"
    )
    if bump:
        text = text.replace('version: "0.1.0"', 'version: "0.2.0"')
    catalog.write_text(text, encoding="utf-8")
    family = repo / "catalog" / "defence.yaml"
    old = (
        '- text: "The commitment to defend Beta is ironclad."\n          level: affirmed\n          stance: intensified'
    )
    text = family.read_text(encoding="utf-8")
    assert old in text
    family.write_text(text.replace(old, old.replace("intensified", "committed")), encoding="utf-8")


def test_the_expected_files_do_not_depend_on_where_pytest_runs(repo: Path) -> None:
    """From the repository's top and from tests/, the same expected files pass."""
    assert _run(repo, "-m", "pytest", "-p", "no:cacheprovider", "tests").returncode == 0
    from_tests = _run(repo / "tests", "-m", "pytest", "-p", "no:cacheprovider", ".")
    assert from_tests.returncode == 0, from_tests.stdout
    expected = (repo / "tests" / "test_catalog" / "test_catalog.md").read_text(encoding="utf-8")
    assert "**Corpus:** ../statements" in expected
    assert str(repo) not in expected


def test_an_edit_fails_names_the_entry_first_then_is_accepted_and_committed(repo: Path) -> None:
    _edit_catalog(repo, bump=True)
    failed = _run(repo / "tests", "-m", "pytest", "-p", "no:cacheprovider", ".")
    assert failed.returncode == 1
    summary = failed.stdout.index("commitwatch: 2 entries read differently:")
    assert failed.stdout.index("v2 s2: defence.guarantee changed", summary) < failed.stdout.index("FILES DIFFER")

    before_commit = _run(repo, "-m", "commitwatch", "diff", "--base-catalog", "HEAD", "statements")
    assert before_commit.returncode == 1, before_commit.stderr
    assert "# Catalog change: 0.1.0 → 0.2.0" in before_commit.stdout
    assert "Read with the new catalog, 2 entries of the statements (statements) read differently" in (
        before_commit.stdout
    )
    assert "warning" not in before_commit.stderr

    assert _run(repo, "-m", "pytest", "-p", "no:cacheprovider", "tests", "--force-regen").returncode == 1
    assert _run(repo, "-m", "pytest", "-p", "no:cacheprovider", "tests").returncode == 0
    _git(repo, "commit", "-qam", "ironclad is no booster")
    after_commit = _run(repo, "-m", "commitwatch", "diff", "statements")  # ./catalog against HEAD
    assert after_commit.returncode == 0, after_commit.stderr
    assert "The two catalogs are the same" in after_commit.stdout


def test_diff_warns_when_the_version_was_not_bumped(repo: Path) -> None:
    _edit_catalog(repo, bump=False)
    result = _run(repo, "-m", "commitwatch", "diff", "statements")
    assert result.returncode == 1
    assert "# Catalog change: 0.1.0 → 0.1.0 (version not bumped)" in result.stdout
    assert "warning: the catalog changed but its version is still 0.1.0" in result.stderr


def test_diff_tells_an_error_from_a_difference(repo: Path) -> None:
    """A catalog that does not load: exit 2, with the file and line."""
    catalog = repo / "catalog" / "catalog.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "surprise: true\n", encoding="utf-8")
    result = _run(repo, "-m", "commitwatch", "diff", "statements")
    assert result.returncode == 2
    assert "catalog.yaml:" in result.stderr
    assert "surprise" in result.stderr


def test_check_reads_the_catalog_being_edited_and_lists_its_ids(tmp_path: Path) -> None:
    """In a folder with ./catalog, `commitwatch check` checks it (not the shipped one), however
    commitwatch was installed; --list names every family and commitment with its id."""
    shutil.copytree(FIXTURES / "catalog", tmp_path / "catalog")
    result = _run(tmp_path, "-m", "commitwatch", "check", "--list")
    assert result.returncode == 0, result.stderr
    assert "catalog 0.1.0 (catalog)" in result.stdout
    assert "defence: Defence" in result.stdout
    assert "  defence.guarantee: Defence guarantee" in result.stdout
    elsewhere = _run(tmp_path / "catalog", "-m", "commitwatch", "check")
    assert (
        f"catalog {load_catalog(shipped_catalog()).version}" in elsewhere.stdout
    )  # no ./catalog here: the shipped one
