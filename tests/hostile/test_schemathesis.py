"""Property-based testing of every API operation against its OpenAPI schema, with all of schemathesis' checks.

Schemathesis generates valid and invalid requests from the schema /api/schema/ serves (built by the
same drf-spectacular generator here, at collection time, because schemathesis' lazy fixture loader
does not work with pytest 9) and calls the WSGI app in-process, authenticated as an admin (so role
checks do not hide the code behind them). Every response must pass every check schemathesis runs by
default, not only "no server error": the status code is documented, the body and content type match
the schema, valid data is accepted, invalid data (unknown keys included) refused, and a missing or
invalid token gets 401 (schemathesis re-sends the request without it, and with a made-up one).

The run is bounded and reproducible: EXAMPLES_PER_OPERATION examples per operation, derandomized
(one fixed seed), no shrinking; about a minute on 2 cores. The number of cases is printed at the end.

Three allowances, each for a reason a schema cannot express:
- the token endpoint answers 400 to well-formed but wrong credentials (TOKEN_ENDPOINT below);
- the fact-check import takes any JSON as `data` and answers 400 when it holds no ClaimReview data
  (FACT_CHECK_IMPORT below: the accepted shapes are not expressible as one schema); its `url` is
  never fetched here (no_network: tests do not reach the internet);
- the claim list's `cursor` is opaque: only the server's own `next` links hold valid ones, so a cursor
  generated for a request meant to be valid is replaced by a real one (real_cursor); generated cursors
  stay in the requests meant to be invalid, which must get a 400.
"""
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from django.core.management.color import no_style
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings as hypothesis_settings
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from annotations.factchecks.models import FactCheckFeed, PublishedFactCheck
from annotations.matching.models import ClaimMatch, MatchDocument
from annotations.models import Review, Source
from annotations.reports.models import Report, ReportExport, ReportRevision
from config.wsgi import application
from tests.factories import (
    ApiTokenFactory,
    ArticleFactory,
    ClaimFactory,
    ClaimMatchFactory,
    FactCheckFeedFactory,
    FeedFactory,
    MatchDocumentFactory,
    PublishedFactCheckFactory,
    ReportClaimFactory,
    ReportExportFactory,
    ReportFactory,
    ReportItemFactory,
    ReportRevisionFactory,
    ReviewFactory,
    SourceFactory,
)
from verify.ingestion.fetch import FetchConnectionError
from verify.ingestion.models import Feed
from verify.models import Article, Claim, Verdict

EXAMPLES_PER_OPERATION = 20
SEED = 17

# Wrong credentials are not malformed ones, yet the token endpoint answers them 400 "invalid" (DRF's
# obtain_auth_token contract, which clients of this endpoint rely on; the token endpoint is being
# replaced by expiring tokens elsewhere). A schema cannot say which username/password pairs exist, so
# schemathesis' "valid data is accepted" check would count every generated pair as refused valid data:
# here, and only here, 400 is an expected answer to schema-valid data.
TOKEN_ENDPOINT = "/api/auth/token/"
FACT_CHECK_IMPORT = "/api/fact-checks/import/"
CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "operations": [{
        "include-path": TOKEN_ENDPOINT,
        "checks": {"positive_data_acceptance": {"expected-statuses": ["200", "400", "429"]}},
    }, {
        "include-path": FACT_CHECK_IMPORT,
        "checks": {"positive_data_acceptance": {"expected-statuses": ["200", "400"]}},
    }],
})

CLAIM_LIST = "GET /api/claims/"

cases_run = 0


def _openapi_document() -> dict:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


schema = schemathesis.openapi.from_dict(_openapi_document(), config=CONFIG)
schema.app = application  # what from_wsgi sets: calls go to the app in-process


@pytest.fixture(scope="module", autouse=True)
def report_cases_run(request):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and cases_run:
        reporter.write_line(f"schemathesis: {cases_run} cases run, all checks, "
                            f"{EXAMPLES_PER_OPERATION} examples per operation, seed {SEED}")


