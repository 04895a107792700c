"""What the commands share: error handling, options, the run with its progress bar, and -o FILE.

Heavy modules are imported inside the functions, so ``commitwatch --version`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from ..load import CleaningRules
    from ..model import Catalog, Changelog, SkippedFile, Version
    from ..run import Stream

F = TypeVar("F", bound=Callable[..., Any])

EXIT_ERROR = 1
EXIT_DIFF_ERROR = 2  # `commitwatch diff`, like GNU diff: 0 the same, 1 different, 2 trouble
PROGRESS_THRESHOLD = 50  # statements; fewer finish before a bar would be worth drawing


def handle_errors(command: F, status: int = EXIT_ERROR) -> F:
    """Run a command, turning commitwatch's errors into ``Error: ...`` on stderr and exit ``status``."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import CommitwatchError

        context = click.get_current_context()
        debug = bool(context.find_root().params.get("debug") or context.meta.get("debug"))
        try:
            return command(*args, **kwargs)
        except CommitwatchError as exc:
            if debug:
                raise
            click.echo(f"Error: {exc}", err=True)
            sys.exit(status)
        except KeyboardInterrupt:
            if debug:
                raise
            click.echo("Interrupted; an -o FILE is left as it was.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (`commitwatch report | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(status)
        except OSError as exc:
            if debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}; check the path, its permissions and free space", err=True)
            sys.exit(status)

    # `commitwatch report --debug` as well as `commitwatch --debug report`
    debug_option = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_remember("debug"),
        help="Show a full traceback on errors.",
    )
    return debug_option(wrapper)  # type: ignore[return-value]


