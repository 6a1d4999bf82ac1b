import pytest

from tests.verify.ingestion.conftest import CITY_TIMES_BODY, CITY_TIMES_CHROME, CITY_TIMES_HTML
from verify.extraction import clean_text
from verify.ingestion.extract import page_extract

HTML = """<html><head><title>x</title><style>p {color: red}</style></head><body>
<script>var tracking = "The army has 5 divisions.";</script>
<h1>Drones hit a depot</h1>
<p>The ministry said 40 drones were launched on Tuesday.</p>
<p>See also <a href="/x">Another story about $51m</a></p>
<p>Officials confirmed   the depot&nbsp;burned.<br>It was repaired.</p>
<div class="share">Share This</div>
<p>Subscribe to get the latest posts sent to your email.</p>
<p>Discover more from Example Outlet</p>
<p>We use cookies to improve your experience.</p>
</body></html>"""


def test_html_is_converted_to_paragraphs_without_script_or_boilerplate():
    cleaned = clean_text(HTML, is_html=True)
    assert "tracking" not in cleaned and "color" not in cleaned
    assert "The ministry said 40 drones were launched on Tuesday." in cleaned
    assert "Officials confirmed the depot burned.\n\nIt was repaired." in cleaned
    for marker in ("See also", "Share This", "Subscribe", "Discover more", "cookies"):
        assert marker not in cleaned


def test_a_news_page_is_cleaned_to_its_story_exactly_as_url_ingestion_reads_it():
    cleaned = clean_text(CITY_TIMES_HTML, is_html=True)

    assert cleaned == "\n\n".join(["Harbour tunnel opens two months early", *CITY_TIMES_BODY])
    assert [chrome for chrome in CITY_TIMES_CHROME if chrome in cleaned] == []
    # One code path: the same page fetched by URL stores trafilatura's text, which cleans the same.
    assert clean_text(page_extract(html=CITY_TIMES_HTML).text) == cleaned


@pytest.mark.parametrize(("fragment", "text"), [
    ("<p>One sentence.</p>", "One sentence."),
    ("<div>Hello <b>world</b></div><style>p {}</style>", "Hello world"),
    ("<p>Caf&eacute; costs &#8364;5 &amp; more.</p>", "Café costs €5 & more."),
    ("<p>The mayor spoke.</p><script>document.write('Secret 42 claims')</script>", "The mayor spoke."),
])
def test_an_html_fragment_becomes_its_plain_text(fragment, text):
    assert clean_text(fragment, is_html=True) == text


@pytest.mark.parametrize("hostile", [
    "",
    "<script>alert('The army has 5 divisions.')</script>",
    "<style>p { content: 'The army has 5 divisions.' }</style><noscript></noscript>",
    "<div>" * 20_000 + "Deep." + "</div>" * 20_000,
    "<p>" + "&#x" * 5_000 + "&bogus; &#0; &#xD800;</p>",
    "<html><body><p>Unclosed <b><i><table><tr><td>cell",
    "<![CDATA[The army has 5 divisions.]]><!-- a comment --><?php echo 1; ?>",
    "\x00<p>\ufeffNull\x00 bytes</p>",
])
def test_hostile_html_never_raises_and_never_yields_script_or_markup(hostile):
    cleaned = clean_text(hostile, is_html=True)
    assert "divisions" not in cleaned and "alert" not in cleaned
    assert "<div" not in cleaned and "<p" not in cleaned and "<script" not in cleaned


def test_plain_text_footer_lines_are_dropped_and_paragraphs_kept():
    raw = ("Headline\n\nTAGS\n\nFirst  paragraph.\r\n\r\n\r\nSecond paragraph.\n\nCATEGORIES\nTAGS\nShare This\n\n"
           "COMMENTS\n\nWordpress (0)\nDisqus ( )\nRead more\nFollow us on Twitter")
    assert clean_text(raw) == "Headline\n\nFirst paragraph.\n\nSecond paragraph."
