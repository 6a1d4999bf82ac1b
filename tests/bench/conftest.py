"""The benchmark smoke tests work in databases named after the test database itself
(`test_h_sec` → `test_h_sec_bench_parts`), so a test run never drops a database it did not make."""
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import benchdb  # noqa: E402  (bench/ is not a package)


@pytest.fixture
def bench_database_url(django_db_setup, django_db_blocker):
    """Gives `<test database>_bench_<purpose>` on the test server; drops each one afterwards."""
    from django.db import connection

    test_database = urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{connection.settings_dict['NAME']}")
    made = []

    def make(purpose: str) -> str:
        made.append(benchdb.bench_database_url(test_database.geturl(), purpose))
        return made[-1]

    yield make
    for url in made:
        benchdb.drop_database(url)