def _remember(key: str, convert: Callable[[Any], Any] = bool) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback that keeps an option the commands do not take as a parameter (--debug after the
    command's name, --quiet, --max-size) in the run's context, for the helpers here to read."""

    def callback(context: click.Context, _: click.Parameter, value: Any) -> None:
        if value:  # not given: the helper's default applies
            context.meta[key] = convert(value)

    return callback


def note_assumed_parties(count: int, catalog: Catalog) -> None:
    """Say on stderr how many versions were read as the catalog's default parties' statements."""
    if count:
        parties = ", ".join(catalog.default_parties)
        names, own, are = ("names", "its", "is") if count == 1 else ("name", "their", "are")
        click.echo(
            f"note: {plural(count, 'version')} {names} no parties in {own} metadata and {are} read as "
            f"the catalog's default parties' ({parties}); give `parties:` in the front matter or the "
            "manifest to say who issued them",
            err=True,
        )


LOW_COVERAGE = 0.2  # a catalog that reads fewer of the sentences than this may be the wrong one


def note_low_coverage(read: int, sentences: int, catalog: Catalog) -> None:
    """Say on stderr when the catalog reads little of the statements: it may not be theirs."""
    if sentences and read / sentences < LOW_COVERAGE:
        click.echo(
            f"note: only {read:,} of {sentences:,} sentences ({100 * read // sentences}%) show a commitment of "
            f"the catalog '{catalog.title}'; if these statements are on other subjects, they need a catalog of "
            "their own (--catalog DIR; see 'Editing the catalog' in the README)",
            err=True,
        )


def note_empty_selection(shown: int, **selection: object) -> None:
    """Say on stderr that a selection left nothing to show, naming it (the output is still written)."""
    issued_by = click.get_current_context().meta.get("issued_by")
    chosen = {name: value for name, value in {**selection, "issued-by": issued_by}.items() if value}
    if shown or not chosen:
        return
    described = ", ".join(
        f"--{name} {', '.join(map(str, value)) if isinstance(value, tuple) else _day(value)}"
        for name, value in chosen.items()
    )
    click.echo(f"note: no version matches {described}; check the dates and ids against the full report", err=True)


def _day(value: object) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 sentence``, ``2 sentences``; ``many`` for an irregular plural (``entries``)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


DATE = click.DateTime(formats=["%Y-%m-%d"])


def statement_arguments(command: F) -> F:
    """STATEMENTS..., --jobs, --quiet, --max-size and --cleaning."""
    command = click.argument("statements", nargs=-1, type=click.Path(exists=True, path_type=Path))(command)
    command = click.option(
        "--jobs",
        type=click.IntRange(min=1),
        callback=_sane_jobs,
        help="Worker processes (default: every core for 200 statements or more; at most the cores).",
    )(command)
    command = click.option(
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_remember("quiet"),
        help="Announce skipped files on stderr by their count only (the report lists them all).",
    )(command)
    command = click.option(
        "--max-size",
        type=click.FloatRange(min=0, min_open=True),
        expose_value=False,
        callback=_remember("max_bytes", lambda megabytes: int(megabytes * 1024 * 1024)),
        help="Skip statement files larger than this many MB (default: 20).",
    )(command)
    return cleaning_option(command)


def cleaning_option(command: F) -> F:
    """--cleaning FILE."""
    return click.option(
        "--cleaning",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="Extra cleaning rules (YAML), added to the defaults.",
    )(command)


def cleaning_rules(cleaning: Path | None) -> CleaningRules | None:
    """The rules of --cleaning FILE, or None."""
    from ..load import load_cleaning_rules

    return load_cleaning_rules(cleaning) if cleaning is not None else None


SKIPS_ANNOUNCED = 10  # on stderr, one line each; the report lists every one


def announce_skipped(skipped: Sequence[SkippedFile]) -> None:
    """Say on stderr which files were not used, so that no one misses them in a long report."""
    if not skipped:
        return
    quiet = bool(click.get_current_context().meta.get("quiet"))
    shown = [] if quiet else skipped[:SKIPS_ANNOUNCED]
    for item in shown:
        where = f"{item.path}:{item.line}" if item.line else item.path
        click.echo(f"skipped {where}: {item.reason}", err=True)
    rest = len(skipped) - len(shown)
    if rest:
        more = "" if not shown else " more"
        noun = "file" if rest == 1 else "files"
        click.echo(f"skipped {rest}{more} {noun}; the report's 'Skipped files' says why and what to do", err=True)


def max_bytes() -> int:
    """--max-size, in bytes (the default when not given)."""
    from ..load.files import MAX_STATEMENT_BYTES

    return int(click.get_current_context().meta.get("max_bytes", MAX_STATEMENT_BYTES))


def _sane_jobs(_: click.Context, __: click.Parameter, jobs: int | None) -> int | None:
    """--jobs, at most one process per core: more only cost memory and start-up (with a note)."""
    cores = os.cpu_count() or 1
    if jobs is not None and jobs > cores:
        click.echo(f"note: --jobs {jobs} is more than this machine's {cores} cores; using {cores}", err=True)
        return cores
    return jobs


def catalog_option(command: F) -> F:
    """--catalog DIR."""
    return click.option(
        "--catalog",
        "catalog_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="The catalog folder (default: the shipped catalog).",
    )(command)


def output_option(command: F) -> F:
    """-o FILE."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write to FILE (atomically) instead of stdout.",
    )(command)


def engine_options(command: F) -> F:
    """--engine, --scheduler and --issued-by, for the commands that read statements through :func:`run`.

    The engines are those of :mod:`commitwatch.run.cluster` (named here, not imported from there,
    so that ``commitwatch --version`` does not load the run).
    """
    command = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        expose_value=False,
        callback=_remember("engine", str),
        help="Where statements are read: local processes (default), or a Dask cluster (commitwatch[dask]).",
    )(command)
    command = click.option(
        "--issued-by",
        "issued_by",
        multiple=True,
        metavar="PARTY",
        expose_value=False,
        callback=_remember("issued_by", tuple),
        help="Only the statements issued by this party (repeatable: by all of them), their changes among them alone.",
    )(command)
    command = click.option(
        "--scheduler",
        metavar="ADDRESS",
        expose_value=False,
        callback=_remember("scheduler", str),
        help="With --engine dask: a running scheduler's address (tcp://host:8786); default: a local cluster of --jobs.",
    )(command)
    return command


