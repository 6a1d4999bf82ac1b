from django.urls import path

from verify.ingestion import views

app_name = "ingestion"
urlpatterns = [
    path("", views.feed_list, name="feed-list"),
    path("<int:pk>/", views.feed_detail, name="feed-detail"),
    path("<int:pk>/poll/", views.feed_poll_now, name="feed-poll"),
]
