"""Error pages: JSON under /api/, the site layout elsewhere, and a 403 that says which role is needed."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_unknown_api_path_answers_json_in_the_api_error_shape(reviewer_api):
    response = reviewer_api.get("/api/no-such-endpoint/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "No API endpoint at this path.", "code": "not_found"}


def test_an_unknown_api_path_answers_json_without_a_login_too(client):
    response = client.get("/api/nothing/here/")

    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_request_django_refuses_under_the_api_answers_json_400(client):
    response = client.get("/api/me/", HTTP_HOST="not-an-allowed-host.example")

    assert response.status_code == 400
    assert response.json() == {"detail": "The request could not be read.", "code": "bad_request"}
    assert client.get("/claims/", HTTP_HOST="not-an-allowed-host.example")["Content-Type"].startswith("text/html")


def test_an_unknown_page_outside_the_api_stays_an_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_reviewer_refused_an_editor_page_is_told_their_role(client, reviewer):
    client.force_login(reviewer)

    response = client.get("/feeds/")

    assert response.status_code == 403
    content = response.content.decode()
    assert "You need the editor role (or higher) for this." in content and "<strong>reviewer</strong>" in content
    assert 'class="topbar"' in content  # the site's layout, not a bare "403 Forbidden"


def test_the_favicon_is_linked_from_every_page_and_served_at_the_usual_path(client, reviewer):
    client.force_login(reviewer)

    page = client.get(reverse("desk:claim-list")).content.decode()
    redirect = client.get("/favicon.ico")

    assert 'rel="icon"' in page and "favicon.svg" in page
    assert redirect.status_code == 301 and redirect["Location"].endswith("verify/favicon.svg")
