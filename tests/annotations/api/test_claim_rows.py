"""The list's fast rows are exactly what ClaimListSerializer (the documented shape) would write."""
import json

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from annotations.selectors import ClaimFilters, claim_list_values, claims_filter
from tests.factories import ClaimFactory, SourceFactory, UserFactory
from annotations.api.claim_rows import CLAIM_LIST_COLUMNS, claim_list_rows
from verify.api.renderers import FastJSONRenderer
from annotations.api.claim_serializers import ClaimListSerializer
from verify.models import Claim


@pytest.mark.django_db
@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "Europe/London"])
def test_fast_rows_render_exactly_as_the_serializer_output(zone):
    rita = UserFactory(username="rita", role="reviewer")
    assigned = ClaimFactory(assigned_to=rita, checkworthiness=1,
                            text="<script>alert(1)</script> 11,000 troops", quantities=[], hedges=[])
    SourceFactory.create_batch(2, claim=assigned)
    ClaimFactory(assigned_to=None, claimant="", cue="", entities=[], checkworthiness=0.5)
    claims = claims_filter(claims=Claim.objects.all(), user=rita, filters=ClaimFilters())

    with timezone.override(zone):
        expected = json.loads(JSONRenderer().render(ClaimListSerializer(claims, many=True).data))
        fast = claim_list_rows(claim_list_values(user=rita, filters=ClaimFilters(), columns=CLAIM_LIST_COLUMNS,
                                                 limit=10))
        # The API's renderer, and DRF's own (the browsable API and ?indent use it), write the same JSON.
        written = [json.loads(FastJSONRenderer().render(fast)), json.loads(JSONRenderer().render(fast))]

    for rows in written:
        assert rows == expected
        assert [list(row) for row in rows] == [list(row) for row in expected]  # same keys in the same order
    assert written[0][0]["source_count"] == 2 and written[0][0]["assigned_to"]["username"] == "rita"
