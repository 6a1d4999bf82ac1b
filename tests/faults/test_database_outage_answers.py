"""During a PostgreSQL outage the web app answers 503s that say so: JSON with Retry-After under /api/,
a plain page elsewhere; never Django's HTML 500. The outage is a loopback proxy in front of the
shared server, cut and restored by the test (the server itself is never touched)."""
import json
import time

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from tests.factories import UserFactory
from tests.faults.conftest import wait_for
from tests.faults.proxy import TcpProxy

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def database_proxy(transactional_db):
    """This process's database connection goes through a proxy the test can cut."""
    if connection.vendor != "postgresql":
        from tests.conftest import require

        require(False, "the database outage test needs PostgreSQL (DATABASE_URL)")
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(target_host=original[0] or "127.0.0.1", target_port=int(original[1] or 5432)).start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(proxy.port)
    yield proxy
    proxy.stop()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = original


def test_a_database_outage_answers_503_json_with_retry_after_on_the_api_and_a_plain_503_page(database_proxy):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role="reviewer"))
    assert client.get("/api/claims/").status_code == 200  # through the proxy

    database_proxy.cut()
    api = client.get("/api/claims/")
    page = client.get("/claims/")

    assert api.status_code == 503, api.content[:300]
    assert api["Content-Type"].startswith("application/json")
    assert int(api["Retry-After"]) > 0
    assert json.loads(api.content)["code"] == "service_unavailable"
    assert page.status_code == 503, page.content[:300]
    assert page["Content-Type"].startswith("text/html") and int(page["Retry-After"]) > 0
    assert b"temporarily unavailable" in page.content and b"Server Error" not in page.content

    database_proxy.restore()
    restored_at = time.monotonic()

    def answers() -> bool:
        # What a server does at the start of every request (Django's test client leaves it out): a
        # connection that failed is dropped, and the request opens a new one.
        close_old_connections()
        return client.get("/api/claims/").status_code == 200

    wait_for(answers, timeout=30, interval=0.1, message="the API to answer again")
    print(f"\n[recovery] API back {time.monotonic() - restored_at:.2f} s after the database came back")
