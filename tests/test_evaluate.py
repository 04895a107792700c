"""`commitwatch evaluate`: a reading measured against a careful reader's annotations.

The figures are checked on a hand-made gold file over four statements read with the fixture
catalog (tests/fixtures/evaluation); each expected figure is worked out by hand below.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commitwatch import Catalog, Evaluation, InputError, evaluate, load_catalog, load_gold, make_converter
from commitwatch.cli import cli
from commitwatch.evaluate.metrics import bootstrap, cohen_kappa

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "evaluation" / "gold.yaml"
CORPUS = FIXTURES / "evaluation" / "corpus"
DEV = Path(__file__).resolve().parents[2] / "shared" / "dev"


@pytest.fixture(scope="module")
def result(catalog: Catalog) -> Evaluation:
    return evaluate(GOLD, CORPUS, catalog=catalog)


class TestFigures:
    """The tool reads (fixture catalog): s1 defence 2 (Alpha: "reaffirms"); s2 defence 3 ("ironclad")
    and talks 3 (an offer "without preconditions"), joint; s3 defence 1 ("discussed"), joint; s4 talks
    1 ("urge"), joint. The reader says: s1 defence 2 (Alpha); s2 defence 3, talks 2; s3 talks 1, no
    defence; s4 talks 1."""

    def test_presence(self, result: Evaluation) -> None:
        """defence: tp 2 (s1, s2), fp 1 (s3): P 2/3, R 1, F1 0.8; talks: tp 2 (s2, s4), fn 1 (s3):
        P 1, R 2/3, F1 0.8; micro tp 4 fp 1 fn 1: P = R = F1 = 0.8; macro P = R = 5/6, F1 0.8."""
        figures = {f.family: (f.counts.tp, f.counts.fp, f.counts.fn) for f in result.presence}
        assert figures == {"defence": (2, 1, 0), "talks": (2, 0, 1)}
        assert (result.micro_precision, result.micro_recall, result.micro_f1) == pytest.approx((0.8, 0.8, 0.8))
        assert (result.macro_precision, result.macro_recall, result.macro_f1) == pytest.approx((5 / 6, 5 / 6, 0.8))

    def test_levels(self, result: Evaluation) -> None:
        """Pairs (reader, tool): (2,2), (3,3), (2,3), (1,1): exact 3/4. Linear weights |i-j|/2; reader
        rows 1,2,1 and tool columns 1,1,2 of 4; observed disagreement 0.5/4 = 1/8, expected
        (2.5 + 3 + 1.5)/16 = 7/16: kappa 1 - (1/8)/(7/16) = 5/7."""
        assert result.level_pairs == 4
        assert result.level_exact == pytest.approx(0.75)
        assert result.level_kappa == pytest.approx(5 / 7)
        assert result.level_confusion == ((1, 0, 0), (0, 1, 1), (0, 0, 1))

    def test_holders(self, result: Evaluation) -> None:
        """Alpha is Alpha's; the three joint ones are joint: agreement 1."""
        assert result.holder_agreement == 1.0
        assert result.holder_confusion == (("Alpha", "Alpha", 1), ("joint", "joint", 3))

    def test_change_events(self, result: Evaluation) -> None:
        """defence s1->s2 up (2 -> 3), and up for the tool; talks s2->s3 down and s3->s4 same, where the tool
        did not read talks in s3 (absent). Agreement 1/3; kappa (1/3 - 1/9) / (1 - 1/9) = 0.25."""
        assert result.change_pairs == 3
        assert result.change_agreement == pytest.approx(1 / 3)
        assert result.change_kappa == pytest.approx(0.25)

    def test_markers(self, result: Evaluation) -> None:
        """ "ironclad" and "without preconditions" are in the tool's evidence; "defence cooperation"
        is in s1, but not in the sentence that decided the tool's reading."""
        assert (result.markers_found, result.markers_total) == (2, 3)

    def test_every_disagreement_is_listed_with_both_sides(self, result: Evaluation) -> None:
        """Each disagreement names the statement, family and kind, with the reader's and the tool's evidence."""
        listed = [(d.file, d.family, d.kind) for d in result.disagreements]
        assert listed == [
            ("s1.txt", "defence", "marker"),
            ("s2.txt", "talks", "level"),
            ("s3.txt", "defence", "extra"),
            ("s3.txt", "talks", "change"),
            ("s3.txt", "talks", "missed"),
            ("s4.txt", "talks", "change"),
        ]
        level = result.disagreements[1]
        assert (level.reader, level.tool) == ("level 2", "level 3")
        assert level.reader_evidence == ("We offer talks without preconditions.",)
        assert level.tool_evidence == ("We offer talks without preconditions.",)

    def test_intervals_are_reproducible(self, catalog: Catalog) -> None:
        """The bootstrap is seeded: the same intervals on every run."""
        assert evaluate(GOLD, CORPUS, catalog=catalog).intervals == evaluate(GOLD, CORPUS, catalog=catalog).intervals

    def test_json_round_trip(self, result: Evaluation) -> None:
        """The evaluation goes to JSON and back unchanged."""
        converter = make_converter()
        data = json.loads(json.dumps(converter.unstructure(result)))
        assert converter.structure(data, Evaluation) == result


