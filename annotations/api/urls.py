from django.urls import path

from annotations.api.views import ClaimHistoryView, ClaimReviewsView, ClaimSourcesView

urlpatterns = [
    path("claims/<int:claim_id>/reviews/", ClaimReviewsView.as_view(), name="api-claim-reviews"),
    path("claims/<int:claim_id>/sources/", ClaimSourcesView.as_view(), name="api-claim-sources"),
    path("claims/<int:claim_id>/history/", ClaimHistoryView.as_view(), name="api-claim-history"),
]
