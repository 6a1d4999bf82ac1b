"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi:application`.

The application is loaded once in the parent (preload_app) with the claim matching encoder and
snapshot (annotations.matching.index.preload_before_fork), so the web workers it forks share those
pages instead of each loading its own copy (bench/README.md, claim matching at scale).
"""
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
preload_app = True


def when_ready(server) -> None:  # in the parent, after the application is loaded, before the forks
    from annotations.matching.index import preload_before_fork  # the application is loaded by now

    preload_before_fork()
