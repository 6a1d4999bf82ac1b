from django.contrib import admin
from django.urls import include, path

from config.health import healthz
from config.login import login_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("accounts/login/", login_view, name="login"),  # issue 6B: lockout after failed logins
    path("accounts/", include("django.contrib.auth.urls")),
    path("reports/", include("verify.reports.urls")),  # issue 5: fact-check reports (desk)
    path("r/", include("verify.reports.public_urls")),  # issue 5: public report permalinks
    path("feeds/", include("verify.ingestion.urls")),  # issue 6A: feeds (editors)
    path("matching/", include("verify.matching.urls")),  # issue 7: claim matching pages
    path("", include("verify.urls")),
]
