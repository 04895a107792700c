"""One statement file -> a cleaned, dated :class:`~commitwatch.model.Statement`, or a skip record.

The bytes are decoded (UTF-8, else a named fallback), the front matter read as metadata, the
text normalised for matching (with a map back to the original characters), the statement's
body found by the cleaning rules, and the body split into paragraphs and sentences. Every step
is logged on the statement; a file that cannot be used says why and what to do.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from pathlib import Path

import attrs

from .._files import MissingExtra, NotReadable, read_regular_bytes
from ..errors import readable_name
from ..model import CleaningStep, Sentence, SkippedFile, Statement, StatementMeta
from .cleaning import extract
from .files import FileTask
from .html import HTML_SUFFIXES, extract_page
from .lines import body_furniture, iter_paragraphs, split_lines
from .markdown import blank_markdown
from .metadata import FrontMatter, ManifestDefaults, parse_front_matter
from .pdf import extract_pdf
from .sentences import split_sentences
from .text import normalize, slice_segments

__all__ = ["read_file"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def read_file(task: FileTask) -> Statement | SkippedFile:
    """Read, clean, date and split one statement file; a file that cannot be used is skipped.

    Args:
        task: The file and what its folder says about it (see :func:`plan`).
    """
    path, shown, rules = task.path, task.shown, task.rules
    try:
        raw = read_regular_bytes(path, task.max_bytes)
    except NotReadable as exc:
        reason = exc.reason + (", more than any statement" if exc.reason.startswith("larger") else "")
        return SkippedFile(shown, reason, exc.hint)
    except OSError as exc:
        return SkippedFile(
            shown, f"cannot read the file: {exc.strerror or exc}", "check that it exists and is readable"
        )
    if not raw.strip():
        return SkippedFile(shown, "empty file", "add the statement's text or remove the file")
    decoded = _decode_format(path.suffix.lower(), raw, shown)
    if isinstance(decoded, SkippedFile):
        return decoded
    text, encoding, decode_steps = decoded.text, decoded.encoding, list(decoded.steps)
    if not text.strip():
        return SkippedFile(shown, "empty file", "add the statement's text or remove the file")

    front, problems = parse_front_matter(text, shown)
    if problems:
        first = problems[0]
        return SkippedFile(
            shown,
            f"broken front matter: {first.what}",
            first.hint or "fix the YAML between the '---' lines",
            first.line,
        )
    meta, meta_steps = _metadata(task.listed, front, task.defaults)
    if meta.date is None and decoded.date is not None:
        meta = attrs.evolve(meta, date=decoded.date, date_source="page metadata")

    offset = front.end if front is not None else 0
    paragraph_starts: frozenset[int] = frozenset()
    markup: tuple[tuple[int, int, str, str], ...] = ()
    marked_up = ""
    heading_title: str | None = None
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        marked_up = text[offset:]
        blanked = blank_markdown(marked_up)
        text = text[:offset] + blanked.text  # as long as the file: offsets still point into it
        paragraph_starts, markup, heading_title = blanked.paragraph_starts, blanked.removed, blanked.title
    normalized = normalize(text[offset:])
    lines = split_lines(normalized.text)
    extraction = extract(lines, rules)

    def original(position: int, end: bool = False) -> int:
        return offset + normalized.to_original(position, end=end)

    steps: list[CleaningStep] = list(decode_steps)
    if front is not None:
        steps.append(CleaningStep("front-matter", "removed", "front matter, read as metadata", 0, front.end, "---"))
    steps.extend(
        CleaningStep(rule, "removed", why, offset + start, offset + end, " ".join(marked_up[start:end].split())[:80])
        for start, end, rule, why in markup
    )
    steps.extend(
        attrs.evolve(step, start=original(step.start or 0), end=original(step.end or 0, end=True))
        for step in extraction.removed
    )
    steps.extend(
        attrs.evolve(step, start=original(step.start), end=original(step.end or 0, end=True))
        if step.start is not None
        else step
        for step in normalized.steps
    )

    sentences: list[Sentence] = []
    language = rules.language_words()
    paragraphs = list(iter_paragraphs(extraction.body, paragraph_starts))
    for paragraph_index, paragraph in enumerate(paragraphs):
        furniture = body_furniture(
            paragraph, last=paragraph_index == len(paragraphs) - 1, headings=rules.reads_headings
        )
        if furniture is not None:
            line = paragraph[0]
            steps.append(
                CleaningStep(
                    furniture[0],
                    "removed",
                    f"line {line.number}: {furniture[1]}",
                    original(line.start),
                    original(line.end, end=True),
                    line.stripped[:80],
                )
            )
            continue
        para_start, para_end = paragraph[0].start, paragraph[-1].end
        para_text = normalized.text[para_start:para_end]
        for start, end in split_sentences(para_text, language):
            norm_start, norm_end = para_start + start, para_start + end
            orig_start, orig_end = original(norm_start), original(norm_end, end=True)
            sentences.append(
                Sentence(
                    index=len(sentences),
                    paragraph=paragraph_index,
                    start=orig_start,
                    end=orig_end,
                    text=text[orig_start:orig_end],
                    normalized=_one_line(normalized.text[norm_start:norm_end]),
                    offsets=slice_segments(normalized.segments, norm_start, norm_end),
                )
            )
    if not sentences:
        removed = "; ".join(f"{step.rule}" for step in steps if step.action == "removed") or "nothing"
        return SkippedFile(
            shown,
            f"no statement text left after cleaning (removed: {removed})",
            "check the cleaning rules against this file",
        )

    title = meta.title or decoded.title or ""  # the manifest's or front matter's, else the page's or PDF's own
    if not title and extraction.title is not None:
        title = extraction.title.stripped.lstrip("#").strip()
    if not title and heading_title:
        title = heading_title
    date, date_source = meta.date, meta.date_source
    if extraction.date is not None:
        dateline = extraction.dateline
        assert dateline is not None
        if date is None:
            date, date_source = extraction.date, "dateline"
        elif date != extraction.date:
            steps.append(
                CleaningStep(
                    "date-disagreement",
                    "noted",
                    f"the {date_source} gives {date.isoformat()} but the dateline on line {dateline.number} "
                    f"reads {extraction.date.isoformat()}; the {date_source} date is used",
                    original(dateline.start),
                    original(dateline.end, end=True),
                    dateline.stripped,
                )
            )
    steps.extend(meta_steps)
    steps.sort(key=lambda step: (step.start is None, step.start or 0))
    return Statement(
        id=_statement_id(path),
        path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        meta=attrs.evolve(meta, title=title, date=date, date_source=date_source if date else ""),
        text=text,
        sentences=tuple(sentences),
        cleaning=tuple(steps),
    )


def _statement_id(path: Path) -> str:
    return readable_name(path.stem)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _unicode_with_bom(raw: bytes) -> tuple[bytes, list[CleaningStep]]:
    """UTF-16 or UTF-32 text with a byte-order mark, re-encoded as UTF-8 (else the bytes as they are).

    Offsets then count in the re-encoded text; the cleaning log says so."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return raw, []
            step = CleaningStep(
                "decode-utf16",
                "decoded",
                f"{encoding.upper()} with a byte-order mark, read as text (offsets count in its UTF-8 form)",
            )
            return text.encode("utf-8"), [step]
    return raw, []


