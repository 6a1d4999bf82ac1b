"""`manage.py ingest PATH|-|URL`: submit an article from a file (.txt/.md/.html/.pdf/.docx), standard
input, or a web page fetched by a worker."""
import json
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from verify import selectors
from verify.lifecycle import article_run_here, article_submit
from verify.models import Article, ArticleStatus
from verify.serializers import ArticleSerializer, ClaimSerializer


class Command(BaseCommand):
    help = "Submit an article (text or HTML file, or - for standard input) and extract its claims."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .txt/.html file, - to read standard input, or an http(s):// URL to fetch.")
        parser.add_argument("--title", default="")
        parser.add_argument("--url", default="")
        parser.add_argument("--publisher", default="")
        parser.add_argument("--json", action="store_true", help="Print the article and its claims as JSON.")
        parser.add_argument("--no-wait", action="store_true", help="Return once queued; do not wait.")
        parser.add_argument("--timeout", type=float, default=300.0, help="Seconds to wait for a worker.")
        parser.add_argument("--pickup-timeout", type=float, default=10.0,
                            help="Seconds to wait for a worker to start on the article; after that it is "
                                 "processed in this process instead.")

    def handle(self, *args, **options):
        path = options["path"]
        try:
            if path.startswith(("http://", "https://")):
                # A worker fetches the page (SSRF-checked), then it is processed as usual.
                result = article_submit(kind=Article.SourceKind.URL, url=path, title=options["title"])
            else:
                # Read like an upload: .pdf and .docx too, the type decided by the content.
                result = article_submit(
                    kind=Article.SourceKind.FILE, data=self._read(path),
                    filename="" if path == "-" else Path(path).name, title=options["title"], url=options["url"],
                    publisher=options["publisher"],
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        article = result.article
        if result.enqueued is False:
            self.stderr.write("The task queue is unavailable; the article is saved as pending and will be "
                              "processed when it is back.")
        elif not options["no_wait"] and not settings.CELERY_TASK_ALWAYS_EAGER:
            article = self._wait(article, timeout=options["timeout"], pickup_timeout=options["pickup_timeout"])
        article.refresh_from_db()
        self._report(article, as_json=options["json"], created=result.created)

    def _read(self, path: str) -> bytes:
        if path == "-":
            return sys.stdin.buffer.read()
        try:
            return Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc

    def _wait(self, article: Article, *, timeout: float, pickup_timeout: float) -> Article:
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            article.refresh_from_db()
            if article.status in (ArticleStatus.DONE, ArticleStatus.FAILED):
                return article
            if article.status == ArticleStatus.PENDING and time.monotonic() - started >= pickup_timeout:
                # Scripts keep working without a worker: do the work here, and say so.
                self.stderr.write(f"No worker picked article {article.pk} up within {pickup_timeout:g} s; "
                                  "processing it in this process.")
                return article_run_here(article_id=article.pk)
            time.sleep(0.25)
        raise CommandError(f"Article {article.pk} is still {article.status} after {timeout:.0f}s; "
                           "is a worker running?")

    def _report(self, article: Article, *, as_json: bool, created: bool) -> None:
        claims = selectors.article_claims(article=article)
        if as_json:
            payload = {"article": ArticleSerializer(article).data, "claims": ClaimSerializer(claims, many=True).data}
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        else:
            verb = "Stored" if created else "Already stored as"
            self.stdout.write(f"{verb} article {article.pk} ({article.status}), {claims.count()} claims.")
            if article.skipped_reason:  # say why there are no claims (language, duplicate)
                self.stdout.write(article.skipped_reason)
            for claim in claims:
                self.stdout.write(f"  [{claim.checkworthiness:.2f}] {claim.text}")
        if article.status == ArticleStatus.FAILED:
            raise CommandError(f"Processing failed: {article.error}")
