"""The cascade kind: only the built-in's uncertain band reaches the accurate model; loads from meta.json."""
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from verify.extraction.cascade_scorer import CascadeScorer, cascade_write
from verify.extraction.rule_scorer import RuleScorer

TINY_TSV = Path(__file__).parent / "fixtures" / "checkworthiness_tiny.tsv"


class ByText:
    """A scorer with a fixed score per sentence text, recording what it was asked to score."""

    def __init__(self, name: str, scores: dict[str, float]) -> None:
        self.name = name
        self.scores = scores
        self.calls: list[list[str]] = []

    def score(self, sentences):
        self.calls.append([s.text for s in sentences])
        return [self.scores[s.text] for s in sentences]


def spans(nlp, texts):
    return [nlp(text)[:] for text in texts]


def test_only_sentences_in_the_band_reach_the_accurate_scorer(nlp):
    texts = ["Clearly not.", "Low edge.", "Unsure.", "High edge.", "Clearly so."]
    cheap = ByText("cheap", dict(zip(texts, [0.05, 0.3, 0.5, 0.7, 0.95])))
    accurate = ByText("accurate", {"Low edge.": 0.9, "Unsure.": 0.1, "High edge.": 0.2})
    cascade = CascadeScorer(cheap=cheap, accurate=accurate, low=0.3, high=0.7)

    scores = cascade.score(spans(nlp, texts))

    assert accurate.calls == [["Low edge.", "Unsure.", "High edge."]]  # both edges are in the band
    # Outside the band the built-in's own score stands (its decision at 0.5), inside the accurate one's.
    assert scores == [0.05, 0.9, 0.1, 0.2, 0.95]
    assert (cascade.scored, cascade.routed) == (5, 3)


def test_clear_sentences_never_call_the_accurate_scorer(nlp):
    cheap = ByText("cheap", {"Yes.": 0.99, "No.": 0.01})
    accurate = ByText("accurate", {})
    cascade = CascadeScorer(cheap=cheap, accurate=accurate, low=0.2, high=0.8)

    assert cascade.score(spans(nlp, ["Yes.", "No."])) == [0.99, 0.01]
    assert cascade.score([]) == []
    assert accurate.calls == []


def test_a_cascade_of_three_sends_the_accurate_scorer_only_what_the_student_is_unsure_of(nlp):
    texts = ["Clearly not.", "Student says no.", "Student unsure.", "Student says yes.", "Clearly so."]
    builtin = ByText("rules", dict(zip(texts, [0.05, 0.4, 0.5, 0.6, 0.95])))
    student = ByText("student", {"Student says no.": 0.1, "Student unsure.": 0.45, "Student says yes.": 0.9})
    accurate = ByText("accurate", {"Student unsure.": 0.8})
    inner = CascadeScorer(cheap=builtin, accurate=student, low=0.2, high=0.8)
    cascade = CascadeScorer(cheap=inner, accurate=accurate, low=0.3, high=0.7)

    scores = cascade.score(spans(nlp, texts))

    assert student.calls == [["Student says no.", "Student unsure.", "Student says yes."]]
    assert accurate.calls == [["Student unsure."]]
    assert scores == [0.05, 0.1, 0.8, 0.9, 0.95]
    assert (inner.scored, inner.routed, cascade.scored, cascade.routed) == (5, 3, 5, 1)


@pytest.mark.parametrize("low, high", [(0.6, 0.4), (-0.1, 0.5), (0.5, 1.2)])
def test_a_band_outside_zero_to_one_or_upside_down_is_refused(low, high, tmp_path):
    with pytest.raises(ValueError):
        CascadeScorer(cheap=RuleScorer(), accurate=RuleScorer(), low=low, high=high)
    with pytest.raises(ValueError):
        cascade_write(out=tmp_path / "c", accurate_model="", low=low, high=high)


@pytest.fixture(scope="module")
def linear_model(tmp_path_factory, nlp):
    """A small trained (linear) model standing in for the accurate one: the cascade loads any stored kind."""
    directory = tmp_path_factory.mktemp("models") / "accurate"
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(directory), "--json",
                 stdout=StringIO())
    return directory


def test_make_cascade_writes_a_directory_the_workers_load(linear_model, settings):
    from verify.extraction.scoring import get_scorer, score_sentences

    out = linear_model.parent / "cascade"
    stdout = StringIO()
    call_command("make_cascade", "--accurate", str(linear_model), "--out", str(out), "--low", "0.25",
                 "--high", "0.75", "--json", stdout=stdout)
    written = json.loads((out / "meta.json").read_text())
    assert written == json.loads(stdout.getvalue())
    assert written["model_kind"] == "cascade" and written["band"] == [0.25, 0.75]
    assert written["accurate_model"] == "../accurate"  # relative: the models directory can move whole

    settings.VERIFY_CHECKWORTHINESS_MODEL = str(out)
    scorer = get_scorer()
    assert scorer.name == "cascade"
    assert scorer.cheap.name == "rules" and scorer.accurate.name == "trained"
    assert (scorer.low, scorer.high) == (0.25, 0.75)
    checkable, opinion = score_sentences(["The council spent $9 million on bridges in 2022.",
                                          "I think we should all be kinder to each other."])
    assert checkable >= 0.5 > opinion

    moved = linear_model.parent / "moved"
    (moved / "models").mkdir(parents=True)
    shutil.copytree(linear_model, moved / "models" / "accurate")
    shutil.copytree(out, moved / "models" / "cascade")
    assert get_scorer(str(moved / "models" / "cascade")).accurate.name == "trained"


def test_a_cascade_directory_can_name_another_cascade_as_its_cheap_side(linear_model):
    from verify.extraction.scoring import get_scorer

    models = linear_model.parent
    call_command("make_cascade", "--accurate", str(linear_model), "--out", str(models / "inner"), stdout=StringIO())
    call_command("make_cascade", "--cheap", str(models / "inner"), "--accurate", str(linear_model), "--low", "0.4",
                 "--high", "0.6", "--out", str(models / "outer"), stdout=StringIO())

    scorer = get_scorer(str(models / "outer"))
    assert scorer.name == "cascade" and (scorer.low, scorer.high) == (0.4, 0.6)
    assert scorer.cheap.name == "cascade" and scorer.cheap.cheap.name == "rules"
    assert scorer.accurate.name == "trained" and scorer.cheap.accurate.name == "trained"


def test_make_cascade_refuses_a_missing_model(tmp_path):
    with pytest.raises(CommandError, match="No model directory"):
        call_command("make_cascade", "--accurate", str(tmp_path / "nothing"), "--out", str(tmp_path / "c"))
    assert not (tmp_path / "c").exists()
