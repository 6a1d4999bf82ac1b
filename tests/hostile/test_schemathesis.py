"""Property-based fuzzing of every API operation from the OpenAPI schema: no input gets a 5xx.

Schemathesis generates valid and invalid requests from the schema /api/schema/ serves (built by
the same drf-spectacular generator here, at collection time, because schemathesis' lazy fixture
loader does not work with pytest 9) and calls the WSGI app in-process, authenticated as an admin (so role checks do not hide the code behind them). The
examples per operation are bounded and derandomized so the run is reproducible and < 2 minutes.
"""
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests.factories import ApiTokenFactory, ArticleFactory, ClaimFactory, ReviewFactory, SourceFactory

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def auth_header(admin_user) -> dict:
    return {"Authorization": f"Token {ApiTokenFactory(user=admin_user).key}"}


@pytest.fixture
def some_rows(admin_user):
    # Objects with small ids, so that generated ids sometimes hit real rows and not only 404s.
    article = ArticleFactory()
    for _ in range(3):
        claim = ClaimFactory(article=article)
        ReviewFactory(claim=claim, reviewer=admin_user)
        SourceFactory(claim=claim, added_by=admin_user)


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_finished, which would close the test's database
    connection mid-transaction (Django's own test client disconnects this handler the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _openapi_document() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_openapi_document())
schema.app = application  # what from_wsgi sets: calls go to the app in-process


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a 5xx is reported as generated
    suppress_health_check=list(HealthCheck),
)
def test_no_api_operation_answers_a_server_error(case, auth_header, some_rows, keep_test_connection):
    response = case.call(headers=auth_header)
    case.validate_response(response, checks=[not_a_server_error])
