from tests.verify.api.conftest import norole_api  # noqa: F401  (shared fixture)
