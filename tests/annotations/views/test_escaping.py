"""User text is escaped on every page; nothing a claim or article says can run as script."""
import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = b"&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def hostile_claim():
    text = f"Officials said {SCRIPT} 40 bridges were repaired."
    article = ArticleFactory(title=f"Title {SCRIPT}", publisher=f"Pub {SCRIPT}", cleaned_text=f"Before. {text} After.",
                             raw_content=text)
    claim = ClaimFactory(article=article, text=text, sentence=text, start_char=8, end_char=8 + len(text),
                         claimant=f"Mayor {SCRIPT}", hedges=[SCRIPT], quantities=[{"surface": SCRIPT}])
    SourceFactory(claim=claim, title=f"Source {SCRIPT}", quote=SCRIPT, publisher=SCRIPT)
    return claim


@pytest.mark.parametrize("page", ["queue", "claim", "article", "articles"])
def test_script_in_user_text_renders_escaped(reviewer_client, hostile_claim, page):
    url = {
        "queue": reverse("desk:claim-list"),
        "claim": reverse("desk:claim-detail", args=[hostile_claim.pk]),
        "article": reverse("desk:article-detail", args=[hostile_claim.article_id]),
        "articles": reverse("desk:article-list"),
    }[page]
    response = reviewer_client.get(url)
    assert response.status_code == 200
    assert SCRIPT.encode() not in response.content
    assert ESCAPED in response.content


def test_the_claim_highlight_escapes_each_part_of_the_article_text(reviewer_client, hostile_claim):
    content = reviewer_client.get(reverse("desk:claim-detail", args=[hostile_claim.pk])).content.decode()
    assert '<mark id="claim-mark">Officials said &lt;script&gt;alert(1)&lt;/script&gt; 40 bridges were repaired.</mark>' in content
    assert ">Before. <mark" in content


def test_a_review_rationale_with_markup_is_escaped_in_the_history(reviewer_client, hostile_claim):
    url = reverse("desk:claim-detail", args=[hostile_claim.pk])
    reviewer_client.post(url, {"verdict": "disputed", "rationale": SCRIPT, "version": hostile_claim.version})
    content = reviewer_client.get(url).content
    assert SCRIPT.encode() not in content
    assert ESCAPED in content
