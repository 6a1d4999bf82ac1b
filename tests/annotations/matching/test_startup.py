"""Matching keeps its own copy of scikit-learn's English stop words so that starting Django does not
import scikit-learn; the copy must not drift from the list the stored tokens were made with."""
import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS

from annotations.matching.core.stop_words import ENGLISH_STOP_WORDS


def test_stop_word_copy_equals_scikit_learns_list():
    assert ENGLISH_STOP_WORDS == SKLEARN_STOP_WORDS


def test_desk_commands_start_without_scikit_learn_torch_or_spacy():
    code = ("import django, os, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings_test'); "
            "django.setup(); from django.core.management import load_command_class; "
            "[load_command_class('annotations', name) for name in ('createreviewer', 'demo_setup')]; "
            "load_command_class('annotations.reports', 'export_report'); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'torch', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