def date_options(command: F) -> F:
    """--since and --until."""
    for decorator in reversed(
        [
            click.option("--since", type=DATE, help="Only versions on or after this date (YYYY-MM-DD)."),
            click.option("--until", type=DATE, help="Only versions on or before this date (YYYY-MM-DD)."),
        ]
    ):
        command = decorator(command)
    return command


def selection_options(command: F) -> F:
    """--since, --until, --family and --commitment."""
    for decorator in reversed(
        [
            click.option("--family", "families", multiple=True, help="Only this family (repeatable)."),
            click.option("--commitment", "commitments", multiple=True, help="Only this commitment id (repeatable)."),
        ]
    ):
        command = decorator(command)
    return date_options(command)


def sources(statements: tuple[Path, ...]) -> tuple[Path, ...]:
    """The statements named, or the shipped seeds."""
    if statements:
        return statements
    from .._shipped import shipped_seeds

    return (shipped_seeds(),)


def statement_links(statements: tuple[Path, ...], output: Path | None) -> Callable[[Version], str | None]:
    """How a page written to ``output`` (or shown from here) links a version's statement file:
    a relative address, or None where the file cannot be found (a path shown differently)."""
    import hashlib
    from urllib.request import pathname2url

    base = (output.parent if output is not None else Path.cwd()).resolve()
    roots = [root.resolve() for root in sources(statements)]

    def link(version: Version) -> str | None:
        found = [
            candidate
            for candidate in (root / version.path if root.is_dir() else root for root in roots)
            if candidate.name == Path(version.path).name and candidate.is_file()
        ]
        if len(found) > 1:  # two folders hold a file of this name: the one with its bytes
            found = [path for path in found if hashlib.sha256(path.read_bytes()).hexdigest() == version.sha256]
        # quoted: a file named "javascript:..." stays a relative path, never a scheme
        return pathname2url(os.path.relpath(found[0], base)) if found else None

    return link


@contextmanager
def run(statements: tuple[Path, ...], cleaning: Path | None, catalog: Catalog, jobs: int | None) -> Iterator[Stream]:
    """Read the statements with the catalog, showing progress on a terminal for large corpora."""
    from ..run import stream

    rules = cleaning_rules(cleaning)
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
                return
            bar = click.progressbar(length=total, label="Reading statements", file=sys.stderr)
            bar.__enter__()
        bar.update(1)
        if done == total:
            bar.__exit__(None, None, None)

    meta = click.get_current_context().meta
    if meta.get("scheduler") and meta.get("engine") != "dask":
        raise click.UsageError("--scheduler is for the dask engine: add --engine dask, or leave --scheduler out")
    with stream(
        *sources(statements),
        catalog=catalog,
        cleaning=rules,
        jobs=jobs,
        on_statement=progress,
        max_bytes=max_bytes(),
        engine=meta.get("engine", "local"),
        scheduler=meta.get("scheduler"),
        issued_by=meta.get("issued_by", ()),
    ) as streamed:
        announce_skipped(streamed.head.skipped)
        yield streamed


def changelog(statements: tuple[Path, ...], cleaning: Path | None, catalog: Catalog, jobs: int | None) -> Changelog:
    """The whole changelog of the statements."""
    with run(statements, cleaning, catalog, jobs) as streamed:
        return streamed.changelog()


def catalog_here(catalog_dir: Path | None) -> Path | None:
    """``catalog_dir``, or ./catalog when there is one (the folder being edited: a broken one is an
    error naming its files, not a silent fall back to the shipped catalog), or None."""
    if catalog_dir is None and Path("catalog").is_dir():
        return Path("catalog")
    return catalog_dir


def load_catalog(catalog_dir: Path | None) -> Catalog:
    """The catalog in ``catalog_dir``, or the shipped one."""
    from ..catalog import load_catalog as load

    if catalog_dir is not None:
        return load(catalog_dir)
    from .._shipped import shipped_catalog

    return load(shipped_catalog())


