"""/api/claims/: list with filters and search, detail, PATCH edits, assign, dismiss, reopen — per role."""
import pytest
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from annotations.models import Review
from verify.audit.models import AuditEntry
from annotations.services import review_submit
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory, UserFactory
from annotations.api.filters import ClaimFilter
from verify.models import Claim

pytestmark = pytest.mark.django_db

LIST = "/api/claims/"


def _url(claim, suffix=""):
    return f"/api/claims/{claim.pk}/{suffix}"


ENDPOINTS = [
    ("get", ""), ("patch", "claim"), ("get", "claim"), ("post", "assign/"), ("post", "dismiss/"), ("post", "reopen/"),
]


def _call(client, claim, method, path):
    url = LIST if path == "" else _url(claim, "" if path == "claim" else path)
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, {"version": 1, "text": "x", "assignee": None}, format="json")


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_anonymous_calls_get_401(anonymous_api, method, path):
    claim = ClaimFactory()

    assert _call(anonymous_api, claim, method, path).status_code == 401


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_users_without_a_desk_role_get_403_and_change_nothing(norole_api, method, path):
    claim = ClaimFactory()

    assert _call(norole_api, claim, method, path).status_code == 403
    assert Claim.objects.get(pk=claim.pk).version == 1 and not AuditEntry.objects.exists()


@pytest.mark.parametrize("client_name", ["reviewer_api", "editor_api", "admin_api"])
def test_every_desk_role_lists_and_reads_claims(request, client_name):
    client = request.getfixturevalue(client_name)
    claim = ClaimFactory()

    assert [c["id"] for c in client.get(LIST).json()["results"]] == [claim.pk]
    assert client.get(_url(claim)).json()["version"] == 1


# --- list -------------------------------------------------------------------------------------

def test_claim_list_filters_by_article_and_verdict(reviewer_api):
    article = ArticleFactory()
    wanted = ClaimFactory(article=article, verdict="disputed")
    ClaimFactory(article=article, verdict="verified")
    ClaimFactory(verdict="disputed")

    body = reviewer_api.get(LIST, {"article": article.pk, "verdict": "disputed"}).json()

    assert [c["id"] for c in body["results"]] == [wanted.pk]


def test_claim_list_searches_text_and_claimant(reviewer_api):
    by_text = ClaimFactory(text="Inflation reached 9 percent.", sentence="Inflation reached 9 percent.")
    by_claimant = ClaimFactory(claimant="Inflation Watch")
    ClaimFactory(text="Nothing related.", sentence="Nothing related.")

    body = reviewer_api.get(LIST, {"search": "inflation"}).json()

    assert sorted(c["id"] for c in body["results"]) == sorted([by_text.pk, by_claimant.pk])


def test_claim_list_filters_sources_score_publisher_and_mine(reviewer_api, reviewer):
    wanted = ClaimFactory(article=ArticleFactory(publisher="Herald"), checkworthiness=0.7, assigned_to=reviewer)
    SourceFactory(claim=wanted)
    ClaimFactory(article=ArticleFactory(publisher="Herald"), checkworthiness=0.7, assigned_to=reviewer)
    ClaimFactory(article=ArticleFactory(publisher="Herald"), checkworthiness=0.3, assigned_to=reviewer)

    body = reviewer_api.get(LIST, {"has_sources": "true", "score_min": "0.5", "score_max": "0.9",
                                   "publisher": "herald", "assigned_to_me": "true"}).json()

    assert [(c["id"], c["source_count"]) for c in body["results"]] == [(wanted.pk, 1)]


def test_claim_list_orders_by_checkworthiness_unless_asked_otherwise(reviewer_api):
    low, high = ClaimFactory(checkworthiness=0.1), ClaimFactory(checkworthiness=0.9)

    assert [c["id"] for c in reviewer_api.get(LIST).json()["results"]] == [high.pk, low.pk]
    assert [c["id"] for c in reviewer_api.get(LIST, {"ordering": "checkworthiness"}).json()["results"]] == [low.pk, high.pk]


