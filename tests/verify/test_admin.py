"""The admin console: staff by role, read-only rows, actions that call the services, audit untouchable."""
import pytest
from django.urls import reverse

from annotations.models import Review
from verify.audit.models import AuditEntry
from annotations.services import claim_assign, review_submit
from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory, UserFactory
from verify.models import Article, Claim

pytestmark = pytest.mark.django_db

CHANGELISTS = ["verify_article", "verify_claim", "annotations_review", "annotations_source", "audit_auditentry"]


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def desk_data(reviewer, editor):
    claim = ClaimFactory(article=ArticleFactory(title="<b>Bold</b> title"))
    review_submit(claim=claim, reviewer=reviewer, verdict="verified", sources=[{"url": "https://example.org"}])
    claim_assign(claim=claim, assignee=reviewer, actor=editor)
    return claim


@pytest.mark.parametrize("model", CHANGELISTS)
@pytest.mark.parametrize("client_fixture", ["editor_client", "admin_client_"])
def test_changelists_and_change_pages_load_for_editors_and_admins(request, client_fixture, model, desk_data):
    client = request.getfixturevalue(client_fixture)
    app_label, model_name = model.split("_", 1)

    changelist = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    first = changelist.context["cl"].result_list[0]
    change = client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[first.pk]))

    assert changelist.status_code == 200 and change.status_code == 200
    assert b"<b>Bold</b>" not in changelist.content and b"<b>Bold</b>" not in change.content  # escaped


def test_article_page_shows_its_claims_and_claim_page_its_reviews_and_sources(editor_client, desk_data):
    article_page = editor_client.get(reverse("admin:verify_article_change", args=[desk_data.article_id]))
    claim_page = editor_client.get(reverse("admin:verify_claim_change", args=[desk_data.pk]))

    assert desk_data.text.encode() in article_page.content
    assert b"https://example.org" in claim_page.content and b"Verified" in claim_page.content


def test_a_reviewer_cannot_open_the_admin(client, reviewer):
    client.force_login(reviewer)

    response = client.get("/admin/")
    changelist = client.get(reverse("admin:verify_claim_changelist"))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert changelist.status_code == 302


def test_a_reviewer_cannot_log_in_to_the_admin(client, reviewer):
    response = client.post("/admin/login/", {"username": "rita", "password": "correct horse battery staple"})

    assert response.status_code == 200  # the form again, with an error
    assert b"staff account" in response.content


def test_anonymous_is_sent_to_the_admin_login(client):
    assert client.get("/admin/verify/claim/").status_code == 302


@pytest.mark.parametrize("client_fixture", ["editor_client", "admin_client_"])
def test_audit_entries_cannot_be_added_changed_or_deleted_even_by_superusers(request, client_fixture, desk_data):
    client = request.getfixturevalue(client_fixture)
    entry = AuditEntry.objects.first()
    before = list(AuditEntry.objects.values_list("pk", "action", "after"))

    add = client.get(reverse("admin:audit_auditentry_add"))
    delete = client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    change = client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]),
                         {"action": "forged", "before": "{}", "after": "{}", "target_type": "x", "target_id": "1"})
    bulk = client.post(reverse("admin:audit_auditentry_changelist"),
                       {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})

    assert add.status_code == 403 and delete.status_code == 403
    assert change.status_code == 403
    assert bulk.status_code in (200, 302)
    assert list(AuditEntry.objects.values_list("pk", "action", "after")) == before


def test_reviews_cannot_be_changed_or_deleted_in_the_admin(admin_client_, desk_data):
    review = Review.objects.get(claim=desk_data)

    change = admin_client_.post(reverse("admin:annotations_review_change", args=[review.pk]), {"verdict": "disputed"})
    delete = admin_client_.post(reverse("admin:annotations_review_delete", args=[review.pk]), {"post": "yes"})

    assert change.status_code == 403 and delete.status_code == 403
    assert Review.objects.get(pk=review.pk).verdict == "verified"


def test_deleting_an_article_with_reviews_is_refused_so_reviews_are_never_lost(admin_client_, desk_data):
    response = admin_client_.post(reverse("admin:verify_article_delete", args=[desk_data.article_id]), {"post": "yes"})

    assert response.status_code in (200, 403)
    assert Article.objects.filter(pk=desk_data.article_id).exists()


