"""`manage.py evaluate_matching` on a tiny CLEF-format fixture written for these tests."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"


def run(**paths) -> dict:
    out = StringIO()
    args = {"queries": FIXTURES / "queries.tsv", "corpus": FIXTURES / "corpus.tsv", "qrels": FIXTURES / "qrels.txt"}
    args.update(paths)
    call_command("evaluate_matching", *[f"--{k}={v}" for k, v in args.items()], "--json", stdout=out)
    return json.loads(out.getvalue())


def test_prints_map_and_mrr_as_json():
    result = run()
    assert result["n_queries"] == 3
    assert result["n_corpus"] == 5
    # q1 states 11000: the 12,000 fact-check states other numbers, which lowers its score below the 11,000 one.
    assert result["map_at_5"] == 1.0
    assert result["mrr"] == 1.0
    assert result["queries_per_second"] > 0


def test_a_wrong_judgement_lowers_the_score(tmp_path):
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 4 1\nq2 0 2 1\n")
    result = run(qrels=qrels)
    assert result["n_queries"] == 2
    assert result["map_at_5"] == pytest.approx(0.5)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(qrels=tmp_path / "absent.txt")


def test_malformed_qrels_is_a_clear_error(tmp_path):
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 1\n")
    with pytest.raises(CommandError, match="expected 'qid 0 docid relevance'"):
        run(qrels=qrels)


@pytest.mark.django_db
def test_match_claims_backfills_claims_stored_before_matching():
    from tests.factories import ArticleFactory, ClaimFactory
    from annotations.matching.models import ClaimMatch, MatchDocument

    text = "As many as 11,000 North Korean troops could be stationed in the region."
    ClaimFactory(article=ArticleFactory(), text=text)
    later = ClaimFactory(article=ArticleFactory(), text=text)
    out = StringIO()
    call_command("match_claims", stdout=out)
    assert MatchDocument.objects.count() == 2
    assert ClaimMatch.objects.filter(claim=later).count() == 1
    assert "1 matches stored" in out.getvalue()


def test_reports_map_over_queries_whose_claims_another_split_never_judged(tmp_path):
    train = tmp_path / "train.qrels"
    train.write_text("t1 0 1 1\n")  # q1's claim was seen in "training"
    out = StringIO()
    call_command("evaluate_matching", f"--queries={FIXTURES / 'queries.tsv'}", f"--corpus={FIXTURES / 'corpus.tsv'}",
                 f"--qrels={FIXTURES / 'qrels.txt'}", f"--unseen-by={train}", "--embedding-model=", "--json",
                 stdout=out)
    result = json.loads(out.getvalue())
    assert result["unseen_queries"] == 2 and result["embedding_model"] == ""
    assert 0.0 <= result["map_at_5_unseen"] <= 1.0 and "recall_at_5" in result
