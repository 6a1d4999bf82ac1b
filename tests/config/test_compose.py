"""docker-compose.yml cannot run here (no Docker engine): check it parses and its commands exist."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_the_five_services_with_health_checks():
    services = load_compose()["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= services.keys()
    for name in ("db", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name


def test_app_services_wire_database_and_broker_from_the_environment():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert "SECRET_KEY" in env and "${SECRET_KEY" in env["SECRET_KEY"]  # from the environment, no default


def test_every_app_command_points_at_code_in_the_project():
    services = load_compose()["services"]
    web = services["web"]["command"]
    assert "gunicorn -c config/gunicorn.conf.py config.wsgi:application" in web and "manage.py migrate" in web
    assert (ROOT / "config" / "wsgi.py").exists() and (ROOT / "manage.py").exists()
    assert (ROOT / "config" / "gunicorn.conf.py").exists()
    for name in ("worker", "beat"):
        command = services[name]["command"]
        assert command[:3] == ["celery", "-A", "config"] and command[3] == name
    assert (ROOT / "config" / "celery.py").exists()
    assert (ROOT / "Dockerfile").exists()


def test_images_are_the_pinned_major_versions():
    services = load_compose()["services"]
    assert services["db"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"


def test_workers_serve_the_extraction_and_the_matching_queue():
    """Without -Q a worker consumes every queue in CELERY_TASK_QUEUES (config/settings.py): both."""
    assert "-Q" not in load_compose()["services"]["worker"]["command"]
    embedded = (ROOT / "verify" / "management" / "commands" / "runembedded.py").read_text()
    assert '"worker"' in embedded and '"-Q"' not in embedded
