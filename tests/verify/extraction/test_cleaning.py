from verify.extraction import clean_text

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
    assert "Officials confirmed the depot burned.\nIt was repaired." in cleaned
    for marker in ("See also", "Share This", "Subscribe", "Discover more", "cookies"):
        assert marker not in cleaned
    assert "Drones hit a depot\n\nThe ministry said" in cleaned


def test_plain_text_footer_lines_are_dropped_and_paragraphs_kept():
    raw = ("Headline\n\nTAGS\n\nFirst  paragraph.\r\n\r\n\r\nSecond paragraph.\n\nCATEGORIES\nTAGS\nShare This\n\n"
           "COMMENTS\n\nWordpress (0)\nDisqus ( )\nRead more\nFollow us on Twitter")
    assert clean_text(raw) == "Headline\n\nFirst paragraph.\n\nSecond paragraph."
