from threadpoolctl import threadpool_info

from verify.extraction.matrix_ops import NUMPY_BLAS_OPS, model_layers, numpy_blas_install

TEXTS = ["The agency said 11,000 troops had left.", "Nothing here."]


def test_every_layer_of_the_loaded_pipeline_multiplies_through_numpys_blas(nlp):
    layers = list(model_layers(nlp))
    assert layers and all(layer.ops is NUMPY_BLAS_OPS for layer in layers)
    assert NUMPY_BLAS_OPS.use_blis is False


def test_numpys_blas_runs_on_one_thread_once_a_pipeline_is_loaded(nlp):
    blas = [library for library in threadpool_info() if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)


def test_installing_twice_changes_nothing(nlp):
    before = [doc.to_json() for doc in nlp.pipe(TEXTS)]
    numpy_blas_install(nlp)
    assert all(layer.ops is NUMPY_BLAS_OPS for layer in model_layers(nlp))
    assert [doc.to_json() for doc in nlp.pipe(TEXTS)] == before
