"""A statement's URL -> a statement file in a folder, with its provenance and the raw download.

The page (HTML) or document (PDF) is fetched over HTTP(S) only, at most 20 MB, and read as a
statement file of that kind would be (see :mod:`.html` and :mod:`.pdf`). What is written:

- ``FOLDER/<name>.txt``: front matter (``title``, ``date`` when the page's own metadata gives one,
  ``source``: the URL, ``retrieved``: when, ``raw``: where the download is kept) and the text;
- ``FOLDER/.sources/<name>.html`` or ``.pdf``: the bytes as downloaded, for provenance (a folder
  whose name starts with a dot is never read as statements).

Nothing is overwritten: a name already taken is an error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import attrs
import yaml

from .._files import MAX_TEXT_BYTES, MissingExtra
from .._version import __version__
from ..errors import InputError, Problem, display_path
from .html import extract_page
from .lines import ends_sentence
from .pdf import extract_pdf

__all__ = ["Added", "add_statement"]

TIMEOUT_SECONDS = 30
SOURCES = ".sources"


@attrs.frozen
class Added:
    """One URL written as a statement file."""

    url: str
    path: Path
    raw: Path
    title: str
    date: dt.date | None


def add_statement(url: str, folder: Path, *, now: dt.datetime | None = None) -> Added:
    """Fetch ``url`` and write it into ``folder`` as a statement file, with the raw download beside it.

    Raises:
        InputError: The URL is not http(s), cannot be fetched, is not HTML or PDF, holds no text,
            or its file name is taken.
    """
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise InputError(
            Problem(f"'{url}' is not an http(s) URL", None, None, "give the page's http:// or https:// address")
        )
    raw, content_type = _download(url)
    kind = _kind(content_type, parsed.path, raw)
    if kind == "pdf":
        try:
            document = extract_pdf(raw)
        except MissingExtra:
            raise InputError(_missing("pdf", url)) from None
        except ValueError as exc:
            raise InputError(Problem(f"{url}: {exc}", None, None, "save its text by hand")) from None
        text, title, date = document.text, document.title, None  # a PDF's dates are the file's
    else:
        try:
            page = extract_page(raw.decode(_charset(content_type) or "utf-8", errors="replace"))
        except MissingExtra:
            raise InputError(_missing("html", url)) from None
        text, title, date = _blocks(page.text), page.title, page.date
    if not text.strip():
        raise InputError(
            Problem(f"{url}: no statement text found", None, None, "check that the URL is the statement's own page")
        )
    name = _name(title, parsed.path, date)
    path, raw_path = folder / f"{name}.txt", folder / SOURCES / f"{name}.{kind}"
    for taken in (path, raw_path):
        if taken.exists():
            raise InputError(
                Problem(
                    f"{display_path(taken)} exists; commitwatch add does not overwrite",
                    None,
                    None,
                    "remove it or add to another folder",
                )
            )
    retrieved = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    front = {
        "title": title or name,
        **({"date": date} if date else {}),
        "source": url,
        "retrieved": retrieved.isoformat(),
        "raw": f"{SOURCES}/{raw_path.name}",
    }
    raw_path.parent.mkdir(parents=True, exist_ok=True)
    with raw_path.open("xb") as handle:
        handle.write(raw)
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + text)
    return Added(url, path, raw_path, str(front["title"]), date)


def _blocks(text: str) -> str:
    """A page's main text with a blank line after each block (a heading, a paragraph), so that a
    heading is not read as the start of the paragraph after it; a line broken inside a sentence
    (a ``<br>``: no closing punctuation, and the next line goes on in lower case) stays one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    pieces: list[str] = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        pieces.append(line)
        inside_a_sentence = not ends_sentence(line) and following[:1].islower()
        pieces.append("\n" if inside_a_sentence or not following else "\n\n")
    return "".join(pieces)


def _download(url: str) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": f"commitwatch/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            raw = response.read(MAX_TEXT_BYTES + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the connection: closed here, not left to the garbage collector
        raise InputError(
            Problem(f"{url}: the server answered {exc.code} {exc.reason}", None, None, "check the address")
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            Problem(f"{url}: cannot be fetched ({reason})", None, None, "check the address and the connection")
        ) from None
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(
            Problem(f"{url}: larger than 20 MB, more than any statement", None, None, "save the statement's own page")
        )
    return raw, content_type


def _kind(content_type: str, path: str, raw: bytes) -> str:
    media = content_type.split(";")[0].strip().lower()
    if media == "application/pdf" or raw.startswith(b"%PDF-") or path.lower().endswith(".pdf"):
        return "pdf"
    if media in ("text/html", "application/xhtml+xml", "") or path.lower().endswith((".html", ".htm")):
        return "html"
    raise InputError(
        Problem(f"the URL holds {media}, not a web page or a PDF", None, None, "give a statement's page or PDF")
    )


def _charset(content_type: str) -> str | None:
    found = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None


def _name(title: str | None, path: str, date: dt.date | None) -> str:
    """A file name from the date and the title (else the URL's last part): ASCII, hyphens, short."""
    base = title or Path(urllib.parse.unquote(path)).stem or "statement"
    ascii_text = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or "statement"
    return f"{date.isoformat()}-{slug}" if date else slug


def _missing(extra: str, url: str) -> Problem:
    what = "PDF" if extra == "pdf" else "web page"
    return Problem(
        f"{url} is a {what}, and commitwatch's {what} reader is not installed",
        None,
        None,
        f"pip install 'commitwatch[{extra}]'",
    )
