from django.urls import path

from annotations.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:table>.csv", views.dashboard_csv, name="csv"),
]
