"""/dashboard/ and its CSV downloads: editors and admins only, figures drawn as SVG, bad input 400."""
import csv
import io

import pytest

from tests.annotations.dashboard.desk import build_desk
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_reviewers_are_refused_and_visitors_sent_to_log_in(client, reviewer_client, admin_user):
    assert reviewer_client.get("/dashboard/").status_code == 403
    assert reviewer_client.get("/dashboard/daily.csv").status_code == 403
    assert client.get("/dashboard/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/dashboard/").status_code == 200


def test_the_page_shows_the_totals_and_draws_each_chart(editor_client):
    build_desk()
    response = editor_client.get("/dashboard/?days=30")
    assert response.status_code == 200
    html = response.content.decode()
    totals = response.context["figures"].totals
    assert totals == {"extracted": 4, "finalized": 2, "reviews": 4}
    assert '<p class="total" id="total-extracted">4</p>' in html
    assert '<p class="total" id="median-time">2 h 0 min</p>' in html
    assert html.count("<svg") == 3 and "style=" not in html.split("<svg", 1)[1]
    assert "rita-d" in html and "Earlier: 11,000 troops" in html
    for table in ("daily", "verdicts", "reviewers", "agreement", "repeated"):
        assert f'href="/dashboard/{table}.csv?days=30"' in html


def test_an_empty_desk_says_there_is_no_agreement_to_show(editor_client):
    html = editor_client.get("/dashboard/").content.decode()
    assert 'id="agreement-empty"' in html and 'id="median-time">—<' in html


@pytest.mark.parametrize("days", ["0", "400", "abc", "1e3"])
def test_a_bad_period_answers_400_with_the_reason(editor_client, days):
    response = editor_client.get(f"/dashboard/?days={days}")
    assert response.status_code == 400
    assert "days" in response.content.decode() or "number" in response.content.decode()
    assert editor_client.get(f"/dashboard/daily.csv?days={days}").status_code == 400


def test_each_table_downloads_as_csv(editor_client):
    build_desk()
    response = editor_client.get("/dashboard/reviewers.csv?days=7")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["reviewer", "reviews", "claims", "time spent (minutes)"]
    assert rows[1] == ["rita-d", "3", "3", "14.0"]
    assert editor_client.get("/dashboard/nothing.csv").status_code == 404


def test_user_text_is_escaped_on_the_page_and_defused_in_csv(editor_client):
    from annotations.matching.models import MatchStatus
    from tests.factories import ClaimMatchFactory, MatchDocumentFactory

    earlier = ClaimFactory(text='=HYPERLINK("http://evil.example") <script>alert(1)</script>')
    ClaimMatchFactory(document=MatchDocumentFactory(claim=earlier), status=MatchStatus.CONFIRMED)
    html = editor_client.get("/dashboard/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    rows = list(csv.reader(io.StringIO(editor_client.get("/dashboard/repeated.csv").content.decode("utf-8-sig"))))
    assert rows[1][0].startswith("'=HYPERLINK")
