"""spaCy's matrix products through numpy's BLAS, on one thread: the same model, a third less CPU on
some processors.

thinc multiplies with the BLIS library it bundles, which picks its kernels by recognising the CPU. On
one it does not know (an AMD Zen 4, family 25, model 17) it falls back to portable C, and the products
in the embedding and hidden layers become a quarter of the pipeline's time. numpy's OpenBLAS picks
vector kernels by the instructions the CPU has, so it is fast on this one too (on a CPU that BLIS
recognises the two should be of a kind; not measured). Limited to one thread: a worker process is one core (several processes share the machine), and
on matrices this small a second OpenBLAS thread bought 10 % of wall time for 45 % more CPU.

The parser's and entity recogniser's own step-by-step products stay in BLIS (compiled into spaCy).
Every token's annotation is unchanged (tests/verify/extraction/test_attribute_lookup.py compares the
whole pipeline with the stock one); bench/README.md has the timings.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

if TYPE_CHECKING:
    from spacy.language import Language

# One instance: its only state is the choice of BLAS.
NUMPY_BLAS_OPS = NumpyOps(use_blis=False)


def model_layers(nlp: "Language") -> Iterator[Model]:
    """Every layer of every component's model (rule-based components, such as the attribute ruler, the
    lemmatizer and the sentence rules, have none)."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            yield from model.walk()


def numpy_blas_install(nlp: "Language") -> None:
    """Give every layer of every component's model numpy's BLAS, and keep that BLAS on one thread in
    this process. Idempotent."""
    threadpool_limits(limits=1, user_api="blas")
    for layer in model_layers(nlp):
        layer.ops = NUMPY_BLAS_OPS
