from django.urls import path

from annotations.api.me import MeView
from annotations.api.views import ClaimHistoryView, ClaimReviewsView, ClaimSourcesView

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("claims/<int:claim_id>/reviews/", ClaimReviewsView.as_view(), name="api-claim-reviews"),
    path("claims/<int:claim_id>/sources/", ClaimSourcesView.as_view(), name="api-claim-sources"),
    path("claims/<int:claim_id>/history/", ClaimHistoryView.as_view(), name="api-claim-history"),
]
