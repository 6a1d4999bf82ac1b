import pytest

from verify.extraction.nlp import SpacyModelMissing, get_nlp, load_nlp


def test_missing_model_gives_install_hint():
    with pytest.raises(SpacyModelMissing) as error:
        load_nlp("en_core_web_nonexistent_model")
    message = str(error.value)
    assert "en_core_web_nonexistent_model" in message
    assert "pip install en-core-web-nonexistent-model" in message


def test_configured_missing_model_raises(monkeypatch):
    from verify.extraction import nlp as nlp_module

    monkeypatch.setattr(nlp_module, "configured_model_name", lambda: "no_such_model_xyz")
    with pytest.raises(SpacyModelMissing, match="pip install no-such-model-xyz"):
        get_nlp()


def test_model_is_loaded_once(nlp):
    assert get_nlp() is nlp
    assert "verify_paragraph_boundaries" in nlp.pipe_names
