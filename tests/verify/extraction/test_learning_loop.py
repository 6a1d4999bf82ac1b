"""Reviews -> retrain -> the kind of sentence reviewers dismiss scores lower."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import ClaimFactory
from verify.models import Verdict

TINY_TSV = Path(__file__).parent / "fixtures" / "checkworthiness_tiny.tsv"

# Match reports look like checkable facts (numbers, dates, past tense) but this newsroom dismisses them.
DISMISSED = [
    "The Lions beat the Tigers 3-1 at the stadium on Saturday.",
    "United scored twice in the second half to win 2-0 on Sunday.",
    "The home side won the match 4-2 after extra time on Friday.",
    "Rovers drew 1-1 with City in front of 20,000 fans on Tuesday.",
    "The visitors lost 3-0 in the cup match on Wednesday.",
    "The striker scored a hat-trick as the team won 5-1 on Monday.",
]
CHECKED = [
    "The ministry said 300 schools were closed because of the floods in April.",
    "The council spent $4 million on road repairs last year.",
    "Unemployment in the region rose to 7 percent in 2023.",
]
UNSEEN_MATCH_REPORT = "The Eagles beat the Rovers 2-1 in the league match on Saturday."


def reviewers_judged_the_examples() -> None:
    """Reviewers marked the match reports not-a-claim and verified the public-interest claims."""
    for sentence in DISMISSED:
        ClaimFactory(text=sentence, sentence=sentence, verdict=Verdict.NOT_A_CLAIM)
    for sentence in CHECKED:
        ClaimFactory(text=sentence, sentence=sentence, verdict=Verdict.VERIFIED)


def train(out: Path, *extra: str) -> None:
    call_command("train_checkworthiness", "--data", str(TINY_TSV), "--out", str(out), "--json", *extra,
                 stdout=StringIO())


@pytest.mark.django_db
def test_reviews_retrain_lowers_dismissed_kind(tmp_path, nlp):
    from verify.extraction.scoring import get_scorer, score_sentences

    reviewers_judged_the_examples()
    ClaimFactory(text="Unreviewed claims are not labels.", verdict=Verdict.UNREVIEWED)

    train(tmp_path / "before")
    train(tmp_path / "after", "--from-reviews")

    [before] = score_sentences([UNSEEN_MATCH_REPORT], model_dir=str(tmp_path / "before"))
    [after] = score_sentences([UNSEEN_MATCH_REPORT], model_dir=str(tmp_path / "after"))
    assert after < before - 0.1
    meta = json.loads((tmp_path / "after" / "meta.json").read_text())
    assert any(source.startswith("reviews (9 claims") for source in meta["data"])
    # Checked kinds stay check-worthy after the retrain.
    [checked] = score_sentences(["The council spent $9 million on bridges in 2022."], model_dir=str(tmp_path / "after"))
    assert checked >= 0.5
    assert get_scorer(str(tmp_path / "after")).name == "trained"
