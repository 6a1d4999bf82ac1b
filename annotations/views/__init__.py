"""The reviewer web UI: server-rendered pages with htmx, one module per area."""
from annotations.views.articles import article_detail, article_edit, article_list, article_status
from annotations.views.bulk import claims_bulk
from annotations.views.claim_actions import claim_correct, claim_reopen_view
from annotations.views.claims import claim_assign, claim_detail
from annotations.views.queue import queue
from annotations.views.signoff import claim_approve_view, claim_decide_view, claim_send_back_view, desk_settings
from annotations.views.submit import article_submit

__all__ = ["article_detail", "article_edit", "article_list", "article_status", "article_submit", "claim_assign",
           "claims_bulk", "claim_correct", "claim_detail", "claim_reopen_view", "queue",
           "claim_approve_view", "claim_decide_view", "claim_send_back_view", "desk_settings"]
