"""`manage.py demo_setup`: a demo reviewer and the fictional sample article, for a first look."""
import secrets
from pathlib import Path

from django.core.management.base import BaseCommand

import verify
from annotations.services import user_create_with_role
from verify.lifecycle import article_submit
from verify.models import Article, ArticleStatus
from verify.roles import REVIEWER, ROLES

SAMPLE_ARTICLE = Path(verify.__file__).resolve().parent / "sample_data" / "sample_article.txt"


class Command(BaseCommand):
    help = "Create the demo reviewer (printing its password) and load the sample article."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", help="Use this password instead of a random one.")
        parser.add_argument("--role", choices=ROLES, default=REVIEWER)

    def handle(self, *args, **options):
        password = options["password"] or secrets.token_urlsafe(12)
        user, _ = user_create_with_role(
            username=options["username"], password=password, role=options["role"], validate=not options["password"]
        )
        result = article_submit(
            kind=Article.SourceKind.TEXT, text=SAMPLE_ARTICLE.read_text(encoding="utf-8"),
            title="Sample: North Korean troops reported in Russian assault units",
            publisher="The Meridian Ledger (fictional)",
            submitted_by=user,
        )
        article = result.article
        article.refresh_from_db()
        progress = (f"{article.status}, {article.claims.count()} claims" if article.status != ArticleStatus.PENDING
                    else "queued: the worker extracts its claims in the background")
        self.stdout.write(self.style.SUCCESS(
            f"Demo user: {user.username}  password: {password}\n"
            f"Sample article {article.pk}: {progress}."
        ))
