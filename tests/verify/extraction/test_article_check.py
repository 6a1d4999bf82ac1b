"""The article acceptance check: it passes a good extraction and names what a bad one got wrong."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from verify.extraction.article_check import Expectations, KeyClaim, article_check

ARTICLE = (
    "Reports suggest that as many as 11,000 soldiers could be stationed near the border.\n\n"
    "The ministry said 300 schools were closed because of the floods in April.\n\n"
    "The arrival of the foreign brigades signals a decisive change in the army's strategy."
)
EXPECTED = Expectations(
    key_claims=(KeyClaim("11,000 soldiers", ("as many as 11,000",), quantity=(11000, "soldiers"),
                         approximate=True, bound="upper", hedge="as many as"),
                KeyClaim("schools closed", ("300 schools",), quantity=(300, "schools"))),
    commentary=("signals a decisive change",),
    max_commentary=0,
)


def test_a_good_extraction_passes_with_commentary_out_of_the_queue(nlp):
    result = article_check(ARTICLE, expectations=EXPECTED)

    assert result.passed, result.as_dict()
    assert result.key_claims == {"11,000 soldiers": "ok", "schools closed": "ok"}
    assert result.commentary_in_queue == []


def test_a_missing_claim_and_a_wrong_bound_are_named(nlp):
    expectations = Expectations(
        key_claims=(KeyClaim("bridges", ("bridges",)),
                    KeyClaim("11,000 as a lower bound", ("as many as 11,000",), quantity=(11000, "soldiers"),
                             bound="lower")),
        commentary=())

    result = article_check(ARTICLE, expectations=expectations)

    assert not result.passed
    assert result.key_claims["bridges"] == "not in the queue"
    assert result.key_claims["11,000 as a lower bound"] == "figure should be a lower bound, is upper"


def test_the_command_refuses_an_unreadable_article(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("check_article", str(tmp_path / "missing.txt"))
