from django.urls import path

from annotations.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("<int:pk>/", views.webhook_detail, name="detail"),
    path("<int:pk>/delete/", views.webhook_delete, name="delete"),
    path("<int:pk>/test/", views.webhook_test, name="test"),
]
