"""manage.py import_fact_checks: a file is imported and refusals printed; bad input is a CommandError."""
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from annotations.factchecks.models import ImportSource, PublishedFactCheck

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def test_a_file_is_imported_and_refusals_reported():
    out, err = StringIO(), StringIO()
    call_command("import_fact_checks", str(FIXTURES / "factcheck_tools.json"), stdout=out, stderr=err)
    assert "2 new" in out.getvalue() and "item 3: refused" in err.getvalue()
    assert set(PublishedFactCheck.objects.values_list("source", flat=True)) == {ImportSource.COMMAND}


def test_a_bad_file_is_a_command_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff not utf-8")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_fact_checks", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_fact_checks", str(tmp_path / "missing.json"))
