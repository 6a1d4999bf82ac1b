from django.urls import path
from rest_framework.routers import SimpleRouter

from annotations.factchecks.api import views

router = SimpleRouter()
router.register("fact-checks", views.PublishedFactCheckViewSet, basename="fact-check")
router.register("fact-check-feeds", views.FactCheckFeedViewSet, basename="fact-check-feed")

urlpatterns = [
    path("fact-checks/import/", views.FactCheckImportView.as_view(), name="api-fact-checks-import"),
    *router.urls,
]
