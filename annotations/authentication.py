"""API token authentication that reads the caller's role in the same query.

DRF's TokenAuthentication loads the token and its user; the permission check then asks for the
user's groups — a second query on every API request. Here one fixed SQL statement returns the user
and their highest desk role together, and the role is remembered on the user (verify.roles).
It is plain SQL because it runs on every API request: building the same statement through the ORM
(a subquery ordered by a CASE) cost more than running it. For the same reason it runs as a prepared
statement (verify.db.prepared_cursor) and the user is built straight from the row (Model.from_db).
Tokens are looked up by the SHA-256 digest of the key and must not have expired
(annotations/apitokens): hashing the key costs about a microsecond, the query stays one index probe.
"""
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models.expressions import Col
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from annotations.apitokens.models import ApiToken
from annotations.apitokens.services import api_token_digest
from verify.roles import ROLE_RANK, user_role_remember
from verify.db import prepared_cursor


@cache  # built from model metadata once per process
def _user_fields() -> tuple[str, ...]:
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


@cache
def _user_converters() -> tuple[tuple[int, Col, tuple], ...]:
    """The database's value converters per user column, as the ORM applies them (SQLite's datetimes
    and booleans need them; PostgreSQL's values arrive ready)."""
    found = []
    for index, field in enumerate(get_user_model()._meta.concrete_fields):
        column = field.get_col(field.model._meta.db_table)
        converters = (*connection.ops.get_db_converters(column), *field.get_db_converters(connection))
        if converters:
            found.append((index, column, converters))
    return tuple(found)


@cache
def _token_user_sql() -> str:
    user_model = get_user_model()
    user_table, user_pk = user_model._meta.db_table, user_model._meta.pk.column
    columns = ", ".join(f"u.{field.column}" for field in user_model._meta.concrete_fields)
    membership = user_model.groups.through._meta
    rank = " ".join(f"WHEN '{role}' THEN {level}" for role, level in ROLE_RANK.items())
    names = ", ".join(f"'{role}'" for role in ROLE_RANK)
    return (
        f'SELECT {columns}, (SELECT g.name FROM {Group._meta.db_table} g '
        f'JOIN {membership.db_table} m ON m.group_id = g.id '
        f'WHERE m.user_id = u.{user_pk} AND g.name IN ({names}) '
        f'ORDER BY CASE g.name {rank} ELSE 0 END DESC LIMIT 1) AS token_top_role, t.id '
        f'FROM {ApiToken._meta.db_table} t JOIN {user_table} u ON u.{user_pk} = t.user_id '
        f'WHERE t.digest = %s AND t.expires_at > %s'
    )


class RoleTokenAuthentication(TokenAuthentication):
    model = ApiToken

    def authenticate_credentials(self, key):
        with prepared_cursor() as cursor:
            cursor.execute(_token_user_sql(), [api_token_digest(key), timezone.now()])
            row = cursor.fetchone()
        if row is None:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        *user_values, top_role, token_id = row
        for index, column, converters in _user_converters():
            for converter in converters:
                user_values[index] = converter(user_values[index], column, connection)
        user = get_user_model().from_db(connection.alias, _user_fields(), user_values)
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        user_role_remember(user, top_role)
        # request.auth: the token's row id (the API's logout revokes it), never the key.
        return user, ApiToken(pk=token_id, user=user)
