"""prepared_cursor: hot statements are prepared once per connection on PostgreSQL, and still logged."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from verify.db import prepared_cursor

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s + 1 AS answer /* verity prepared_cursor test */"


def _run(value: int) -> int:
    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, [value])
        return cursor.fetchone()[0]


def test_statements_return_their_rows_and_are_logged_like_any_query():
    with CaptureQueriesContext(connection) as queries:
        assert [_run(value) for value in range(3)] == [1, 2, 3]

    assert len(queries.captured_queries) == 3


def test_postgresql_prepares_the_statement_after_the_threshold_runs():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; other databases get their ordinary cursor")
    threshold = connection.settings_dict["OPTIONS"]["prepare_threshold"]

    for value in range(threshold + 1):
        assert _run(value) == value + 1

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                       ["%verity prepared_cursor test%"])
        assert cursor.fetchone()[0] == 1
