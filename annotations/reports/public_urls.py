"""Public pages, included at /r/ by config/urls.py."""
from django.urls import path

from annotations.reports import public_views

app_name = "reports-public"
urlpatterns = [
    path("<slug:slug>/", public_views.report_permalink, name="permalink"),
    path("<slug:slug>/claims/<int:claim_id>/", public_views.claim_page, name="claim"),
    path("<slug:slug>/<int:number>/", public_views.report_permalink, name="revision"),
    path("<slug:slug>/<int:number>/claims/<int:claim_id>/", public_views.claim_page, name="revision-claim"),
]