@pytest.mark.parametrize("params, field", [
    ({"verdict": "maybe"}, "verdict"), ({"score_min": "high"}, "score_min"), ({"ordering": "password"}, "ordering"),
    ({"article": "x"}, "article"), ({"article": "1.5"}, "article"),
])
def test_claim_list_refuses_bad_filters_with_400(reviewer_api, params, field):
    response = reviewer_api.get(LIST, params)

    assert response.status_code == 400
    assert field in response.json()


def test_claim_list_with_an_out_of_range_article_id_is_a_400_not_a_500(reviewer_api):
    ClaimFactory()

    response = reviewer_api.get(LIST, {"article": "9" * 30})

    assert response.status_code == 400 and "article" in response.json()


def test_claim_list_is_paginated(reviewer_api):
    ClaimFactory.create_batch(3)

    body = reviewer_api.get(LIST, {"page_size": 2}).json()

    assert (len(body["results"]), body["next"] is not None) == (2, True)


def test_claim_list_takes_a_constant_number_of_queries(reviewer_api, reviewer, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            SourceFactory.create_batch(2, claim=ClaimFactory(assigned_to=reviewer))

    make(2)
    with django_assert_max_num_queries(5) as few:
        reviewer_api.get(LIST)
    make(30)

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reviewer_api.get(LIST).json()["results"]) == 32


# --- detail -----------------------------------------------------------------------------------

def test_claim_detail_has_sources_version_and_the_extracted_original(reviewer_api):
    claim = ClaimFactory(version=3)
    source = SourceFactory(claim=claim, stance="refutes")

    body = reviewer_api.get(_url(claim)).json()

    assert body["version"] == 3 and body["extracted_text"] == claim.text
    assert [(s["id"], s["stance"], s["added_by"]["username"]) for s in body["sources"]] == [
        (source.pk, "refutes", source.added_by.username)]


def test_unknown_claim_is_404(reviewer_api):
    assert reviewer_api.get("/api/claims/999999/").status_code == 404


# --- PATCH (claim_edit) -------------------------------------------------------------------------

def test_patch_corrects_text_and_claimant_with_the_version(reviewer_api):
    claim = ClaimFactory(text="Old text.", claimant="reports")

    response = reviewer_api.patch(_url(claim), {"version": 1, "text": "New text.", "claimant": "The mayor"}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["text"], body["claimant"], body["version"], body["extracted_text"]) == (
        "New text.", "The mayor", 2, "Old text.")


