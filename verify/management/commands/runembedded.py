"""`make run`: the web server and a Celery worker (with beat) together, stopped together.

On the embedded default the broker is a folder (CELERY_EMBEDDED_BROKER_DIR), so this is the whole of
production on one machine: submissions return at once and the worker processes them in the background.
"""
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

WORKER_LOG = Path(settings.BASE_DIR) / "var" / "worker.log"


class Command(BaseCommand):
    help = "Serve the web UI and run a Celery worker (with beat) beside it until either stops or Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        WORKER_LOG.parent.mkdir(parents=True, exist_ok=True)
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--beat",
             "--schedule", str(WORKER_LOG.with_name("celerybeat-schedule")), "--concurrency", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel", "INFO", "--logfile", str(WORKER_LOG)],
            cwd=settings.BASE_DIR)
        web = subprocess.Popen([sys.executable, "manage.py", "runserver", options["addrport"]], cwd=settings.BASE_DIR)
        self.stdout.write(f"Worker started (log: {WORKER_LOG}); web server on http://{options['addrport']}/")
        # A TERM (docker stop, timeout, a supervisor) stops both, as Ctrl+C does.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while worker.poll() is None and web.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in (web, worker):
                if process.poll() is None:
                    process.terminate()
            for process in (web, worker):
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        if worker.returncode not in (0, None, -signal.SIGTERM):
            self.stderr.write(f"The worker stopped (exit {worker.returncode}); see {WORKER_LOG}.")
