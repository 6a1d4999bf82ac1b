from django.urls import path
from rest_framework.routers import SimpleRouter

from annotations.api.claims import ArticleViewSet, ClaimViewSet
from annotations.api.me import MeView
from annotations.api.views import ClaimHistoryView, ClaimReviewsView, ClaimSourcesView

router = SimpleRouter()
router.register("articles", ArticleViewSet, basename="api-article")
router.register("claims", ClaimViewSet, basename="api-claim")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("claims/<int:claim_id>/reviews/", ClaimReviewsView.as_view(), name="api-claim-reviews"),
    path("claims/<int:claim_id>/sources/", ClaimSourcesView.as_view(), name="api-claim-sources"),
    path("claims/<int:claim_id>/history/", ClaimHistoryView.as_view(), name="api-claim-history"),
    *router.urls,
]
