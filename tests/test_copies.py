"""Republished copies are folded whatever their number: exact copies at once, near copies through
their groups' leaders; and a corpus of unrelated statements that share boilerplate stays apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from commitwatch import load_statement
from commitwatch.load.copies import _MAX_BUCKET, body_words, fingerprint, group_variants

BODY = (
    "Alpha and Beta reaffirm their commitment to defend the region. "
    "They discussed defence cooperation at length and agreed to meet again in the autumn. "
    "The ministers called on all parties to refrain from provocations and to return to dialogue. "
    "They will hold regular consultations on humanitarian aid to the people affected by the floods."
)


def _statements(folder: Path, texts: dict[str, str]) -> list:  # type: ignore[type-arg]
    """Each text as a statement read on its own (load_statements would fold the copies itself)."""
    folder.mkdir()
    statements = []
    for name, body in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(f"---\ndate: 2024-01-01\nparties: [Alpha]\n---\n{body}\n")
        statements.append(load_statement(path))
    return statements


def _groups(statements: list) -> list[tuple[str, list[str]]]:  # type: ignore[type-arg]
    prints = [fingerprint(statement) for statement in statements]
    found = group_variants(prints, lambda index: body_words(statements[index]))
    return [(statements[canonical].id, sorted(v.id for v in variants)) for canonical, variants in found]


@pytest.mark.parametrize("copies", [3, _MAX_BUCKET + 16])
def test_exact_copies_are_one_statement(tmp_path: Path, copies: int) -> None:
    """K byte-for-byte copies, fewer or more than a band's pairwise limit, are all one statement."""
    texts = {"a000": BODY, **{f"a{number:03d}": BODY for number in range(1, copies + 1)}}
    groups = _groups(_statements(tmp_path / "corpus", texts))
    assert len(groups) == 1
    assert len(groups[0][1]) == copies


def test_near_copies_past_the_pairwise_limit_are_folded(tmp_path: Path) -> None:
    """150 copies, each with one word of its own changed, are one statement with 150 variants, each
    variant naming its own changed word (compared with the statement kept, not with another copy)."""
    words = BODY.split()
    texts = {"a000": BODY}
    for number in range(1, 151):
        changed = list(words)
        changed[number % len(words)] = f"word{number}"
        texts[f"a{number:03d}"] = " ".join(changed)
    statements = _statements(tmp_path / "corpus", texts)
    prints = [fingerprint(statement) for statement in statements]
    [(canonical, variants)] = group_variants(prints, lambda index: body_words(statements[index]))
    assert statements[canonical].id == "a000"
    assert len(variants) == 150
    for variant in variants:
        number = int(variant.id[1:])
        assert [change.variant for change in variant.changes] == [f"word{number}"]


def test_shared_boilerplate_does_not_make_copies(tmp_path: Path) -> None:
    """Statements that share only a long boilerplate paragraph stay apart."""
    boilerplate = "Alpha and Beta met in the capital for the annual summit of the two nations and their partners. "
    texts = {
        f"s{number:03d}": boilerplate
        + f"Topic {number} is discussed with measures numbered {number * 7} and {number * 13}."
        for number in range(100)
    }
    groups = _groups(_statements(tmp_path / "corpus", texts))
    assert all(not variants for _, variants in groups)
    assert len(groups) == 100
