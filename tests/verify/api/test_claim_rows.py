"""The list's fast rows are exactly what ClaimListSerializer (the documented shape) would write."""
import pytest
from django.utils import timezone

from annotations.selectors import ClaimFilters, claim_list_page, claims_filter
from tests.factories import ClaimFactory, SourceFactory, UserFactory
from verify.api.claim_rows import claim_list_rows
from verify.api.serializers import ClaimListSerializer
from verify.models import Claim


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin"])
def test_fast_rows_equal_the_serializer_output(zone):
    rita = UserFactory(username="rita", role="reviewer")
    assigned = ClaimFactory(assigned_to=rita, checkworthiness=1,
                            text="<script>alert(1)</script> 11,000 troops", quantities=[], hedges=[])
    SourceFactory.create_batch(2, claim=assigned)
    ClaimFactory(assigned_to=None, claimant="", cue="", entities=[], checkworthiness=0.5)
    claims = claims_filter(claims=Claim.objects.all(), user=rita, filters=ClaimFilters())

    with timezone.override(zone):
        expected = ClaimListSerializer(claims, many=True).data
        fast = claim_list_rows(claim_list_page(user=rita, filters=ClaimFilters(), limit=10))

    assert [dict(row) for row in expected] == fast
    assert fast[0]["source_count"] == 2 and fast[0]["assigned_to"]["username"] == "rita"
    assert list(fast[0]) == list(expected[0])  # same keys in the same order
