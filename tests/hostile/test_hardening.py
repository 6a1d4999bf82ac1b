"""Production settings pass Django's deployment checklist; every page carries the security headers."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DEBUG": "false",
    "SECRET_KEY": "k3y-" + "x7Qp9zR2mW4vL8nB1cT6yH3jF5dS0aG" * 2,  # 60+ varied characters, test-only
    "ALLOWED_HOSTS": "verity.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://verity.example.org",
    "VERIFY_SITE_URL": "https://verity.example.org",
}


def run_manage(*args, extra_env=None):
    env = {key: value for key, value in os.environ.items()
           # DJANGO_ALLOW_ASYNC_UNSAFE may be left by browser tests in this process; never in deployment.
           if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(PRODUCTION_ENV, **(extra_env or {}))
    # The repo's .env (written by `make run`) may say DEBUG=true; the environment wins over it.
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_security_deployment_checks_pass_with_production_settings():
    result = run_manage("check", "--deploy", "--tag", "security", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_passes_with_production_settings():
    """The whole checklist, as an operator runs it (also catches other apps' warnings)."""
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_about_a_loopback_site_address():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        extra_env={"VERIFY_SITE_URL": "http://127.0.0.1:8000"})
    assert result.returncode != 0 and "reports.W001" in result.stdout + result.stderr


def test_check_deploy_catches_a_weak_production_setting():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        extra_env={"SESSION_COOKIE_SECURE": "false"})
    assert result.returncode != 0
    assert "security.W012" in result.stdout + result.stderr


def test_production_settings_values():
    code = ("from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.X_FRAME_OPTIONS, s.SESSION_COOKIE_HTTPONLY, "
            "s.CSRF_COOKIE_HTTPONLY, s.SECURE_REFERRER_POLICY, s.SECURE_PROXY_SSL_HEADER)")
    result = run_manage("shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "True", "True", "31536000", "DENY", "True", "True", "same-origin",
                                     "('HTTP_X_FORWARDED_PROTO',", "'https')"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/claims/", "/api/claims/"])
def test_pages_carry_a_strict_content_security_policy_and_security_headers(client, reviewer, path):
    client.force_login(reviewer)
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'", "no inline or third-party scripts"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_use_no_inline_scripts_or_styles_the_policy_would_block(client, reviewer):
    """JSON-LD data blocks are allowed: CSP does not apply to non-script types."""
    client.force_login(reviewer)
    for path in ["/accounts/login/", "/claims/", "/articles/", "/submit/"]:
        content = Client().get("/accounts/login/").content.decode() if path == "/accounts/login/" \
            else client.get(path).content.decode()
        for fragment in ("<style", " style=\"", " onclick=", " onload=", "javascript:"):
            assert fragment not in content, (path, fragment)
        scripts = content.split("<script")[1:]
        for script in scripts:
            opening = script.split(">", 1)[0]
            assert "src=" in opening or 'type="application/ld+json"' in opening, (path, opening)


def test_session_and_csrf_cookies_are_http_only(client, db):
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"]
