"""A base catalog for ``commitwatch diff``: a folder, or the catalog folder at a git revision."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError, Problem


@contextmanager
def resolve_base_catalog(base: str, catalog_dir: Path | None) -> Iterator[Path]:
    """Yield a folder holding the base catalog.

    Args:
        base: A catalog folder, or a git revision ("HEAD", "main~3", a commit hash).
        catalog_dir: The catalog being compared (default: the shipped one); with a revision, its
            folder as it was at that revision is used.

    Raises:
        InputError: ``base`` is neither a folder nor a revision of the catalog's repository.
    """
    candidate = Path(base)
    if candidate.is_dir():
        yield candidate
        return
    if catalog_dir is None:
        from .._shipped import shipped_catalog

        catalog_dir = shipped_catalog()
    folder = catalog_dir.resolve()
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise InputError(
            Problem(
                f"'{base}' is not a folder, and {catalog_dir} is not in a git repository",
                None,
                None,
                "pass the base catalog's folder, or run inside the catalog's git repository",
            )
        )
    root = Path(top.decode().strip())
    relative = folder.relative_to(root).as_posix()
    # user text never reaches git as an option ("--output=FILE" would truncate FILE): the revision
    # is verified as a commit first, and only its hash is passed on
    verified = (
        None
        if base.startswith("-")
        else _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}")
    )
    commit = verified.decode().strip() if verified else ""
    archive = _git(root, "archive", "--format=tar", commit, "--", relative) if commit else None
    if archive is None:
        raise InputError(
            Problem(
                f"'{base}' is neither a folder nor a git revision holding {relative}/",
                None,
                None,
                "check the revision with `git log`, or pass a folder",
            )
        )
    with tempfile.TemporaryDirectory(prefix="commitwatch-base-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            try:
                tar.extractall(temporary, filter="data")
            except tarfile.FilterError as exc:  # a link out of the folder, an absolute path: never followed
                member = exc.tarinfo.name if exc.tarinfo is not None else relative
                raise InputError(
                    Problem(
                        f"at {base}, {member} is a link or path that leads outside the catalog folder",
                        None,
                        None,
                        "commitwatch does not follow it; make it a regular file in that revision, or pass a folder",
                    )
                ) from None
        yield Path(temporary) / relative


def _git(folder: Path, *args: str) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None
