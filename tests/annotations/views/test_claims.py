"""The claim view: verdict with sources, next claim in the same queue, conflicts, sources, assignment."""
import pytest
from django.urls import reverse

from annotations.models import Review, Source
from verify.audit.models import AuditEntry
from annotations.services import review_submit
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def _url(claim, querystring=""):
    url = reverse("desk:claim-detail", args=[claim.pk])
    return f"{url}?{querystring}" if querystring else url


@pytest.fixture
def queue_claims():
    article = ArticleFactory()
    return [ClaimFactory(article=article, checkworthiness=score) for score in (0.9, 0.8, 0.7)]


def test_the_claim_view_shows_the_claim_its_chips_and_the_article_text(reviewer_client):
    text = "As many as 11,000 North Korean troops could be stationed in the region."
    article = ArticleFactory(cleaned_text=f"Reports suggest that {text} Officials declined to comment.")
    claim = ClaimFactory(article=article, text=text, sentence=text, start_char=21, end_char=21 + len(text),
                         claimant="reports", hedges=["as many as", "could"])
    content = reviewer_client.get(_url(claim)).content.decode()
    assert f'<mark id="claim-mark">{text}</mark>' in content
    assert "as many as 11,000 North Korean troops" in content  # the quantity chip
    assert 'chip-hedge"><span class="chip-label">Hedge</span> could' in content
    assert "reports" in content


def test_a_verdict_with_a_source_is_saved_and_audited(reviewer_client, reviewer, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {
        "verdict": "unverified", "rationale": "No independent confirmation.", "version": claim.version,
        "source-url": "https://example.org/briefing", "source-title": "Ministry briefing",
        "source-publisher": "Ministry", "source-quote": "We cannot confirm.", "source-stance": "context",
    })
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.verdict == "unverified" and claim.version == 2
    review = Review.objects.get(claim=claim)
    assert (review.reviewer, review.rationale) == (reviewer, "No independent confirmation.")
    source = Source.objects.get(claim=claim)
    assert (source.review, source.title, source.added_by) == (review, "Ministry briefing", reviewer)
    actions = set(AuditEntry.objects.filter(claim=claim).values_list("action", flat=True))
    assert actions == {"review.submit", "source.attach"}


def test_after_a_verdict_the_next_claim_of_the_same_queue_opens_with_the_filters_kept(reviewer_client, queue_claims):
    first, second, _ = queue_claims
    querystring = f"article={first.article_id}&order=-checkworthiness"
    response = reviewer_client.post(_url(first, querystring), {"verdict": "verified", "version": first.version})
    assert response.status_code == 302
    assert response["Location"] == _url(second, f"article={first.article_id}&order=-checkworthiness&prev={first.pk}")


def test_after_a_verdict_previous_leads_back_to_the_claim_just_saved(reviewer_client, queue_claims):
    first, second, third = queue_claims
    reviewer_client.post(_url(second), {"verdict": "verified", "version": second.version})

    # The saved claim has left the unreviewed queue; "previous" still returns to it, not to the first.
    response = reviewer_client.get(_url(third, f"prev={second.pk}"))

    assert response.context["previous_url"].startswith(reverse("desk:claim-detail", args=[second.pk]))


def test_after_the_last_claim_the_reviewer_is_back_at_the_queue(reviewer_client, queue_claims):
    last = queue_claims[-1]
    response = reviewer_client.post(_url(last, "verdict=all"), {"verdict": "disputed", "version": last.version})
    assert response["Location"] == reverse("desk:claim-list") + "?verdict=all"


def test_previous_and_next_links_follow_the_queue_order(reviewer_client, queue_claims):
    first, second, third = queue_claims
    response = reviewer_client.get(_url(second))
    assert response.context["previous_url"] == _url(first)
    assert response.context["next_url"] == _url(third)
    assert response.context["position"].index == 1 and response.context["position"].total == 3


def test_a_verdict_without_a_choice_is_refused_and_keeps_what_was_typed(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"rationale": "Half-written thought", "version": claim.version,
                                                  "source-url": "https://example.org/kept"})
    assert response.status_code == 400
    assert b"Choose a verdict" in response.content
    assert b"Half-written thought" in response.content and b"https://example.org/kept" in response.content
    assert not Review.objects.exists()


def test_a_refused_verdict_with_no_source_typed_does_not_claim_a_source_is_required(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"rationale": "No verdict chosen", "version": claim.version})

    assert response.status_code == 400
    assert b"Choose a verdict" in response.content
    assert b"This field is required" not in response.content


def test_a_bad_source_url_refuses_the_whole_verdict(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"verdict": "verified", "version": claim.version,
                                                  "source-url": "not a url", "source-stance": "context"})
    assert response.status_code == 400
    assert b"Enter a valid URL" in response.content
    claim.refresh_from_db()
    assert claim.verdict == "unreviewed" and not Source.objects.exists()


