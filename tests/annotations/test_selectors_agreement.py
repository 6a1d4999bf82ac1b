"""Agreement between reviewers from pairs of independent reviews: Cohen's kappa per pair and overall."""
import pytest
from sklearn.metrics import cohen_kappa_score

from annotations.selectors import agreement_summary, cohen_kappa
from annotations.services import review_submit
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_cohen_kappa_matches_scikit_learn_on_a_mixed_table():
    first = ["verified", "verified", "disputed", "unverified", "disputed", "verified", "not_a_claim", "disputed"]
    second = ["verified", "disputed", "disputed", "unverified", "verified", "verified", "not_a_claim", "unverified"]
    result = cohen_kappa(zip(first, second))
    assert result.kappa == pytest.approx(cohen_kappa_score(first, second))
    assert (result.claims, result.observed) == (8, 5 / 8)


def test_kappa_is_none_without_pairs_or_when_chance_agreement_is_total():
    assert cohen_kappa([]).kappa is None
    assert cohen_kappa([("verified", "verified")] * 3).kappa is None


def test_agreement_is_computed_per_pair_of_reviewers_and_overall_from_double_reviews(settings):
    settings.VERIFY_SIGNOFF_MODE = "double"
    rita, omar, tess = (UserFactory(username=name, role="reviewer") for name in ("rita", "omar", "tess"))
    judged = [
        (rita, "verified", omar, "verified"), (omar, "disputed", rita, "disputed"),
        (rita, "verified", omar, "disputed"), (rita, "unverified", omar, "unverified"),
        (tess, "verified", rita, "disputed"), (rita, "disputed", tess, "verified"),
    ]
    for first, first_verdict, second, second_verdict in judged:
        claim = ClaimFactory()
        review_submit(claim=claim, reviewer=first, verdict=first_verdict)
        review_submit(claim=claim, reviewer=second, verdict=second_verdict)
    settings.VERIFY_SIGNOFF_MODE = "single"
    review_submit(claim=ClaimFactory(), reviewer=tess, verdict="verified")  # a single review pairs with nothing

    overall, pairs = agreement_summary()

    assert [(pair.reviewers, pair.claims) for pair in pairs] == [(("omar", "rita"), 4), (("rita", "tess"), 2)]
    # omar–rita, each pair ordered by name (omar's verdict first): kappa as scikit-learn computes it.
    omar_rita = (["verified", "disputed", "disputed", "unverified"], ["verified", "disputed", "verified", "unverified"])
    assert pairs[0].kappa == pytest.approx(cohen_kappa_score(*omar_rita))
    assert pairs[0].observed == 0.75
    # rita always said disputed where tess said verified: no agreement beyond (zero) chance.
    rita_tess = (["disputed", "disputed"], ["verified", "verified"])
    assert (pairs[1].observed, pairs[1].kappa) == (0, pytest.approx(cohen_kappa_score(*rita_tess)))
    firsts = [first_verdict for _, first_verdict, _, _ in judged]
    seconds = [second_verdict for _, _, _, second_verdict in judged]
    assert (overall.claims, overall.kappa) == (6, pytest.approx(cohen_kappa_score(firsts, seconds)))
