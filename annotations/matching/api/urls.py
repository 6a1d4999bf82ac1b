"""Matching API routes. config/api_urls.py includes these BEFORE the claims router, otherwise
/api/claims/similar/ would be taken for a claim id lookup."""
from django.urls import path

from annotations.matching.api import views

urlpatterns = [
    path("claims/similar/", views.SimilarClaimsView.as_view(), name="api-claims-similar"),
    path("claims/<int:pk>/matches/", views.ClaimMatchesView.as_view(), name="api-claim-matches"),
    path("matches/conflicts/", views.MatchConflictsView.as_view(), name="api-match-conflicts"),
    path("matches/<int:pk>/confirm/", views.MatchConfirmView.as_view(), name="api-match-confirm"),
    path("matches/<int:pk>/reject/", views.MatchRejectView.as_view(), name="api-match-reject"),
    path("matches/<int:pk>/apply/", views.MatchApplyView.as_view(), name="api-match-apply"),
]
