"""/api/articles/: submit, list, filter, detail with claims, status — per role."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from verify.audit.models import AuditAction, AuditEntry
from verify.models import Article

pytestmark = pytest.mark.django_db

LIST = "/api/articles/"


def _detail(pk):
    return f"/api/articles/{pk}/"


# --- roles ------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [("get", LIST), ("post", LIST), ("get", "detail"), ("get", "status")])
def test_anonymous_calls_get_401(anonymous_api, method, path):
    article = ArticleFactory()
    url = {"detail": _detail(article.pk), "status": f"/api/articles/{article.pk}/status/"}.get(path, path)

    response = getattr(anonymous_api, method)(url, {"text": "x"} if method == "post" else None, format="json")

    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


@pytest.mark.parametrize("method, path", [("get", LIST), ("post", LIST), ("get", "detail"), ("get", "status")])
def test_users_without_a_desk_role_get_403(norole_api, method, path):
    article = ArticleFactory()
    url = {"detail": _detail(article.pk), "status": f"/api/articles/{article.pk}/status/"}.get(path, path)

    response = getattr(norole_api, method)(url, {"text": "Officials said 3 things."} if method == "post" else None,
                                           format="json")

    assert response.status_code == 403
    assert Article.objects.count() == 1


@pytest.mark.parametrize("client_name", ["reviewer_api", "editor_api", "admin_api"])
def test_every_desk_role_can_list_and_read_articles(request, client_name):
    client = request.getfixturevalue(client_name)
    article = ArticleFactory()

    assert client.get(LIST).json()["count"] == 1
    assert client.get(_detail(article.pk)).json()["id"] == article.pk


# --- create -----------------------------------------------------------------------------------

def test_reviewer_submits_an_article_and_gets_201_with_its_status(reviewer_api, reviewer):
    response = reviewer_api.post(LIST, {
        "text": "The minister said unemployment fell to 4.1% in March.", "title": "Jobs",
        "url": "https://news.example.org/jobs", "publisher": "Ledger", "author": "A. Writer",
        "published_at": "2026-03-02T10:00:00Z",
    }, format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["created"], body["duplicate"], body["title"]) == ("pending", True, False, "Jobs")
    article = Article.objects.get(pk=body["id"])
    assert (article.submitted_by, article.url, article.publisher) == (reviewer, "https://news.example.org/jobs", "Ledger")
    assert article.published_at.year == 2026


def test_the_same_text_again_returns_the_existing_article_with_200(reviewer_api, editor_api):
    first = reviewer_api.post(LIST, {"text": "The bridge cost 40 million."}, format="json").json()

    response = editor_api.post(LIST, {"text": "The bridge cost 40 million.", "title": "Other"}, format="json")

    assert response.status_code == 200
    assert (response.json()["id"], response.json()["duplicate"], response.json()["created"]) == (first["id"], True, False)
    assert Article.objects.count() == 1


@pytest.mark.parametrize("payload, field", [
    ({}, "text"),
    ({"text": "   \n "}, "detail"),
    ({"text": "ok text", "url": "not a url"}, "url"),
    ({"text": "ok text", "published_at": "yesterday"}, "published_at"),
    ({"text": "ok text", "title": "t" * 501}, "title"),
])
def test_bad_submissions_get_400_with_a_message(reviewer_api, payload, field):
    response = reviewer_api.post(LIST, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Article.objects.count() == 0


def test_empty_text_says_the_article_is_empty(reviewer_api):
    response = reviewer_api.post(LIST, {"text": "  "}, format="json")

    assert response.json()["detail"] == "The article is empty."


def test_too_long_an_article_is_refused_with_the_limit(reviewer_api, settings):
    settings.VERIFY_MAX_ARTICLE_CHARS = 10

    response = reviewer_api.post(LIST, {"text": "This text is longer than ten."}, format="json")

    assert response.status_code == 400
    assert "the limit is 10" in response.json()["detail"]


def test_a_request_body_over_the_upload_limit_is_413_with_the_limit(reviewer_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = reviewer_api.post(LIST, {"text": "word " * 500}, format="json")

    assert response.status_code == 413
    assert response.json()["detail"] == "The request body is larger than the 1,000 bytes the API accepts."
    assert Article.objects.count() == 0


# --- list, filters, detail, status ------------------------------------------------------------

def test_article_list_is_paginated_newest_first_with_claim_counts(reviewer_api):
    old, new = ArticleFactory(), ArticleFactory()
    ClaimFactory.create_batch(2, article=old)

    body = reviewer_api.get(LIST, {"page_size": 1}).json()

    assert body["count"] == 2 and body["next"] is not None
    assert [(a["id"], a["claim_count"]) for a in body["results"]] == [(new.pk, 0)]
    assert reviewer_api.get(LIST, {"page_size": 1, "page": 2}).json()["results"][0]["claim_count"] == 2


def test_article_list_filters_by_status_publisher_and_title_search(reviewer_api):
    wanted = ArticleFactory(status="failed", publisher="Ledger", title="Bridge repairs")
    ArticleFactory(status="done", publisher="Ledger", title="Bridge repairs again")
    ArticleFactory(status="failed", publisher="Herald", title="Bridge")
    ArticleFactory(status="failed", publisher="Ledger", title="Budget")

    body = reviewer_api.get(LIST, {"status": "failed", "publisher": "ledger", "search": "bridge"}).json()

    assert [a["id"] for a in body["results"]] == [wanted.pk]


def test_article_list_refuses_an_unknown_status_with_400(reviewer_api):
    response = reviewer_api.get(LIST, {"status": "exploded"})

    assert response.status_code == 400
    assert "status" in response.json()


def test_article_detail_includes_its_claims_with_source_counts(reviewer_api):
    article = ArticleFactory(title="<script>alert(1)</script>")
    first = ClaimFactory(article=article, sentence_index=0)
    ClaimFactory(article=article, sentence_index=1)
    SourceFactory(claim=first)

    body = reviewer_api.get(_detail(article.pk)).json()

    assert body["title"] == "<script>alert(1)</script>"  # JSON carries it as data; pages escape it
    assert [(c["id"], c["source_count"]) for c in body["claims"]][0] == (first.pk, 1)
    assert len(body["claims"]) == 2 and body["claims"][0]["version"] == 1


def test_article_status_endpoint_reports_processing_state(reviewer_api):
    article = ArticleFactory(status="failed", error="Nothing readable was left.")

    body = reviewer_api.get(f"/api/articles/{article.pk}/status/").json()

    assert (body["status"], body["error"], body["claim_count"]) == ("failed", "Nothing readable was left.", 0)


def test_unknown_article_is_404(reviewer_api):
    assert reviewer_api.get(_detail(999999)).status_code == 404


def test_articles_cannot_be_deleted_or_replaced_through_the_api(editor_api):
    article = ArticleFactory()

    assert editor_api.delete(_detail(article.pk)).status_code == 405
    assert editor_api.put(_detail(article.pk), {"text": "x"}, format="json").status_code == 405
    assert Article.objects.filter(pk=article.pk).exists()


def test_article_list_takes_a_constant_number_of_queries(reviewer_api, django_assert_max_num_queries):
    for _ in range(3):
        ClaimFactory.create_batch(2, article=ArticleFactory())
    with django_assert_max_num_queries(4) as few:
        reviewer_api.get(LIST)
    for _ in range(20):
        ClaimFactory.create_batch(2, article=ArticleFactory())

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_api.get(LIST).json()["count"] == 23


def test_article_detail_takes_a_constant_number_of_queries(reviewer_api, reviewer, django_assert_max_num_queries):
    article = ArticleFactory(submitted_by=reviewer)
    for claim in ClaimFactory.create_batch(15, article=article, assigned_to=reviewer):
        SourceFactory(claim=claim)

    with django_assert_max_num_queries(4):
        assert len(reviewer_api.get(_detail(article.pk)).json()["claims"]) == 15


# --- auth -------------------------------------------------------------------------------------

def test_token_from_username_and_password_authenticates_api_calls(reviewer, anonymous_api):
    token = anonymous_api.post(reverse("api-token"), {"username": "rita", "password": "correct horse battery staple"},
                               format="json").json()["token"]
    anonymous_api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert anonymous_api.get(LIST).status_code == 200


def test_wrong_password_gets_no_token(reviewer, anonymous_api):
    response = anonymous_api.post(reverse("api-token"), {"username": "rita", "password": "nope"}, format="json")

    assert response.status_code == 400
    assert "token" not in response.json()


def test_an_invalid_token_is_401(anonymous_api):
    anonymous_api.credentials(HTTP_AUTHORIZATION="Token deadbeef")

    assert anonymous_api.get(LIST).status_code == 401


def test_session_login_authenticates_api_calls(reviewer, client):
    client.login(username="rita", password="correct horse battery staple")

    assert client.get(LIST).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_submission_while_the_queue_is_down_is_saved_pending_and_says_so(reviewer_api, monkeypatch):
    from workers import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.article_process, "apply_async", broker_down)
    response = reviewer_api.post("/api/articles/", {"text": "The ministry said 2,300 homes lost power."},
                                 format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["enqueued"] is False and body["status"] == "pending"
    assert "saved as pending" in body["notice"]


# --- PATCH: editors correct the details ---------------------------------------------------------

def test_an_editor_patches_the_details_and_one_audit_entry_lists_the_changes(editor_api, editor):
    article = ArticleFactory(title="Bridges", publisher="The Meridian Ledger")

    response = editor_api.patch(_detail(article.pk), {
        "publisher": "Kyiv Post", "author": "Ana Li", "published_at": "2024-05-06T09:30:00Z",
        "url": "https://example.org/bridges",
    }, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["publisher"], body["author"], body["url"]) == (
        "Bridges", "Kyiv Post", "Ana Li", "https://example.org/bridges")
    assert body["published_at"].startswith("2024-05-06")
    entry = AuditEntry.objects.get(action=AuditAction.ARTICLE_EDITED)
    assert entry.actor == editor
    assert set(entry.before) == set(entry.after) == {"publisher", "author", "published_at", "url"}


def test_a_patch_can_clear_the_date_and_leaves_out_keys_alone(editor_api):
    article = ArticleFactory(publisher="The Meridian Ledger", published_at="2024-05-06T09:30:00Z")
    response = editor_api.patch(_detail(article.pk), {"published_at": None}, format="json")
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.published_at, article.publisher) == (None, "The Meridian Ledger")


@pytest.mark.parametrize("data", [
    {"publisher": "p" * 201}, {"author": "a" * 201}, {"url": "ftp://example.org/x"},
    {"url": "https://example.org/" + "x" * 2000}, {"published_at": "soon"},
])
def test_a_bad_patch_is_a_400_and_changes_nothing(editor_api, data):
    article = ArticleFactory(publisher="The Meridian Ledger")
    response = editor_api.patch(_detail(article.pk), {"author": "Ana Li", **data}, format="json")
    assert response.status_code == 400
    assert next(iter(data)) in response.json()
    article.refresh_from_db()
    assert (article.publisher, article.author) == ("The Meridian Ledger", "")
    assert not AuditEntry.objects.filter(action=AuditAction.ARTICLE_EDITED).exists()


def test_a_reviewer_gets_403_on_patch(reviewer_api):
    article = ArticleFactory(publisher="The Meridian Ledger")
    response = reviewer_api.patch(_detail(article.pk), {"publisher": "Other"}, format="json")
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.publisher == "The Meridian Ledger"


def test_anonymous_patch_is_401(anonymous_api):
    assert anonymous_api.patch(_detail(ArticleFactory().pk), {"title": "x"}, format="json").status_code == 401


def test_patching_an_unknown_article_is_404(editor_api):
    assert editor_api.patch(_detail(999_999), {"title": "x"}, format="json").status_code == 404


def test_put_is_not_allowed(editor_api):
    assert editor_api.put(_detail(ArticleFactory().pk), {"title": "x"}, format="json").status_code == 405
