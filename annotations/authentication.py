"""API token authentication that reads the caller's role in the same query.

DRF's TokenAuthentication loads the token and its user; the permission check then asks for the
user's groups — a second query on every API request. Here one fixed SQL statement returns the user
and their highest desk role together, and the role is remembered on the user (annotations.roles).
It is plain SQL because it runs on every API request: building the same statement through the ORM
(a subquery ordered by a CASE) cost more than running it.
"""
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from annotations.roles import ROLE_RANK, user_role_remember


@cache  # built from model metadata once per process
def _token_user_sql() -> str:
    user_model = get_user_model()
    user_table, user_pk = user_model._meta.db_table, user_model._meta.pk.column
    membership = user_model.groups.through._meta
    rank = " ".join(f"WHEN '{role}' THEN {level}" for role, level in ROLE_RANK.items())
    names = ", ".join(f"'{role}'" for role in ROLE_RANK)
    return (
        f'SELECT u.*, (SELECT g.name FROM {Group._meta.db_table} g '
        f'JOIN {membership.db_table} m ON m.group_id = g.id '
        f'WHERE m.user_id = u.{user_pk} AND g.name IN ({names}) '
        f'ORDER BY CASE g.name {rank} ELSE 0 END DESC LIMIT 1) AS token_top_role '
        f'FROM {Token._meta.db_table} t JOIN {user_table} u ON u.{user_pk} = t.user_id WHERE t.key = %s'
    )


class RoleTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user = next(iter(get_user_model().objects.raw(_token_user_sql(), [key])), None)
        if user is None:
            raise exceptions.AuthenticationFailed("Invalid token.")
        if not user.is_active:
            raise exceptions.AuthenticationFailed("User inactive or deleted.")
        user_role_remember(user, user.token_top_role)
        return user, Token(key=key, user=user)
