"""Every reviewer page requires login (redirect to the login page) and the reviewer role (403)."""
import pytest
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory()


def _pages(claim):
    return [
        ("get", reverse("desk:claim-list")),
        ("get", reverse("desk:claim-detail", args=[claim.pk])),
        ("post", reverse("desk:claim-detail", args=[claim.pk])),
        ("post", reverse("desk:claim-assign", args=[claim.pk])),
        ("post", reverse("desk:claim-correct", args=[claim.pk])),
        ("post", reverse("desk:claim-reopen", args=[claim.pk])),
        ("get", reverse("desk:article-list")),
        ("get", reverse("desk:article-detail", args=[claim.article_id])),
        ("get", reverse("desk:article-status", args=[claim.article_id])),
        ("get", reverse("desk:article-submit")),
        ("post", reverse("desk:article-submit")),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_page(client, claim):
    for method, url in _pages(claim):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_users_without_a_desk_role_get_403_on_every_page(roleless_client, claim):
    for method, url in _pages(claim):
        response = getattr(roleless_client, method)(url)
        assert response.status_code == 403, url


def test_reviewers_can_open_every_page(reviewer_client, claim):
    for method, url in _pages(claim):
        if method == "get":
            assert reviewer_client.get(url).status_code == 200, url


def test_the_home_page_redirects_to_the_queue(reviewer_client):
    response = reviewer_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:claim-list")


def test_a_reviewer_is_refused_by_the_admin_console(reviewer_client):
    response = reviewer_client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_login_page_renders_the_form(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'for="id_username"' in response.content and b'for="id_password"' in response.content


def test_editors_see_links_to_reports_and_feeds_and_reviewers_to_reports_only(reviewer_client, editor_client):
    editor_page = editor_client.get(reverse("desk:claim-list")).content
    assert b'href="/reports/"' in editor_page and b'href="/feeds/"' in editor_page
    reviewer_page = reviewer_client.get(reverse("desk:claim-list")).content
    assert b'href="/reports/"' in reviewer_page  # reviewers read reports
    assert b'href="/feeds/"' not in reviewer_page


def test_missing_objects_answer_404(reviewer_client):
    assert reviewer_client.get(reverse("desk:claim-detail", args=[999999])).status_code == 404
    assert reviewer_client.get(reverse("desk:article-detail", args=[999999])).status_code == 404
