"""Reading ClaimReview data: every accepted shape, and bad input refused as a whole or item by item."""
import json
from datetime import date
from pathlib import Path

import pytest

from annotations.factchecks.parse import MAX_DEPTH, FactCheckDataError, fact_checks_parse, json_load

FIXTURES = Path(__file__).parent / "fixtures"


def _fixture(name: str):
    return json_load(content=(FIXTURES / name).read_bytes(), max_bytes=1_000_000)


def test_a_single_claim_review_keeps_publisher_rating_url_date_and_claimant():
    [item] = fact_checks_parse(_fixture("single.json")).items
    assert item.review_url == "https://harbourcheck.example.net/checks/north-korean-troops"
    assert item.publisher_name == "Harbour Fact Check"
    assert item.publisher_url == "https://harbourcheck.example.net/"
    assert item.claim_reviewed == "11,000 North Korean troops are stationed in the region."
    assert item.claimant == "A regional governor"
    assert (item.rating_text, item.rating_value, item.rating_best, item.rating_worst) == ("Mostly false", 2, 5, 1)
    assert item.date_published == date(2024, 3, 5)
    assert item.language == "en"


def test_a_data_feed_imports_valid_items_and_reports_the_refused_with_reasons():
    result = fact_checks_parse(_fixture("datafeed.json"))
    assert [i.review_url for i in result.items] == ["https://lighthouse.example.org/fc/1",
                                                    "https://lighthouse.example.org/fc/2"]
    assert result.items[0].date_published == date(2024, 1, 10)
    reasons = {r.position: r.reason for r in result.rejected}
    assert reasons == {3: "The claim reviewed is missing.", 4: "The review URL is not an http:// or https:// address."}


def test_the_fact_check_tools_format_takes_claim_fields_from_the_claim():
    result = fact_checks_parse(_fixture("factcheck_tools.json"))
    assert [(i.publisher_name, i.rating_text, i.language) for i in result.items] == [
        ("Delta Verifica", "False", "en"), ("Norte Checa", "Falso", "es")]
    assert {i.claimant for i in result.items} == {"A viral post"}
    assert result.items[0].date_published == date(2023, 11, 4)
    assert [r.position for r in result.rejected] == [3]  # the claim without reviews


def test_a_graph_takes_only_its_claim_reviews():
    [item] = fact_checks_parse(_fixture("graph.json")).items
    assert item.publisher_name == "Harbour Fact Check" and item.rating_value == 4 and item.rating_best == 5


def test_a_list_of_claim_reviews_is_read_and_a_repeated_url_refused():
    single = _fixture("single.json")
    result = fact_checks_parse([single, single, "not an object"])
    assert len(result.items) == 1
    assert [r.reason for r in result.rejected] == ["The same review URL appears earlier in this data.",
                                                   "Not a JSON object."]


def test_an_item_without_a_rating_or_publisher_is_refused():
    single = _fixture("single.json")
    no_rating = {**single, "reviewRating": {}}
    no_publisher = {**single, "url": "https://harbourcheck.example.net/other", "author": None}
    result = fact_checks_parse([no_rating, no_publisher])
    assert [r.reason for r in result.rejected] == [
        "It has no rating (reviewRating.alternateName or ratingValue).", "The publisher's name is missing."]


def test_hostile_strings_are_refused_or_cleaned():
    single = _fixture("single.json")
    nul = {**single, "claimReviewed": "troops\x00"}
    huge = {**single, "url": "https://harbourcheck.example.net/huge", "claimReviewed": "x" * 6000}
    controls = {**single, "url": "https://harbourcheck.example.net/ctl", "claimReviewed": "11,000\x1b[31m troops\u200b",
                "headline": "t" * 900, "inLanguage": "<script>"}
    result = fact_checks_parse([nul, huge, controls])
    assert [r.reason for r in result.rejected] == ["The claim reviewed contains a null character.",
                                                   "The claim reviewed is 6,000 characters; the limit is 5,000."]
    [item] = result.items
    assert "\x1b" not in item.claim_reviewed and len(item.title) == 500 and item.language == ""


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"{not json", "not JSON"),
    (b"   ", "empty"),
    (b"[" * 5000 + b"]" * 5000, f"deeper than {MAX_DEPTH}"),
    (b"x" * 2000, "the limit is 1,000"),
])
def test_unreadable_input_is_refused_as_a_whole(content, message):
    with pytest.raises(FactCheckDataError, match=message):
        fact_checks_parse(json_load(content=content, max_bytes=1000 if len(content) == 2000 else 1_000_000))


@pytest.mark.parametrize("data", [{"hello": "world"}, 42, [], {"@graph": [{"@type": "WebPage"}]}, "ClaimReview"])
def test_json_of_the_wrong_shape_is_refused_as_a_whole(data):
    with pytest.raises(FactCheckDataError, match="No ClaimReview data found"):
        fact_checks_parse(json.loads(json.dumps(data)))


def test_deep_but_parseable_nesting_is_refused():
    data = {"@type": "ClaimReview"}
    for _ in range(MAX_DEPTH + 2):
        data = {"item": data}
    with pytest.raises(FactCheckDataError, match="deeper"):
        fact_checks_parse(data)
