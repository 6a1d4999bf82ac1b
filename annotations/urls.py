from django.urls import path
from django.views.generic import RedirectView

from annotations import views

app_name = "desk"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:claim-list", query_string=True), name="home"),
    path("claims/", views.queue, name="claim-list"),
    path("claims/bulk/", views.claims_bulk, name="claim-bulk"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/assign/", views.claim_assign, name="claim-assign"),
    path("claims/<int:pk>/correct/", views.claim_correct, name="claim-correct"),
    path("claims/<int:pk>/reopen/", views.claim_reopen_view, name="claim-reopen"),
    path("claims/<int:pk>/approve/", views.claim_approve_view, name="claim-approve"),
    path("claims/<int:pk>/send-back/", views.claim_send_back_view, name="claim-send-back"),
    path("claims/<int:pk>/decide/", views.claim_decide_view, name="claim-decide"),
    path("desk/settings/", views.desk_settings, name="desk-settings"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/status/", views.article_status, name="article-status"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article-edit"),
    path("submit/", views.article_submit, name="article-submit"),
]
