"""The REST API under /api/. Each app contributes its own urls module; the schema documents all."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from annotations.apitokens.api import TokenLogoutAllView, TokenLogoutView
from config.login import obtain_auth_token  # throttled, with lockout

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="api-logout"),
    path("auth/logout-all/", TokenLogoutAllView.as_view(), name="api-logout-all"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Before the claims router, which would read claims/similar/ as a claim id.
    path("", include("annotations.matching.api.urls")),
    path("", include("annotations.api.urls")),
    path("", include("annotations.reports.api.urls")),  # reports
    path("", include("verify.ingestion.api_urls")),  # feeds (editors)
    path("", include("annotations.webhooks.api.urls")),  # webhooks (editors)
    path("", include("annotations.factchecks.api.urls")),  # other fact-checkers' work
    path("", include("annotations.dashboard.api_urls")),  # the desk dashboard (editors)
]
