from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from config.health import healthz
from config.login import login_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the page links.
    path("favicon.ico", RedirectView.as_view(url=static("verify/favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("accounts/login/", login_view, name="login"),  # locks out after repeated failures
    path("accounts/", include("django.contrib.auth.urls")),
    path("reports/", include("annotations.reports.urls")),  # fact-check reports (desk)
    path("r/", include("annotations.reports.public_urls")),  # public report permalinks
    path("feeds/", include("verify.ingestion.urls")),  # feeds (editors)
    path("matching/", include("annotations.matching.urls")),  # claim matching pages
    path("", include("annotations.urls")),
]

handler400 = "config.errors.bad_request"
handler404 = "config.errors.not_found"
