from django.urls import path

from annotations.matching import views

app_name = "matching"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("claims/<int:pk>/matches/", views.claim_matches_panel, name="claim-matches"),
    path("matches/<int:pk>/<slug:action>/", views.match_action, name="match-action"),
]