class TestMetrics:
    def test_kappa_of_full_agreement_is_one(self) -> None:
        """Every pair agreeing, over more than one category: kappa 1."""
        assert cohen_kappa([(1, 1), (2, 2), (3, 3)], (1, 2, 3), weighted=True) == 1.0

    def test_kappa_without_spread_is_not_defined(self) -> None:
        """Every pair in one category: chance alone agrees fully, so kappa says nothing."""
        assert cohen_kappa([(2, 2), (2, 2)], (1, 2, 3)) is None

    def test_weights_forgive_near_misses(self) -> None:
        """One step off counts less than two steps off."""
        near = cohen_kappa([(1, 2), (2, 2), (3, 3), (1, 1)], (1, 2, 3), weighted=True)
        far = cohen_kappa([(1, 3), (2, 2), (3, 3), (1, 1)], (1, 2, 3), weighted=True)
        assert near is not None
        assert far is not None
        assert near > far

    def test_bootstrap_of_a_constant_is_that_constant(self) -> None:
        """Resampling cannot move a figure that does not depend on the sample."""
        interval = bootstrap([1, 2, 3], lambda sample: 0.5)
        assert interval is not None
        assert (interval.low, interval.high) == (0.5, 0.5)


class TestBrokenGold:
    """A broken gold file is an error with its file and line, never a figure quietly left out."""

    def _write(self, tmp_path: Path, old: str, new: str) -> Path:
        folder = tmp_path / "set"
        shutil.copytree(FIXTURES / "evaluation", folder)
        text = (folder / "gold.yaml").read_text(encoding="utf-8")
        assert old in text
        (folder / "gold.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder / "gold.yaml"

    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            ("level: 2", "level: 4", r"gold.yaml:14: s1.txt: defence: level 4 is off the scale; use 1, 2 or 3"),
            ("families: [defence, talks]", "families: [defence, talkz]", r"s1.txt: family 'talks' is not among"),
            (
                "- file: s4.txt",
                "- file: s5.txt",
                r"gold.yaml:40: 's5.txt' is not a statement of the corpus; did you mean 's4.txt'",
            ),
            ("holder: Alpha", "holder: Gamma", r"holder 'Gamma' did not issue the statement; use 'joint' or one of"),
            ('["We urge Gamma to return to talks."]', '["We urge Gamma to return."]', r"evidence not in the text"),
            ("markers: [ironclad]", "markers: [ironclat]", r"unknown marker 'ironclat'; did you mean 'ironclad'"),
            ("    families_absent: [talks]", "    families_absent: []", r"family 'talks' is neither annotated nor"),
            (
                "        holder: Alpha",
                "        holder: Alpha\n        leval: 2",
                r"unknown key 'leval' in s1.txt: defence",
            ),
        ],
    )
    def test_error(self, tmp_path: Path, catalog: Catalog, old: str, new: str, message: str) -> None:
        """Each kind of mistake, with its line where it has one."""
        gold = self._write(tmp_path, old, new)
        with pytest.raises(InputError, match=message):
            evaluate(gold, gold.parent / "corpus", catalog=catalog)

    def test_unknown_family(self, tmp_path: Path, catalog: Catalog) -> None:
        """A family the catalog does not know is named, with a did-you-mean."""
        gold = self._write(tmp_path, "defence", "defence")
        gold.write_text(gold.read_text(encoding="utf-8").replace("defence", "defense"), encoding="utf-8")
        with pytest.raises(InputError, match=r"unknown family 'defense'; did you mean 'defence'"):
            evaluate(gold, gold.parent / "corpus", catalog=catalog)

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        """Two mistakes, one error listing both."""
        gold = self._write(tmp_path, "level: 2", "level: 0")
        gold.write_text(gold.read_text(encoding="utf-8").replace("[ironclad]", "[ironclat]"), encoding="utf-8")
        with pytest.raises(InputError) as raised:
            load_gold(gold)
        assert str(raised.value).startswith("2 problems:")
        assert "level 0 is off the scale" in str(raised.value)
        assert "unknown marker 'ironclat'" in str(raised.value)

    def test_not_a_gold_file(self, tmp_path: Path) -> None:
        """A file of another kind says what a gold file is."""
        path = tmp_path / "gold.yaml"
        path.write_text("- just\n- a list\n", encoding="utf-8")
        with pytest.raises(InputError, match=r"gold.yaml:1: a gold file is a mapping"):
            load_gold(path)