def test_a_stale_version_shows_the_conflict_and_what_changed_and_keeps_the_input(reviewer_client, queue_claims):
    claim = queue_claims[0]
    other = UserFactory(username="otto", role="reviewer")
    review_submit(claim=claim, reviewer=other, verdict="disputed", rationale="Contradicted by the ministry.")
    response = reviewer_client.post(_url(claim), {"verdict": "verified", "rationale": "My careful reasoning",
                                                  "version": 1, "source-url": "https://example.org/mine"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "This claim changed since you opened it (version 1 → 2)" in content
    assert "otto set the verdict to disputed" in content
    assert "My careful reasoning" in content and "https://example.org/mine" in content
    assert 'name="version" value="2"' in content  # a second submit is a deliberate override
    claim.refresh_from_db()
    assert claim.verdict == "disputed" and Review.objects.count() == 1


def test_add_source_only_keeps_the_verdict_draft_and_does_not_judge(reviewer_client, reviewer, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {
        "action": "source", "verdict": "disputed", "rationale": "Draft", "version": claim.version,
        "source-url": "https://example.org/evidence", "source-title": "Evidence", "source-stance": "refutes",
    })
    assert response.status_code == 200
    source = Source.objects.get(claim=claim)
    assert (source.title, source.stance, source.review) == ("Evidence", "refutes", None)
    claim.refresh_from_db()
    assert claim.verdict == "unreviewed"
    content = response.content.decode()
    assert 'value="disputed" data-key="d" checked' in content and "Draft" in content
    assert 'id="id_source-url"' in content and 'value="https://example.org/evidence"' not in content


def test_add_source_only_without_a_url_is_refused(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"action": "source", "version": claim.version, "source-url": ""})
    assert response.status_code == 400
    assert not Source.objects.exists()


def test_a_reviewer_can_take_and_release_a_claim(reviewer_client, reviewer, queue_claims):
    claim = queue_claims[0]
    assign_url = reverse("desk:claim-assign", args=[claim.pk])
    response = reviewer_client.post(assign_url + "?verdict=all")
    assert response["Location"] == _url(claim, "verdict=all")
    assert Claim.objects.get(pk=claim.pk).assigned_to == reviewer
    reviewer_client.post(assign_url, {"release": "1"})
    assert Claim.objects.get(pk=claim.pk).assigned_to is None
    assert AuditEntry.objects.filter(claim=claim, action="claim.assign").count() == 2


def test_a_reviewer_cannot_take_someone_elses_claim(reviewer_client, queue_claims):
    claim = queue_claims[0]
    claim.assigned_to = UserFactory(username="otto", role="reviewer")
    claim.save()
    response = reviewer_client.post(reverse("desk:claim-assign", args=[claim.pk]))
    assert response.status_code == 403


def test_the_assign_action_only_accepts_post(reviewer_client, queue_claims):
    assert reviewer_client.get(reverse("desk:claim-assign", args=[queue_claims[0].pk])).status_code == 405


def test_history_lists_every_verdict_with_its_rationale_and_sources(reviewer_client, queue_claims):
    claim = queue_claims[0]
    reviewer_client.post(_url(claim), {"verdict": "unverified", "rationale": "Only one source.",
                                       "version": 1, "source-url": "https://example.org/one"})
    reviewer_client.post(_url(claim), {"verdict": "verified", "rationale": "Confirmed by a second.", "version": 2})
    content = reviewer_client.get(_url(claim)).content.decode()
    history = content[content.index('id="history"'):]
    assert history.index("Confirmed by a second.") < history.index("Only one source.")
    assert "rita set the verdict to unverified" in history and "https://example.org/one" in history


def test_offsets_outside_the_text_fall_back_to_finding_the_claim(reviewer_client):
    article = ArticleFactory(cleaned_text="Intro. The port handled 9 million tonnes. Outro.")
    claim = ClaimFactory(article=article, text="The port handled 9 million tonnes.", start_char=500, end_char=540,
                         extracted_text="The port handled 9 million tonnes.")
    content = reviewer_client.get(_url(claim)).content.decode()
    assert '<mark id="claim-mark">The port handled 9 million tonnes.</mark>' in content


def test_a_post_without_the_version_is_refused_with_a_reason(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"verdict": "verified", "rationale": "Kept", "version": "x"})
    assert response.status_code == 400
    assert b"lost the claim&#x27;s version" in response.content and b"Kept" in response.content
    assert not Review.objects.exists()


def test_unreviewed_is_not_a_verdict_one_can_submit(reviewer_client, queue_claims):
    claim = queue_claims[0]
    response = reviewer_client.post(_url(claim), {"verdict": "unreviewed", "version": claim.version})
    assert response.status_code == 400
    assert not Review.objects.exists()