def test_patch_on_a_stale_version_is_409_with_what_changed(reviewer_api, editor_api):
    claim = ClaimFactory()
    editor_api.patch(_url(claim), {"version": 1, "claimant": "The mayor"}, format="json")

    response = reviewer_api.patch(_url(claim), {"version": 1, "claimant": "Police"}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2 and body["expected_version"] == 1
    assert "eddie changed the claimant to “The mayor”" in body["detail"]
    assert [(c["who"], c["action"], c["after"]["claimant"]) for c in body["changes"]] == [
        ("eddie", "claim.edit", "The mayor")]
    assert Claim.objects.get(pk=claim.pk).claimant == "The mayor"


@pytest.mark.parametrize("payload, field", [
    ({"text": "No version."}, "version"), ({"version": 1, "text": ""}, "text"), ({"version": 1}, "detail"),
    ({"version": "one", "text": "x"}, "version"),
])
def test_patch_with_bad_input_is_400(reviewer_api, payload, field):
    claim = ClaimFactory()

    response = reviewer_api.patch(_url(claim), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Claim.objects.get(pk=claim.pk).version == 1


def test_put_and_delete_are_not_allowed(editor_api):
    claim = ClaimFactory()

    assert editor_api.put(_url(claim), {"version": 1, "text": "x"}, format="json").status_code == 405
    assert editor_api.delete(_url(claim)).status_code == 405
    assert Claim.objects.filter(pk=claim.pk).exists()


# --- assign -----------------------------------------------------------------------------------

def test_editor_assigns_a_claim_to_a_reviewer_by_username(editor_api, reviewer):
    claim = ClaimFactory()

    response = editor_api.post(_url(claim, "assign/"), {"assignee": "rita"}, format="json")

    assert response.status_code == 200
    assert response.json()["assigned_to"] == {"id": reviewer.pk, "username": "rita"}


def test_editor_unassigns_with_null(editor_api, reviewer):
    claim = ClaimFactory(assigned_to=reviewer)

    assert editor_api.post(_url(claim, "assign/"), {"assignee": None}, format="json").json()["assigned_to"] is None


def test_reviewer_cannot_assign_someone_else_403(reviewer_api):
    claim = ClaimFactory()
    UserFactory(username="omar", role="reviewer")

    response = reviewer_api.post(_url(claim, "assign/"), {"assignee": "omar"}, format="json")

    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).assigned_to is None


def test_reviewer_may_take_an_unassigned_claim(reviewer_api, reviewer):
    claim = ClaimFactory()

    assert reviewer_api.post(_url(claim, "assign/"), {"assignee": "rita"}, format="json").status_code == 200
    assert Claim.objects.get(pk=claim.pk).assigned_to == reviewer


@pytest.mark.parametrize("assignee, status, message", [("ghost", 404, "does not exist"),
                                                         ("visitor", 400, "no reviewer role")])
def test_assigning_to_an_unknown_user_is_404_and_to_a_roleless_one_400(editor_api, assignee, status, message):
    UserFactory(username="visitor")
    claim = ClaimFactory()

    response = editor_api.post(_url(claim, "assign/"), {"assignee": assignee}, format="json")

    assert response.status_code == status
    assert message in str(response.json())


# --- dismiss / reopen -------------------------------------------------------------------------

def test_reviewer_dismisses_a_claim_as_not_a_claim(reviewer_api):
    claim = ClaimFactory()

    response = reviewer_api.post(_url(claim, "dismiss/"), {"version": 1, "rationale": "Opinion."}, format="json")

    assert response.status_code == 201
    assert response.json()["claim"] == {"id": claim.pk, "verdict": "not_a_claim", "version": 2, "signoff": "final"}
    assert response.json()["review"]["verdict"] == "not_a_claim"


def test_dismiss_on_a_stale_version_is_409(reviewer_api, editor):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=editor, verdict="verified")

    response = reviewer_api.post(_url(claim, "dismiss/"), {"version": 1}, format="json")

    assert response.status_code == 409
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


def test_editor_reopens_a_judged_claim(editor_api, reviewer):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")

    response = editor_api.post(_url(claim, "reopen/"), {"rationale": "Check again."}, format="json")

    assert response.status_code == 201
    assert response.json()["claim"]["verdict"] == "unreviewed"
    assert Review.objects.filter(claim=claim).count() == 2


def test_reviewer_cannot_reopen_403(reviewer_api):
    claim = ClaimFactory(verdict="verified")

    assert reviewer_api.post(_url(claim, "reopen/"), {}, format="json").status_code == 403
    assert Claim.objects.get(pk=claim.pk).verdict == "verified"


def test_reopening_an_open_claim_is_400(editor_api):
    response = editor_api.post(_url(ClaimFactory(), "reopen/"), {}, format="json")

    assert response.status_code == 400
    assert "already open" in response.json()["detail"]


# --- the role matrix of the write endpoints -----------------------------------------------------

@pytest.mark.parametrize("client_name", ["reviewer_api", "editor_api", "admin_api"])
def test_every_desk_role_may_edit_and_dismiss(request, client_name):
    client = request.getfixturevalue(client_name)
    claim = ClaimFactory()

    edited = client.patch(_url(claim), {"version": 1, "claimant": "Someone"}, format="json")
    dismissed = client.post(_url(claim, "dismiss/"), {"version": 2}, format="json")

    assert (edited.status_code, dismissed.status_code) == (200, 201)


