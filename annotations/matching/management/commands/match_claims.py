"""Backfill: index every stored claim and published report item, then look for matches.

For claims stored before matching existed (new claims are matched by the worker automatically).
"""
from django.core.management.base import BaseCommand

from annotations.matching import services
from verify.models import Article, ArticleStatus


class Command(BaseCommand):
    help = "Index all claims and report items, then find matches for the claims of done articles."

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", help="Only this article (repeatable).")

    def handle(self, *args, **options):
        retokenized = services.match_documents_retokenize()
        embedded = services.match_documents_embed()
        indexed = services.claims_index_missing()
        items = services.report_items_index()
        articles = Article.objects.filter(status=ArticleStatus.DONE).order_by("id")
        if options["article"]:
            articles = articles.filter(pk__in=options["article"])
        links = 0
        for article_id in articles.values_list("id", flat=True):
            links += services.article_matches_find(article_id=article_id)
        self.stdout.write(f"Re-tokenised {retokenized} and embedded {embedded} documents. Indexed {indexed} claims "
                          f"and {items} report items; {links} matches stored.")