def _decode(raw: bytes) -> tuple[str, str, list[CleaningStep]]:
    steps = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        steps.append(
            CleaningStep(
                "byte-order-mark", "decoded", "a UTF-8 byte-order mark was left out (offsets count from after it)"
            )
        )
    try:
        return raw.decode("utf-8"), "utf-8", steps
    except UnicodeDecodeError as exc:
        where = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
    try:
        text, encoding = raw.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        text, encoding = raw.decode("latin-1"), "latin-1"
    steps.append(
        CleaningStep(
            "decode-fallback",
            "decoded",
            f"not valid UTF-8 ({where}); decoded as {encoding} instead: "
            "check its quotes and accents, or save it as UTF-8",
        )
    )
    return text, encoding, steps


@attrs.frozen
class _Decoded:
    """A file's text once its format is read, with the title and date the format's own metadata gives."""

    text: str
    encoding: str
    steps: tuple[CleaningStep, ...]
    title: str | None = None
    date: dt.date | None = None


def _decode_format(suffix: str, raw: bytes, shown: str) -> _Decoded | SkippedFile:
    """The text of a PDF, a web page or a text file (plain or Markdown); its statement's ``text``."""
    if suffix == ".pdf":
        try:
            pdf = extract_pdf(raw)
        except MissingExtra:
            return _reader_missing(shown, "a PDF", "pdf")
        except ValueError as exc:
            return SkippedFile(shown, str(exc), "save the statement as a PDF with text, or as text")
        if not pdf.text.strip():
            return SkippedFile(shown, "no text in the PDF (a scan?)", "run OCR on it, or save its text as .txt")
        step = CleaningStep(
            "pdf-text",
            "removed",
            f"the text of {pdf.pages} PDF pages: {pdf.furniture} running header, footer and page-number "
            f"lines left out, {pdf.rejoined} words hyphenated at a line end joined",
        )
        return _Decoded(pdf.text, "utf-8", (step,), pdf.title)  # a PDF's dates are the file's, never used
    raw, bom_steps = _unicode_with_bom(raw)
    head = raw[:8192]
    if b"\x00" in head or len(_BINARY_CONTROL.findall(head)) > len(head) // 20:
        return SkippedFile(shown, "binary file, not text", "convert it to plain UTF-8 text")
    text, encoding, steps = _decode(raw)
    steps = [*bom_steps, *steps]
    if suffix not in HTML_SUFFIXES:
        return _Decoded(text, encoding, tuple(steps))
    try:
        page = extract_page(text)
    except MissingExtra:
        return _reader_missing(shown, "a web page", "html")
    if not page.text.strip():
        return SkippedFile(shown, "no statement text found in the web page", "save the statement's own page")
    steps.append(
        CleaningStep(
            "html-main-text",
            "removed",
            f"the page reduced to its main text ({page.kept:,} of {len(text):,} characters kept: "
            "navigation, banners, footers, scripts and related links left out)",
        )
    )
    return _Decoded(page.text, encoding, tuple(steps), page.title, page.date)