@pytest.mark.parametrize("client_name, expected", [("reviewer_api", 403), ("editor_api", 201), ("admin_api", 201)])
def test_only_editors_and_admins_reopen(request, client_name, expected):
    claim = ClaimFactory(verdict="disputed")

    assert request.getfixturevalue(client_name).post(_url(claim, "reopen/"), {}, format="json").status_code == expected


@pytest.mark.parametrize("client_name, expected", [("reviewer_api", 403), ("editor_api", 200), ("admin_api", 200)])
def test_only_editors_and_admins_assign_others(request, client_name, expected):
    UserFactory(username="omar", role="reviewer")
    claim = ClaimFactory()

    response = request.getfixturevalue(client_name).post(_url(claim, "assign/"), {"assignee": "omar"}, format="json")

    assert response.status_code == expected


@pytest.mark.parametrize("params", [
    {"verdict": "maybe", "score_min": "high", "has_sources": "perhaps"}, {"ordering": "password"},
    {"article": "1.5", "score_max": "NaN"}, {"verdict": "disputed", "has_sources": "false", "search": "x"},
])
def test_claim_list_validates_parameters_exactly_as_the_filterset_form_does(reviewer, params):
    request = Request(APIRequestFactory().get(LIST, params))
    request.user = reviewer
    form = ClaimFilter(request.query_params, queryset=Claim.objects.none(), request=request).form

    if form.is_valid():
        assert ClaimFilter.claim_filters_from(request).verdict == (form.cleaned_data["verdict"] or None)
    else:
        with pytest.raises(ValidationError) as raised:
            ClaimFilter.claim_filters_from(request)
        assert raised.value.detail == {name: list(messages) for name, messages in form.errors.items()}


def test_claim_list_leaves_set_aside_claims_out_unless_asked_and_says_why(reviewer_api):
    queued = ClaimFactory(checkworthiness=0.8)
    aside = ClaimFactory(checkworthiness=0.3, set_aside="opinion")

    default = reviewer_api.get(LIST).json()["results"]
    asked = reviewer_api.get(LIST, {"set_aside": "true"}).json()["results"]

    assert [(c["id"], c["set_aside"]) for c in default] == [(queued.pk, "")]
    assert [(c["id"], c["set_aside"]) for c in asked] == [(aside.pk, "opinion")]


def test_the_list_carries_what_a_queue_row_shows_and_the_detail_the_rest(reviewer_api):
    claim = ClaimFactory(entities=[{"text": "NATO", "label": "ORG"}], hedges=["as many as"])
    SourceFactory(claim=claim)
    row = reviewer_api.get(LIST).json()["results"][0]
    assert list(row) == ["id", "article", "article_title", "text", "claimant", "claimant_type", "checkworthiness",
                         "set_aside", "verdict", "signoff", "version", "assigned_to", "source_count", "created_at",
                         "updated_at"]
    detail = reviewer_api.get(_url(claim)).json()
    assert {key: detail[key] for key in row} == row
    assert detail["quantities"][0]["value"] == 11000 and detail["entities"] == [{"text": "NATO", "label": "ORG"}]
    assert detail["hedges"] == ["as many as"] and detail["sentence"] == claim.sentence
    assert len(detail["sources"]) == 1


def test_a_set_aside_claim_is_readable_by_its_id(reviewer_api):
    """Kept out of the queue is not hidden: the article page links it, so the API answers for it too."""
    claim = ClaimFactory(set_aside="opinion")
    response = reviewer_api.get(_url(claim))
    assert response.status_code == 200 and response.json()["set_aside"] == "opinion"
    assert reviewer_api.get(LIST).json()["results"] == []
