"""source_attach: validation, audit, and no version bump."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Source
from verify.audit.models import AuditEntry
from annotations.services import review_submit, source_attach
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = pytest.mark.django_db


def test_source_attach_stores_the_source_and_audits_it_without_bumping_the_version(reviewer):
    claim = ClaimFactory()

    source = source_attach(claim=claim, user=reviewer, url=" https://example.org/report ", title="Report",
                           publisher="Example", quote="It said so.", stance="refutes")

    assert (source.url, source.title, source.stance, source.added_by, source.review) == (
        "https://example.org/report", "Report", "refutes", reviewer, None)
    assert Claim.objects.get(pk=claim.pk).version == 1
    entry = AuditEntry.objects.get(action="source.attach")
    assert (entry.actor, entry.claim_id, entry.target_type, entry.target_id) == (
        reviewer, claim.pk, "annotations.source", str(source.pk))
    assert entry.after["url"] == "https://example.org/report"


def test_source_attach_can_link_to_a_review_of_the_same_claim(reviewer):
    claim = ClaimFactory()
    review = review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    source = source_attach(claim=claim, user=reviewer, url="https://example.org", review=review)

    assert source.review == review


def test_source_attach_refuses_a_review_of_another_claim(reviewer):
    review = review_submit(claim=ClaimFactory(), reviewer=reviewer, verdict="verified")

    with pytest.raises(ValidationError, match="another claim"):
        source_attach(claim=ClaimFactory(), user=reviewer, url="https://example.org", review=review)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "not a url", ""])
def test_source_attach_refuses_urls_other_than_http_and_https(reviewer, url):
    with pytest.raises(ValidationError) as caught:
        source_attach(claim=ClaimFactory(), user=reviewer, url=url)

    assert "url" in caught.value.message_dict
    assert Source.objects.count() == 0


def test_source_attach_refuses_users_without_a_role():
    with pytest.raises(PermissionDenied):
        source_attach(claim=ClaimFactory(), user=UserFactory(), url="https://example.org")
