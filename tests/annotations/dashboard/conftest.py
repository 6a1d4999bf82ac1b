from tests.annotations.views.conftest import editor_client, reviewer_client  # noqa: F401
