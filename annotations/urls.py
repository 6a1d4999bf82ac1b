from django.urls import path
from django.views.generic import RedirectView

from annotations import views

app_name = "desk"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:claim-list", query_string=True), name="home"),
    path("claims/", views.queue, name="claim-list"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim-assign"),
    path("claims/<int:pk>/correct/", views.claim_correct, name="claim-correct"),
    path("claims/<int:pk>/reopen/", views.claim_reopen_view, name="claim-reopen"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article-edit"),
    path("submit/", views.article_submit, name="article-submit"),
]
