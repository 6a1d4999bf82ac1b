from django.urls import path

from annotations.reports.api import views

urlpatterns = [
    path("reports/", views.ReportListCreateView.as_view(), name="api-report-list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="api-report-detail"),
    path("reports/<int:pk>/claims/", views.ReportClaimsView.as_view(), name="api-report-claims"),
    path("reports/<int:pk>/claims/remove/", views.ReportClaimsRemoveView.as_view(), name="api-report-claims-remove"),
    path("reports/<int:pk>/check/", views.ReportCheckView.as_view(), name="api-report-check"),
    path("reports/<int:pk>/claims/<int:claim_id>/", views.ReportClaimSummaryView.as_view(),
         name="api-report-claim-summary"),
    path("reports/<int:pk>/publish/", views.ReportPublishView.as_view(), name="api-report-publish"),
    path("reports/<int:pk>/export/", views.ReportExportView.as_view(), name="api-report-export"),
    path("reports/<int:pk>/exports/", views.ReportExportListCreateView.as_view(), name="api-report-exports"),
    path("reports/exports/<int:export_id>/", views.ExportDetailView.as_view(), name="api-report-export-detail"),
    path("reports/exports/<int:export_id>/download/", views.ExportDownloadView.as_view(),
         name="api-report-export-download"),
]