def dates(since: dt.datetime | None, until: dt.datetime | None) -> dict[str, dt.date | None]:
    """--since and --until as the dates :func:`~commitwatch.select` takes."""
    return {"since": since.date() if since else None, "until": until.date() if until else None}


def input_files(statements: tuple[Path, ...], catalog_dir: Path | None, *others: Path | None) -> set[Path]:
    """Every file a run reads (statements, manifests, cleaning rules, catalog, ``others`` such as
    --cleaning or --gold), so that -o FILE can refuse to overwrite one."""
    from .._shipped import shipped_catalog, shipped_seeds
    from ..load.files import folder_entries

    roots = list(statements) or [shipped_seeds()]
    roots.append(catalog_dir or shipped_catalog())
    roots.extend(other for other in others if other is not None)
    files: set[Path] = set()
    for root in roots:
        if root.is_dir():
            files.update(entry.real for entry in folder_entries(root) if not entry.is_dir)
        else:
            files.add(root.resolve())
    return files


@contextmanager
def output(path: Path | None, inputs: set[Path]) -> Iterator[TextIO]:
    """Where the report goes: stdout, or a file written atomically that is not one of the inputs."""
    if path is None:
        yield sys.stdout
        return
    from ..errors import InputError, Problem

    target = path.resolve()  # through a symbolic link: its target is what gets written
    if target in inputs:
        raise InputError(
            Problem(
                f"refusing to overwrite {path}, one of this run's input files", None, None, "choose another -o FILE"
            )
        )
    mode = None
    try:
        info = os.stat(target)
    except FileNotFoundError:
        pass
    else:
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                Problem(f"refusing to write to {path}: not a regular file", None, None, "choose a file name for -o")
            )
        if info.st_nlink > 1:
            raise InputError(
                Problem(
                    f"refusing to write to {path}: it has other hard links, which replacing it would break",
                    None,
                    None,
                    "write elsewhere and copy the result",
                )
            )
        mode = stat.S_IMODE(info.st_mode)
    with _atomic(target, mode) as handle:
        yield handle


@contextmanager
def _atomic(path: Path, mode: int | None) -> Iterator[Any]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success.

    The file keeps an existing file's ``mode``; a new one gets what the umask allows, as a file
    the shell creates would (a temporary file starts private)."""
    from ..errors import InputError, Problem

    directory = path.resolve().parent
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(
            Problem(f"cannot write {path}: {exc.strerror}", None, None, "check the folder exists and is writable")
        ) from None
    UNFINISHED.add(temporary)
    try:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        UNFINISHED.discard(temporary)


UNFINISHED: set[str] = set()  # temporary -o files being written, for a signal to remove


def stop_now(signum: int, _: object) -> None:
    """SIGTERM or Ctrl-C: stop the workers, remove a half-written -o file, and exit 128 + signum.

    Done here, not by raising in whatever the main thread is doing: an exception raised inside
    the worker pool's locks can leave the pool waiting for ever."""
    import multiprocessing

    signal.signal(signum, signal.SIG_DFL)  # a second signal ends the process at once
    for child in multiprocessing.active_children():
        child.terminate()
    for temporary in list(UNFINISHED):
        with suppress(OSError):
            os.unlink(temporary)
    if signum == signal.SIGINT:
        os.write(2, b"Interrupted; an -o FILE is left as it was.\n")
    os._exit(128 + signum)


def unknown_commitment(catalog: Catalog, commitment_id: str) -> None:
    """Raise the error for a commitment id the catalog does not know."""
    from ..errors import InputError, Problem, did_you_mean

    hint = (
        did_you_mean(commitment_id, [c.id for c in catalog.commitments])
        or "`commitwatch check --list --catalog DIR` lists the ids"
    )
    raise InputError(Problem(f"unknown commitment '{commitment_id}'", None, None, hint))
