import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG

from verify.extraction.attribute_lookup import LookupMatch, attribute_lookup_install
from verify.extraction.nlp import DEFAULT_SPACY_MODEL, configured_model_name, load_nlp
from verify.extraction.segmentation import add_paragraph_boundaries

from tests.verify.extraction.conftest import SAMPLE_ARTICLE

# Every kind of rule the model's attribute ruler has: tag maps, word-and-tag exceptions, several tokens
# ("gon na", "let 's"), regular expressions ("nothin'", "y'all"), NOT_IN tests and space tokens.
TRICKY = ("Y'all ain't gon na believe it: nothin' changed, let's c'mon.  There is a plan, and it gets "
          "what it got. I don't think so; they've said they'd do it.\n\nWhich one? That one, which he saw.")


@pytest.fixture(scope="module")
def stock():
    """The model as spaCy loads it, with the same sentence boundaries as Verity's."""
    model = spacy.load(configured_model_name() or DEFAULT_SPACY_MODEL)
    add_paragraph_boundaries(model)
    return model


def texts() -> list[str]:
    return [SAMPLE_ARTICLE.read_text(encoding="utf-8"), TRICKY, "", "   \n\n  "]


def test_the_lookup_finds_exactly_the_matches_spacys_matcher_finds(stock):
    ruler = stock.get_pipe("attribute_ruler")
    lookup = LookupMatch(ruler)
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(texts()))
    for doc in docs:
        assert lookup(doc) == ruler.match(doc)
    assert len(lookup.matcher) < len(ruler.patterns) / 10  # nearly every rule is looked up


def test_the_pipeline_annotates_every_token_as_the_stock_model_does(stock, nlp):
    columns = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for ours, theirs in zip(nlp.pipe(texts()), stock.pipe(texts())):
        assert (ours.to_array(columns) == theirs.to_array(columns)).all()
        assert [(t.lemma_, str(t.morph), t.pos_) for t in ours] == [(t.lemma_, str(t.morph), t.pos_) for t in theirs]


def test_rules_added_after_installing_are_applied_the_usual_way():
    model = load_nlp(configured_model_name() or DEFAULT_SPACY_MODEL)
    model.get_pipe("attribute_ruler").add([[{"LOWER": "troops"}]], {"LEMMA": "soldier"})
    assert [t.lemma_ for t in model("The troops left.")][1] == "soldier"


def test_installing_twice_changes_nothing(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    match, set_annotations = ruler.match, ruler.set_annotations
    attribute_lookup_install(nlp)
    assert ruler.match is match and ruler.set_annotations is set_annotations
