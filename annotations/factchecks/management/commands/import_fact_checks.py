"""manage.py import_fact_checks FILE|URL — import other fact-checkers' ClaimReview JSON; or
--subscribe URL to poll it periodically. Thin: the services parse, check, store and index."""
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from annotations.factchecks import feeds, services
from annotations.factchecks.models import ImportSource
from annotations.factchecks.parse import FactCheckDataError


class Command(BaseCommand):
    help = "Import ClaimReview JSON (a file, or an http(s) URL fetched SSRF-safe) into 'checked before?'."

    def add_arguments(self, parser):
        parser.add_argument("source", help="A file path, or an http:// or https:// URL.")
        parser.add_argument("--subscribe", action="store_true",
                            help="Register the URL as a feed polled periodically instead of importing it once.")
        parser.add_argument("--interval", type=int, default=360, help="With --subscribe: minutes between polls.")

    def handle(self, *args, source: str, subscribe: bool, interval: int, **options):
        is_url = source.startswith(("http://", "https://"))
        try:
            if subscribe:
                if not is_url:
                    raise CommandError("--subscribe takes an http:// or https:// URL.")
                feed = feeds.fact_check_feed_register(url=source, poll_interval_minutes=interval)
                self.stdout.write(f"Subscribed to {feed.url} (every {feed.poll_interval_minutes} minutes).")
                return
            if is_url:
                outcome = services.fact_checks_import_url(url=source, source=ImportSource.COMMAND)
            else:
                path = Path(source)
                if not path.is_file():
                    raise CommandError(f"No such file: {source}")
                outcome = services.fact_checks_import(content=path.read_bytes(), source=ImportSource.COMMAND,
                                                      source_detail=path.name)
        except (FactCheckDataError, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        for rejected in outcome.rejected:
            self.stderr.write(f"item {rejected.position}: refused: {rejected.reason}")
        self.stdout.write(f"{outcome.created} new, {outcome.updated} updated, {outcome.unchanged} unchanged, "
                          f"{len(outcome.rejected)} refused.")
