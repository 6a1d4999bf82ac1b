from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from config.health import healthz
from config.login import admin_login_view, login_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Browsers and crawlers ask for /favicon.ico whatever the page links.
    path("favicon.ico", RedirectView.as_view(url=static("verify/favicon.svg"), permanent=True)),
    path("admin/login/", admin_login_view, name="admin-login"),  # before the admin: locks out like the desk login
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("accounts/login/", login_view, name="login"),  # locks out after repeated failures
    # Logout and password change only: no password reset by e-mail (an open, unthrottled form that
    # mails whoever is named; an administrator resets passwords instead).
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("reports/", include("annotations.reports.urls")),  # fact-check reports (desk)
    path("r/", include("annotations.reports.public_urls")),  # public report permalinks
    path("feeds/", include("verify.ingestion.urls")),  # feeds (editors)
    path("matching/", include("annotations.matching.urls")),  # claim matching pages
    path("fact-checks/", include("annotations.factchecks.urls")),  # other fact-checkers' work (editors)
    path("dashboard/", include("annotations.dashboard.urls")),  # the desk dashboard (editors)
    path("webhooks/", include("annotations.webhooks.urls")),  # webhooks (editors)
    path("", include("annotations.urls")),
]

handler400 = "config.errors.bad_request"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
