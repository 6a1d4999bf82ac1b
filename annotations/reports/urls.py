"""The desk's report pages, included at /reports/ by config/urls.py."""
from django.urls import path

from annotations.reports import views, views_editing

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/claims/add/", views.report_claims_add, name="claims-add"),
    path("<int:pk>/claims/remove/", views.report_claims_remove, name="claims-remove"),
    path("<int:pk>/claims/<int:claim_id>/", views_editing.report_claim_summary, name="claim-summary"),
    path("<int:pk>/publish/", views_editing.report_publish, name="publish"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="download"),
    path("<int:pk>/exports/", views.report_export_start, name="export-start"),
    path("exports/<int:export_id>/", views.report_export_status, name="export-status"),
    path("exports/<int:export_id>/download/", views.report_export_download, name="export-download"),
]
