import pytest
from django.core.exceptions import ValidationError

from verify.content import content_hash, content_is_html, content_validate, text_from_bytes
from verify.language import language_detect


def test_utf8_with_bom_is_decoded():
    assert text_from_bytes(data="Zelensky said 11,000.".encode("utf-8-sig")) == "Zelensky said 11,000."


def test_windows_1252_falls_back_instead_of_failing():
    assert text_from_bytes(data="caf\xe9 \u201cquoted\u201d".encode("cp1252")) == "caf\xe9 \u201cquoted\u201d"


def test_binary_upload_is_refused_with_a_reason():
    with pytest.raises(ValidationError, match="binary"):
        text_from_bytes(data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize("raw", ["", "   \n\t  "])
def test_empty_content_is_refused(raw):
    with pytest.raises(ValidationError, match="empty"):
        content_validate(raw_content=raw)


def test_content_over_the_limit_is_refused(settings):
    settings.VERIFY_MAX_ARTICLE_CHARS = 100
    with pytest.raises(ValidationError, match="limit is 100"):
        content_validate(raw_content="x" * 101)


def test_control_character_soup_is_refused_as_binary():
    with pytest.raises(ValidationError, match="binary"):
        content_validate(raw_content="\x01\x02\x03\x04" * 100)


def test_hash_ignores_line_endings_and_outer_whitespace():
    assert content_hash(raw_content="a\r\nb\n") == content_hash(raw_content="  a\nb")
    assert content_hash(raw_content="a b") != content_hash(raw_content="a  b")


def test_html_is_sniffed():
    assert content_is_html(raw_content="<html><body><p>Hi</p></body></html>")
    assert not content_is_html(raw_content="Troops numbered 3 < 5 in the report.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ministry said that the troops were moved to the region on Monday.", "en"),
        ("Der Minister sagte, dass die Truppen nicht in der Region sind und auch nicht kommen.", "de"),
        ("Le ministre a dit que les troupes sont dans la région pour une mission.", "fr"),
        ("Міністр заявив, що війська перебувають у регіоні.", "uk"),
        ("Министр заявил, что войска находятся в регионе.", "ru"),
        ("12 345", "und"),
    ],
)
def test_language_is_detected(text, language):
    assert language_detect(text=text) == language
