from django.urls import path

from verify import views

app_name = "verify"
urlpatterns = [
    path("", views.claim_list, name="claim-list"),
]
