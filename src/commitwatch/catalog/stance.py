"""A catalog's stance lexicons: the lists it gives, and commitwatch's defaults for the rest."""

from __future__ import annotations

import functools
from importlib import resources

import attrs

from .._yaml import LineDict, load_yaml
from ..converter import make_converter, structure_yaml
from ..errors import CatalogError
from ..model import StanceLexicon

__all__ = ["default_stance", "stance_of"]


def stance_of(data: LineDict, given: StanceLexicon) -> StanceLexicon:
    """The catalog's stance lexicons: each list it gives, else the default list for that stance."""
    written = data.get("stance")
    written = written if isinstance(written, LineDict) else {}
    defaults = default_stance()
    return StanceLexicon(
        **{
            field.name: getattr(given if field.name in written else defaults, field.name)
            for field in attrs.fields(StanceLexicon)
        }
    )


@functools.cache
def default_stance() -> StanceLexicon:
    """The stance lexicons shipped with commitwatch (``commitwatch/data/stance.yaml``)."""
    text = resources.files("commitwatch").joinpath("data/stance.yaml").read_text(encoding="utf-8")
    data, problems = load_yaml(text, "commitwatch/data/stance.yaml")
    lexicon, problems = structure_yaml(
        make_converter(from_files=True), data, StanceLexicon, "commitwatch/data/stance.yaml"
    )
    if lexicon is None:
        raise CatalogError(problems)
    return lexicon
