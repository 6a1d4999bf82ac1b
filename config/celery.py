"""The Celery application: configured from Django settings (CELERY_* names)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Workers load the sentence encoders at start; their progress bars would fill the log on every start.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

# Every task retries with the back-off of workers/base.py.
app = Celery("verity", task_cls="workers.base:BackoffTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["workers"])