def test_editors_cannot_delete_articles(editor_client):
    article = ArticleFactory()

    response = editor_client.post(reverse("admin:verify_article_delete", args=[article.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def _run_action(client, model_url, action, ids, **extra):
    return client.post(reverse(model_url), {"action": action, "_selected_action": ids, **extra}, follow=True)


def test_rerun_extraction_action_calls_the_reprocess_service(editor_client, monkeypatch):
    article = ArticleFactory(status="failed", error="boom", processing_attempts=5)
    called = []
    import verify.admin
    original = verify.admin.article_reprocess
    monkeypatch.setattr(verify.admin, "article_reprocess", lambda **kw: called.append(kw["article"].pk) or original(**kw))

    response = _run_action(editor_client, "admin:verify_article_changelist", "rerun_extraction", [article.pk])

    assert called == [article.pk]
    article.refresh_from_db()
    assert (article.status, article.error, article.processing_attempts) == ("pending", "", 0)
    assert b"Extraction queued again for 1 article" in response.content


def test_assign_action_assigns_through_the_service_and_audits(editor_client, editor, reviewer):
    claims = ClaimFactory.create_batch(2)

    response = _run_action(editor_client, "admin:verify_claim_changelist", "assign_to_reviewer",
                           [c.pk for c in claims], assignee=reviewer.pk)

    assert set(Claim.objects.values_list("assigned_to", flat=True)) == {reviewer.pk}
    assert AuditEntry.objects.filter(action="claim.assign", actor=editor).count() == 2
    assert b"Assigned to rita: 2 claim(s)." in response.content


def test_assign_action_refuses_a_user_without_a_reviewer_role(editor_client):
    claim = ClaimFactory()
    nobody = UserFactory(username="nobody")

    response = _run_action(editor_client, "admin:verify_claim_changelist", "assign_to_reviewer", [claim.pk],
                           assignee=nobody.pk)

    assert Claim.objects.get(pk=claim.pk).assigned_to is None
    # Users without a desk role are not offered; a forged choice fails the action form (Django's message).
    assert b"No action selected" in response.content
    assert not AuditEntry.objects.filter(action="claim.assign").exists()


def test_mark_not_a_claim_action_records_reviews_through_the_service(editor_client, editor):
    claim = ClaimFactory()

    response = _run_action(editor_client, "admin:verify_claim_changelist", "mark_not_a_claim", [claim.pk])

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.version) == ("not_a_claim", 2)
    assert Review.objects.get(claim=claim).reviewer == editor
    assert AuditEntry.objects.filter(action="claim.dismiss").exists()
    assert b"Marked not a claim: 1 claim(s)." in response.content


def test_reopen_action_reports_claims_it_could_not_reopen(editor_client):
    judged, still_open = ClaimFactory(verdict="verified"), ClaimFactory()

    response = _run_action(editor_client, "admin:verify_claim_changelist", "reopen", [judged.pk, still_open.pk])

    assert Claim.objects.get(pk=judged.pk).verdict == "unreviewed"
    assert b"Reopened: 1 claim(s)." in response.content
    assert b"already open" in response.content


def test_claim_changelist_takes_a_constant_number_of_queries(editor_client, reviewer, django_assert_max_num_queries):
    ClaimFactory.create_batch(2, assigned_to=reviewer)
    with django_assert_max_num_queries(30) as few:
        editor_client.get(reverse("admin:verify_claim_changelist"))
    for _ in range(20):
        SourceFactory(claim=ClaimFactory(assigned_to=UserFactory(role="reviewer")))
    ReviewFactory()

    with django_assert_max_num_queries(len(few.captured_queries) + 2):  # + the assignee filter's user list
        editor_client.get(reverse("admin:verify_claim_changelist"))


def _article_change(client, article, **fields):
    data = {"title": article.title, "publisher": article.publisher, "author": article.author, "url": article.url,
            "published_at_0": "", "published_at_1": "", "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0",
            **fields}
    return client.post(reverse("admin:verify_article_change", args=[article.pk]), data)


def test_editors_correct_article_details_in_the_admin_through_the_audited_service(editor_client, editor):
    article = ArticleFactory(title="Bridges", publisher="The Meridian Ledger")

    response = _article_change(editor_client, article, publisher="Kyiv Post", published_at_0="2024-05-06",
                               published_at_1="09:30:00")

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.publisher, article.published_at.date().isoformat()) == (
        "Bridges", "Kyiv Post", "2024-05-06")
    entry = AuditEntry.objects.get(action="article.edit")
    assert entry.actor == editor and set(entry.after) == {"publisher", "published_at"}


def test_the_admin_refuses_a_non_http_original_url_and_keeps_the_rest_read_only(editor_client):
    article = ArticleFactory(publisher="The Meridian Ledger", status="done")

    refused = _article_change(editor_client, article, url="ftp://example.org/x")
    ignored = _article_change(editor_client, article, status="failed", content_hash="x")

    assert refused.status_code == 200 and b"Give an http:// or https:// address." in refused.content
    article.refresh_from_db()
    assert (article.url, article.status) == ("", "done")
    assert ignored.status_code == 302


def test_the_claim_list_gives_the_claim_text_room_and_filters_by_extraction(editor_client):
    ClaimFactory(text="The port handled 9 million tonnes in 2023.", set_aside="")
    response = editor_client.get("/admin/verify/claim/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "verify/admin.css" in content
    assert "set_aside__exact" in content and "claimant_type__exact" in content


def test_deleting_a_claim_with_a_history_in_the_admin_is_refused_and_its_entries_keep_it(admin_client_, desk_data):
    response = admin_client_.post(reverse("admin:verify_claim_delete", args=[desk_data.pk]), {"post": "yes"})

    assert response.status_code == 200 and b"Cannot delete claim" in response.content
    assert Claim.objects.filter(pk=desk_data.pk).exists()
    assert set(AuditEntry.objects.filter(claim=desk_data).values_list("action", flat=True)) >= {
        "review.submit", "claim.assign"}


def test_deleting_a_source_in_the_admin_is_recorded_with_who_and_what(admin_client_, admin_user, desk_data):
    source = desk_data.sources.get()

    response = admin_client_.post(reverse("admin:annotations_source_delete", args=[source.pk]), {"post": "yes"})

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.delete")
    assert (entry.target_type, entry.target_id) == ("annotations.source", str(source.pk))
    assert entry.actor_username == admin_user.get_username()
    assert entry.before["fields"]["url"] == "https://example.org"


def test_deleting_unaudited_claims_in_bulk_records_each_deletion(admin_client_):
    claims = ClaimFactory.create_batch(2)

    _run_action(admin_client_, "admin:verify_claim_changelist", "delete_selected",
                [claim.pk for claim in claims], post="yes")

    assert not Claim.objects.filter(pk__in=[claim.pk for claim in claims]).exists()
    assert sorted(AuditEntry.objects.filter(action="admin.delete").values_list("target_id", flat=True)) == sorted(
        str(claim.pk) for claim in claims)