class TestCommand:
    def test_text_report(self) -> None:
        """The figures, then the disagreements; exit 0."""
        result = CliRunner().invoke(cli, ["evaluate", "--gold", str(GOLD), "--catalog", str(FIXTURES / "catalog")])
        assert result.exit_code == 0, result.output
        assert "micro    4   1   1   0.80       0.80    0.80" in result.stdout
        assert "linear-weighted Cohen's kappa 0.71" in result.stdout
        assert "s2.txt talks [level]: reader level 2; tool level 3" in result.stdout

    def test_json_and_markdown(self, tmp_path: Path) -> None:
        """--format json reads back; --format markdown is a page with tables."""
        base = ["evaluate", "--gold", str(GOLD), "--catalog", str(FIXTURES / "catalog")]
        data = json.loads(CliRunner().invoke(cli, [*base, "--format", "json"]).stdout)
        assert data["level_kappa"] == pytest.approx(5 / 7)
        page = CliRunner().invoke(cli, [*base, "--format", "markdown", "-o", str(tmp_path / "e.md")])
        assert page.exit_code == 0
        assert "| defence | 2 | 1 | 0 | 0.67 | 1.00 | 0.80 |" in (tmp_path / "e.md").read_text(encoding="utf-8")

    def test_broken_gold_exits_1_with_a_located_error(self, tmp_path: Path) -> None:
        """A mistake in the gold file: one error line naming the file and line, exit 1."""
        folder = shutil.copytree(FIXTURES / "evaluation", tmp_path / "set")
        gold = folder / "gold.yaml"
        gold.write_text(gold.read_text(encoding="utf-8").replace("level: 2", "level: 7", 1), encoding="utf-8")
        result = CliRunner().invoke(cli, ["evaluate", "--gold", str(gold), "--catalog", str(FIXTURES / "catalog")])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ")
        assert "gold.yaml:14: s1.txt: defence: level 7 is off the scale" in result.stderr


@pytest.mark.skipif(
    not (DEV / "gold.yaml").is_file(), reason="the development set (../shared/dev) is not beside the checkout"
)
def test_development_set(data_regression) -> None:  # type: ignore[no-untyped-def]
    """The shipped catalog's figures on the development set, as a reviewed regression file.

    A catalog or matcher edit that moves them shows the change here; accept it with
    `pytest --force-regen` after reading the diff.
    """
    from commitwatch import shipped_catalog

    result = evaluate(DEV / "gold.yaml", DEV / "corpus", catalog=load_catalog(shipped_catalog()))

    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    data_regression.check(
        {
            "catalog_version": result.catalog_version,
            "statements": result.statements,
            "presence": {f.family: [f.counts.tp, f.counts.fp, f.counts.fn] for f in result.presence},
            "micro": [r(result.micro_precision), r(result.micro_recall), r(result.micro_f1)],
            "level": {"pairs": result.level_pairs, "exact": r(result.level_exact), "kappa": r(result.level_kappa)},
            "holder_agreement": r(result.holder_agreement),
            "changes": {
                "pairs": result.change_pairs,
                "agreement": r(result.change_agreement),
                "kappa": r(result.change_kappa),
            },
            "markers": [result.markers_found, result.markers_total],
            "disagreements": sorted(f"{d.file} {d.family} {d.kind}" for d in result.disagreements),
        }
    )
