"""User text with `<script>` is shown escaped on every page and in every export, never executed.

The hostile strings go everywhere a user (or an article) can put text: the article title and
publisher, the claim text, claimant and sentence, a review rationale, a source title and quote.
"""
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory
from verify.models import Verdict

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('xss')</script>"
BREAKOUT = "</script><script>alert('breakout')</script>"
RAW_MARKERS = ("<script>alert(", "</script><script>")


@pytest.fixture
def hostile_claim(reviewer):
    article = ArticleFactory(title=f"Title {PAYLOAD}", publisher=f"Pub {BREAKOUT}",
                             url="https://example.org/a?<script>", published_at=timezone.now())
    claim = ClaimFactory(article=article, text=f"Claim {PAYLOAD}", claimant=f"Claimant {BREAKOUT}",
                         sentence=f"Sentence {PAYLOAD}", verdict=Verdict.DISPUTED,
                         entities=[{"text": PAYLOAD, "label": "ORG", "start": 0, "end": 5}])
    ReviewFactory(claim=claim, reviewer=reviewer, verdict=Verdict.DISPUTED, rationale=f"Because {PAYLOAD}")
    SourceFactory(claim=claim, added_by=reviewer, title=f"Source {BREAKOUT}", quote=f"Quote {PAYLOAD}",
                  publisher="<img src=x onerror=alert(1)>")
    return claim


@pytest.fixture
def browser(editor):
    client = Client()
    client.force_login(editor)
    return client


def assert_escaped(content: str, where: str) -> None:
    for marker in RAW_MARKERS:
        assert marker not in content, f"unescaped {marker!r} in {where}"
    assert "<img src=x onerror" not in content, f"unescaped <img> in {where}"


def test_every_page_showing_the_claim_escapes_its_text(browser, hostile_claim):
    claim = hostile_claim
    pages = ["/claims/", f"/claims/{claim.pk}/", "/articles/", f"/articles/{claim.article_id}/",
             "/claims/?q=Claim", f"/claims/?q={PAYLOAD}"]
    for url in pages:
        response = browser.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert_escaped(content, url)
    detail = browser.get(f"/claims/{claim.pk}/").content.decode()
    assert "&lt;script&gt;alert(" in detail, "the hostile text is shown (escaped), not dropped"


def test_the_api_returns_the_text_as_data_with_a_json_content_type(reviewer_api, hostile_claim):
    response = reviewer_api.get(f"/api/claims/{hostile_claim.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["text"] == f"Claim {PAYLOAD}"
    assert response["X-Content-Type-Options"] == "nosniff"


def _report_with(claim, editor):
    services = pytest.importorskip("annotations.reports.services")
    return services, services.report_create(title=f"Report {PAYLOAD}", summary=f"Summary {BREAKOUT}",
                                            created_by=editor, claim_ids=[claim.pk])


def test_every_report_export_escapes_user_text(hostile_claim, editor):
    services, report = _report_with(hostile_claim, editor)
    from annotations.reports.renderers import FORMATS

    for fmt in FORMATS:
        rendered = services.report_render(report=report, fmt=fmt, draft=True)
        if fmt == "pdf":
            assert rendered.content.startswith(b"%PDF")
            continue
        content = rendered.content.decode("utf-8-sig")
        if fmt == "csv":
            # CSV is data for spreadsheets: the text is kept verbatim (formula cells are the renderer's tests).
            assert "Claim <script>" in content
            continue
        if fmt == "claimreview":
            data = json.loads(content)  # valid JSON carrying the text as data
            assert PAYLOAD in json.dumps(data, ensure_ascii=False)
            # A standalone .json file is not HTML; where pages embed it, the page test checks it.
            continue
        if fmt == "md":
            # CommonMark: a backslash before "<" makes it literal text, never a tag.
            assert not re.search(r"(?<!\\)<(script|/script|img)", content), "unescaped tag in the md export"
            assert "\\<script\\>" in content
            continue
        assert_escaped(content, f"the {fmt} export")


def test_report_pages_escape_user_text(browser, hostile_claim, editor):
    services, report = _report_with(hostile_claim, editor)
    for url in ["/reports/", f"/reports/{report.pk}/", f"/r/{report.slug}/"]:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode(), url)
    services.report_publish(report=report, actor=editor)
    public = Client().get(f"/r/{report.slug}/")
    assert public.status_code == 200
    content = public.content.decode()
    assert_escaped(content, "the public permalink")
    claim_page = Client().get(f"/r/{report.slug}/claims/{hostile_claim.pk}/")
    assert claim_page.status_code == 200
    content = claim_page.content.decode()
    assert_escaped(content, "the public claim page")
    embedded = content.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "alert('breakout')" in json.dumps(json.loads(embedded)), "the JSON-LD block is whole"