@pytest.fixture
def auth_header(admin_user) -> dict:
    return {"Authorization": f"Token {ApiTokenFactory(user=admin_user).key}"}


@pytest.fixture
def some_rows(admin_user, settings, tmp_path):
    """One or two rows of everything the API shows, with ids 1-3 (generated ids hit them; PostgreSQL's
    sequences are moved past them afterwards), including the empty and null fields a schema has to allow:
    an article without URL or submitter, unassigned claims, a report without organisation URL, a
    published revision, finished and pending exports, a feed and a suggested match."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pasted = ArticleFactory(id=1, url="", submitted_by=None)
    fetched = ArticleFactory(id=2, url="https://news.example.org/a", submitted_by=admin_user)
    claims = [ClaimFactory(id=1, article=pasted), ClaimFactory(id=2, article=pasted, assigned_to=admin_user),
              ClaimFactory(id=3, article=fetched)]
    for number, claim in enumerate(claims, start=1):
        ReviewFactory(id=number, claim=claim, reviewer=admin_user, verdict=Verdict.VERIFIED)
        SourceFactory(id=number, claim=claim, added_by=admin_user)
    draft = ReportFactory(id=1, org_url="", created_by=admin_user)
    ReportClaimFactory(report=draft, claim=claims[0])
    published = ReportFactory(id=2, org_url="https://factcheck.example.org/", created_by=admin_user)
    ReportClaimFactory(report=published, claim=claims[1])
    revision = ReportRevisionFactory(id=1, report=published)
    ReportItemFactory(revision=revision, claim=claims[1])
    ReportExportFactory(id=1, report=published, done=True)
    ReportExportFactory(id=2, report=draft)
    FeedFactory(id=1)
    PublishedFactCheckFactory(id=1)
    FactCheckFeedFactory(id=1)
    ClaimMatchFactory(id=1, claim=claims[2], document=MatchDocumentFactory(id=1, claim=claims[0]))
    models = [Article, Claim, Review, Source, Report, ReportRevision, ReportExport, Feed, MatchDocument, ClaimMatch,
              PublishedFactCheck, FactCheckFeed]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """A generated `url` for the fact-check import is refused as unreachable instead of fetched."""
    def unreachable(*, url, **kwargs):
        raise FetchConnectionError(f"Could not connect to {url[:60]} (tests do not reach the network).")

    monkeypatch.setattr("annotations.factchecks.services.fetch_url", unreachable)


@pytest.fixture
def keep_test_connection():
    """Calling the WSGI app directly fires request_finished, which would close the test's database
    connection mid-transaction (Django's own test client disconnects this handler the same way)."""
    _detach_connection_closers()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as generated
    suppress_health_check=list(HealthCheck),
)
def test_every_api_operation_answers_as_its_schema_says(case, auth_header, some_rows, keep_test_connection):
    global cases_run
    cases_run += 1
    if case.operation.label == CLAIM_LIST and "cursor" in (case.query or {}) and _meant_valid(case):
        case.query["cursor"] = real_cursor(auth_header, ordering=case.query.get("ordering"))
    # The header is passed to the checks too: schemathesis then knows these credentials are real and
    # checks that the operation refuses the request without them and with invalid ones.
    case.call_and_validate(headers=auth_header)


def _meant_valid(case) -> bool:
    return case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE


def real_cursor(auth_header: dict, *, ordering: str | None) -> str:
    """The cursor of the claim list's second page in `ordering`, as its first page's `next` link gives it."""
    client = APIClient(HTTP_AUTHORIZATION=auth_header["Authorization"])
    first = client.get("/api/claims/", {"page_size": 1, **({"ordering": ordering} if ordering else {})}).json()
    _detach_connection_closers()  # Django's test client connects them again after its request
    return parse_qs(urlsplit(first["next"]).query)["cursor"][0]


def _detach_connection_closers() -> None:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
