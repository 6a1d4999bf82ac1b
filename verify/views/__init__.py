"""The reviewer web UI: server-rendered pages with htmx, one module per area."""
from verify.views.articles import article_detail, article_list, article_status
from verify.views.claim_actions import claim_correct, claim_reopen_view
from verify.views.claims import claim_assign, claim_detail
from verify.views.queue import queue
from verify.views.submit import article_submit

# The old name of the queue view, kept for anything that still refers to it.
claim_list = queue

__all__ = ["article_detail", "article_list", "article_status", "article_submit", "claim_assign",
           "claim_correct", "claim_detail", "claim_list", "claim_reopen_view", "queue"]