def _reader_missing(shown: str, what: str, extra: str) -> SkippedFile:
    kind = "PDF" if extra == "pdf" else "HTML"
    return SkippedFile(
        shown, f"{what}, and commitwatch's {kind} reader is not installed", f"pip install 'commitwatch[{extra}]'"
    )


def _metadata(
    listed: StatementMeta | None, front: FrontMatter | None, defaults: ManifestDefaults | None
) -> tuple[StatementMeta, list[CleaningStep]]:
    """The manifest's metadata, else the front matter's, else the manifest's defaults; disagreements noted."""
    steps: list[CleaningStep] = []

    def pick(name: str) -> object:
        from_entry = getattr(listed, name) if listed is not None else None
        from_front = getattr(front.meta, name) if front is not None else None
        if from_entry not in _UNSET and from_front not in _UNSET and from_entry != from_front:
            steps.append(
                CleaningStep(
                    "metadata-disagreement",
                    "noted",
                    f"the manifest gives {name} {_show(from_entry)} and the front matter "
                    f"{_show(from_front)}; the manifest's is used",
                )
            )
        for value in (from_entry, from_front):
            if value not in _UNSET:
                return value
        return None

    date = pick("date")
    parties = pick("parties") or (defaults.parties if defaults is not None else ())
    extra = dict(front.meta.extra) if front is not None else {}
    meta = StatementMeta(
        title=str(pick("title") or ""),
        date=date,  # type: ignore[arg-type]
        date_source=("manifest" if listed is not None and listed.date else "front matter") if date else "",
        source=str(pick("source") or (defaults.source if defaults is not None else "")),
        parties=tuple(parties),  # type: ignore[arg-type]
        notes=str(pick("notes") or ""),
        variant_of=pick("variant_of"),  # type: ignore[arg-type]
        occasion=str(pick("occasion") or ""),
        order=pick("order"),  # type: ignore[arg-type]
        time=pick("time") or "",
        subjects=tuple(pick("subjects") or ()),  # type: ignore[arg-type]
        extra=extra,
    )
    return meta, steps


_UNSET: tuple[object, ...] = (None, "", ())


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return repr(str(value))
