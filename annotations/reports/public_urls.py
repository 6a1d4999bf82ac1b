"""Public permalinks, included at /r/ by config/urls.py."""
from django.urls import path

from annotations.reports import public_views

app_name = "reports-public"
urlpatterns = [
    path("<slug:slug>/", public_views.report_permalink, name="permalink"),
    path("<slug:slug>/<int:number>/", public_views.report_permalink, name="revision"),
]
