"""A cursor for hand-written hot statements that PostgreSQL should plan once per connection.

Django binds parameters client-side (the SQL text carries the values), so PostgreSQL plans every
query afresh; for the API's claim list, planning a three-table join was nearly half of the
database's work per request (bench/api_parts.py). This cursor binds server-side, and psycopg prepares
a statement once it has run `prepare_threshold` times on the connection (settings:
DATABASE_PREPARE_THRESHOLD). Queries go through Django's cursor wrappers as usual: errors are
Django's, and they are logged and counted.
Elsewhere (SQLite, preparing switched off) it is the ordinary cursor.
"""
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper

# Errors that say "try again later" (database restarting, connection dropped), not "this input is bad":
# tasks retry them with back-off.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


@contextmanager
def prepared_cursor() -> Iterator[CursorWrapper]:
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        with connection.cursor() as cursor:
            yield cursor
        return
    from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg 3 only

    # What connection.cursor() does before it makes a cursor.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = ServerBindingCursor(connection.connection)
    cursor = connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        yield cursor
