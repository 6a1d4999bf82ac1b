from django.urls import path
from rest_framework.routers import SimpleRouter

from annotations.api.bulk import ClaimBulkView
from annotations.api.claims import ArticleViewSet, ClaimViewSet
from annotations.api.me import MeView
from annotations.api.signoff import (
    AgreementView, ClaimApproveView, ClaimDecideView, ClaimSendBackView, DeskSettingsView,
)
from annotations.api.views import ClaimHistoryView, ClaimReviewsView, ClaimSourcesView

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="api-article")
router.register("claims", ClaimViewSet, basename="api-claim")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    # Before the router: "bulk" is not a claim id.
    path("claims/bulk/", ClaimBulkView.as_view(), name="api-claim-bulk"),
    path("claims/<int:claim_id>/approve/", ClaimApproveView.as_view(), name="api-claim-approve"),
    path("claims/<int:claim_id>/send-back/", ClaimSendBackView.as_view(), name="api-claim-send-back"),
    path("claims/<int:claim_id>/decide/", ClaimDecideView.as_view(), name="api-claim-decide"),
    path("agreement/", AgreementView.as_view(), name="api-agreement"),
    path("desk-settings/", DeskSettingsView.as_view(), name="api-desk-settings"),
    path("claims/<int:claim_id>/reviews/", ClaimReviewsView.as_view(), name="api-claim-reviews"),
    path("claims/<int:claim_id>/sources/", ClaimSourcesView.as_view(), name="api-claim-sources"),
    path("claims/<int:claim_id>/history/", ClaimHistoryView.as_view(), name="api-claim-history"),
    *router.urls,
]
