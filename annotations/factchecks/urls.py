from django.urls import path

from annotations.factchecks import views

app_name = "factchecks"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("feeds/", views.feed_subscribe, name="feed-subscribe"),
]
