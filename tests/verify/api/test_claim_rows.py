"""The list's fast rows are exactly what ClaimListSerializer (the documented shape) would write."""
import pytest
from django.utils import timezone

from annotations.selectors import claim_list_values, claims_for_display
from tests.factories import ClaimFactory, SourceFactory, UserFactory
from verify.api.claim_rows import claim_list_rows
from verify.api.serializers import ClaimListSerializer
from verify.models import Claim


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_fast_rows_equal_the_serializer_output(zone):
    assigned = ClaimFactory(assigned_to=UserFactory(username="rita", role="reviewer"), checkworthiness=1,
                            text="<script>alert(1)</script> 11,000 troops", quantities=[], hedges=[])
    SourceFactory.create_batch(2, claim=assigned)
    ClaimFactory(assigned_to=None, claimant="", cue="", entities=[])
    claims = claims_for_display(claims=Claim.objects.all()).order_by("id")

    with timezone.override(zone):
        expected = ClaimListSerializer(claims, many=True).data
        fast = claim_list_rows(list(claim_list_values(claims=claims)))

    assert [dict(row) for row in expected] == fast
    assert fast[0]["source_count"] == 2 and fast[0]["assigned_to"]["username"] == "rita"
    assert list(fast[0]) == list(expected[0])  # same keys in the same order
