"""The retrieval core without a database: numbers rule, normalisation, ranking."""
import numpy as np
import pytest

from annotations.matching.core import Document, Matcher, extract_numbers, numbers_agree
from annotations.matching.core.text import tokenize

TROOPS = "As many as 11,000 North Korean troops could be stationed in the region."


@pytest.mark.parametrize("left,right", [
    ("11,000 troops", "11000 troops"),
    ("11,000 troops", "eleven thousand troops"),
    ("3.5 million people", "3,500,000 people"),
    ("five million bikers", "5 million bikers"),
    ("51m dollars", "51 million dollars"),
])
def test_equal_numbers_written_differently_agree(left, right):
    assert extract_numbers(left) == extract_numbers(right)
    assert numbers_agree(extract_numbers(left), extract_numbers(right))


def test_different_numbers_disagree():
    assert not numbers_agree(extract_numbers("11,000 troops"), extract_numbers("12,000 troops"))
    assert not numbers_agree(frozenset({11000.0}), frozenset({12000.0}))


def test_a_text_without_numbers_agrees_with_any_figure():
    assert numbers_agree(extract_numbers("North Korean troops are in the region"),
                         extract_numbers("11,000 troops are in the region"))


def test_years_ordinals_and_times_are_not_stated_quantities():
    assert extract_numbers("On 24th December 2019 at 10:00 the 1940s film aired") == frozenset()


def test_tokens_fold_thousands_separators_and_plurals():
    assert tokenize("11,000 troops") == tokenize("11000 troop")


def test_other_numbers_are_marked_even_when_the_rest_is_identical():
    matcher = Matcher()
    matcher.add(Document(key="old", text=TROOPS))
    [other] = matcher.search(TROOPS.replace("11,000", "12,000"))
    assert (other.key, other.numbers_agree) == ("old", False)
    assert matcher.search(TROOPS.replace("11,000", "12,000"), numbers_must_agree=True) == []
    found = matcher.search(TROOPS.replace("11,000", "11000"))
    assert [(c.key, c.numbers_agree) for c in found] == [("old", True)]
    assert 0.0 <= other.score < found[0].score <= 1.0


def test_reworded_claim_ranks_first():
    matcher = Matcher()
    matcher.add_many([
        Document(key="troops", text=TROOPS),
        Document(key="jobs", text="The mayor said the city's unemployment rate fell to 4.2% last year."),
        Document(key="vaccines", text="Vaccines cause autism in children, a study claims."),
    ])
    results = matcher.search("Unemployment in the city dropped to 4.2 percent last year, the mayor said.")
    assert results[0].key == "jobs"
    assert all(results[0].score > c.score for c in results[1:])


def test_readding_a_key_replaces_its_text():
    matcher = Matcher()
    matcher.add(Document(key=1, text="Bridges were repaired in the city."))
    matcher.add(Document(key=1, text="Vaccines cause autism in children."))
    assert len(matcher) == 1
    assert matcher.search("bridges repaired") == []
    assert [c.key for c in matcher.search("vaccines autism")] == [1]


def test_removed_documents_are_not_found():
    matcher = Matcher()
    matcher.add(Document(key=1, text="Vaccines cause autism in children."))
    matcher.remove(1)
    assert matcher.search("vaccines autism") == []


def test_tweet_markup_is_cleaned_and_hashtags_and_handles_split_into_words():
    tweet = ("Fires everywhere #AustralianFires pic.twitter.com/0eJtwJyS1J https://t.co/abc "
             "— Center for Bio Div (@CenterForBioDiv) January 14, 2020")
    tokens = tokenize(tweet)
    assert {"australian", "fire", "center", "bio", "div"} <= set(tokens)
    assert not {"pic", "twitter", "co", "0ejtwjys1j", "januari", "14", "2020"} & set(tokens)


def test_snowball_stemming_folds_word_forms():
    assert tokenize("The governors were investigating claims") == tokenize("governor investigates claim")


def test_negations_are_kept_as_terms():
    assert "not" in tokenize("The vaccine is not safe")


def test_a_thousands_group_is_never_read_as_a_smaller_number():
    # "1,300" glued to a word by a hyphen is not a stated "300".
    assert 300.0 not in extract_numbers("a slump of minus-1,300 points")
    assert extract_numbers("1,300 points") == frozenset({1300.0})


def test_scores_are_calibrated_probabilities_ordered_best_first():
    matcher = Matcher()
    matcher.add_many([
        Document(key="troops", text=TROOPS, title="Will 11,000 North Korean Troops Be Stationed?"),
        Document(key="other", text="North Korean officials visited the region."),
    ])
    results = matcher.search("11,000 North Korean troops could be stationed in the region")
    assert [c.key for c in results] == ["troops", "other"]
    assert 0 < results[1].score < results[0].score <= 1.0
    expected = matcher.calibration.probabilities(bm25=np.array([c.bm25 for c in results]), dense=None)
    assert [c.score for c in results] == pytest.approx(expected.tolist())
