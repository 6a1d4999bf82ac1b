"""factory_boy factories for every model of the project apps (verify, audit, ingestion, annotations,
reports, matching, factchecks, apitokens, dashboard, webhooks); tests/test_factories.py checks that none is missing.

Defaults look like the desk's real data (news text, example.org URLs) and keep the invariants the
services keep: a review makes the claim's verdict its latest review's and bumps its version, a report
revision makes its report published, a report item is its claim as publishing would freeze it.
"""
import hashlib
import secrets
from datetime import timedelta
from html import escape

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from annotations.apitokens.models import ApiToken
from annotations.apitokens.services import api_token_digest
from annotations.dashboard.models import FinalVerdict
from annotations.factchecks.models import FactCheckFeed, ImportSource, PublishedFactCheck
from annotations.matching.core.text import TOKENIZER_VERSION, tokenize
from annotations.matching.models import ClaimMatch, DocumentKind, MatchDocument, MatchStatus
from annotations.models import DeskSettings, Review, Source, SignoffMode, Stance
from annotations.reports.claimants import item_claimant_type
from annotations.webhooks.models import (
    DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent, WebhookFormat,
)
from annotations.reports.models import (
    ExportStatus, Report, ReportClaim, ReportExport, ReportItem, ReportRevision, ReportStatus,
)
from verify.audit.models import AuditAction, AuditEntry
from verify.ingestion.models import Feed, FeedEntry, FetchedPage
from verify.models import FINDING_VERDICTS, Article, ArticleStatus, Claim, SignoffState, Verdict


def _next_number(queryset, field: str) -> int:
    """1 + the highest `field` in the queryset (1 when empty): positions and revision numbers."""
    return (queryset.aggregate(top=Max(field))["top"] or 0) + 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """`UserFactory(role="editor")` puts the user in that group (and staff for editor/admin)."""
        if not create or not extracted:
            return
        self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        self.__dict__.pop("_verity_role", None)
        self.is_staff = extracted in ("editor", "admin")
        self.is_superuser = extracted == "admin"
        self.save()


# --- verify -------------------------------------------------------------------------------------

class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = "The Meridian Ledger"
    raw_content = factory.Sequence(lambda n: f"Officials said on Monday that {n + 3} bridges were repaired.")
    cleaned_text = factory.LazyAttribute(lambda a: a.raw_content)
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.raw_content.encode()).hexdigest())
    language = "en"
    status = ArticleStatus.DONE
    extractor_version = "test"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"As many as {11000 + n} North Korean troops could be stationed in the region.")
    sentence = factory.LazyAttribute(lambda c: c.text)
    start_char = factory.Sequence(lambda n: n * 100)
    end_char = factory.LazyAttribute(lambda c: c.start_char + len(c.text))
    sentence_index = factory.Sequence(lambda n: n)
    claimant = "reports"
    cue = "suggest"
    quantities = factory.LazyAttribute(
        lambda c: [{"value": 11000, "unit": "troops", "surface": "as many as 11,000 North Korean troops",
                    "approximate": True, "bound": "upper", "kind": "count"}]
    )
    entities = factory.LazyFunction(lambda: [{"text": "North Korean", "label": "NORP", "start": 0, "end": 12}])
    hedges = factory.LazyFunction(lambda: ["as many as", "could"])
    checkworthiness = 0.8
    verdict = Verdict.UNREVIEWED
    # A claim made with a verdict was judged in the "single" sign-off mode: final.
    signoff = factory.LazyAttribute(
        lambda c: SignoffState.OPEN if c.verdict == Verdict.UNREVIEWED else SignoffState.FINAL)
    extractor_version = "test"
    extracted_text = factory.LazyAttribute(lambda c: c.text)
    extracted_claimant = factory.LazyAttribute(lambda c: c.claimant)


# --- annotations --------------------------------------------------------------------------------

def claim_follow_latest_review(claim: Claim) -> None:
    """What annotations.services.reviews.review_record does to the claim once the Review row exists:
    under a row lock, the verdict becomes the latest review's (final, as in the "single" sign-off mode)
    and the version goes up by one (saved
    with update_fields, so nothing else of a possibly stale instance is written); the caller's
    instance is then brought up to date like versioning.claim_sync does. No audit entry: reviews
    "written without the services" are a case the history already handles."""
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        latest = locked.reviews.order_by("-created_at", "-id").first()
        locked.verdict = latest.verdict
        locked.signoff = SignoffState.OPEN if latest.verdict == Verdict.UNREVIEWED else SignoffState.FINAL
        locked.version += 1
        locked.save(update_fields=["verdict", "signoff", "version", "updated_at"])
    for name in ("verdict", "signoff", "version", "updated_at"):
        setattr(claim, name, getattr(locked, name))


class ReviewFactory(factory.django.DjangoModelFactory):
    """A review; when created (not built) the claim's verdict follows it and its version is bumped."""

    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory)
    verdict = Verdict.UNVERIFIED
    rationale = "No independent confirmation of the figure."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        review = super()._create(model_class, *args, **kwargs)
        claim_follow_latest_review(review.claim)
        return review


class DeskSettingsFactory(factory.django.DjangoModelFactory):
    """The editors' desk settings row (sign-off by two independent reviews)."""

    class Meta:
        model = DeskSettings

    signoff_mode = SignoffMode.DOUBLE
    updated_by = factory.SubFactory(UserFactory, role="editor")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    title = "Ministry briefing"
    publisher = "Example Ministry"
    quote = "We cannot confirm the number."
    stance = Stance.CONTEXT
    added_by = factory.SubFactory(UserFactory)


# --- audit --------------------------------------------------------------------------------------

class AuditEntryFactory(factory.django.DjangoModelFactory):
    """A "claim.assign" entry as claim_assign writes it: a reviewer took the claim for themselves
    (the claim is assigned to the actor, so the entry and the claim agree). Assignment does not bump
    the claim's version, so the entry never shows up as a version conflict."""

    class Meta:
        model = AuditEntry

    actor = factory.SubFactory(UserFactory, role="reviewer")
    action = AuditAction.CLAIM_ASSIGN
    claim = factory.SubFactory(ClaimFactory, assigned_to=factory.SelfAttribute("..actor"))
    target_type = factory.LazyAttribute(lambda e: e.claim._meta.label_lower if e.claim else "verify.claim")
    target_id = factory.LazyAttribute(lambda e: str(e.claim.pk) if e.claim and e.claim.pk else "")
    before = factory.LazyFunction(lambda: {"assigned_to": None})
    after = factory.LazyAttribute(lambda e: {"assigned_to": e.actor.get_username() if e.actor else None})


# --- API tokens ---------------------------------------------------------------------------------

class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token as api_token_issue stores it; the key (never stored) is on the instance as `.key`."""

    class Meta:
        model = ApiToken

    key = factory.LazyFunction(lambda: secrets.token_hex(20))
    user = factory.SubFactory(UserFactory, role="reviewer")
    digest = factory.LazyAttribute(lambda t: api_token_digest(t.key))
    prefix = factory.LazyAttribute(lambda t: t.key[:8])
    expires_at = factory.LazyFunction(
        lambda: timezone.now() + timedelta(seconds=settings.API_TOKEN_LIFETIME_SECONDS))

    @classmethod
    def _create(cls, model_class, *args, key: str, **kwargs):
        token = super()._create(model_class, *args, **kwargs)
        token.key = key
        return token

    @classmethod
    def _build(cls, model_class, *args, key: str, **kwargs):
        token = super()._build(model_class, *args, **kwargs)
        token.key = key
        return token


# --- ingestion ----------------------------------------------------------------------------------

def _page_html(article: Article, url: str) -> str:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in article.raw_content.splitlines() if line.strip())
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(article.title)} | {escape(article.publisher)}</title>"
        f"<link rel=\"canonical\" href=\"{escape(url)}\"></head>"
        f"<body><article><h1>{escape(article.title)}</h1>{paragraphs}</article></body></html>"
    )


class FetchedPageFactory(factory.django.DjangoModelFactory):
    """The page behind an article submitted by URL (article_store_fetched's fields)."""

    class Meta:
        model = FetchedPage

    article = factory.SubFactory(
        ArticleFactory,
        source_kind=Article.SourceKind.URL,
        url=factory.Sequence(lambda n: f"https://news.example.org/world/2024/10/bridges-repaired-{n}"),
        canonical_url=factory.SelfAttribute("url"),
    )
    requested_url = factory.LazyAttribute(lambda p: p.article.url)
    final_url = factory.LazyAttribute(lambda p: p.article.canonical_url or p.article.url)
    status_code = 200
    mime_type = "text/html"
    charset = "utf-8"
    html = factory.LazyAttribute(lambda p: _page_html(p.article, p.final_url))
    metadata = factory.LazyAttribute(lambda p: {
        "title": p.article.title, "author": p.article.author, "publisher": p.article.publisher,
        "published_at": p.article.published_at.isoformat() if p.article.published_at else None,
        "canonical_url": p.final_url, "language": p.article.language, "redirects": [],
    })
    duplicate_of = None


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feed

    url = factory.Sequence(lambda n: f"https://news.example.org/feeds/world-{n}.xml")
    title = factory.Sequence(lambda n: f"The Meridian Ledger: World {n}")
    poll_interval_minutes = 60
    enabled = True
    created_by = factory.SubFactory(UserFactory, role="editor")


class FeedEntryFactory(factory.django.DjangoModelFactory):
    """A feed item as feed_poll records it: guid = link (the feed gave no id), not fetched yet.
    `FeedEntryFactory(fetched=True)` also links the article it became."""

    class Meta:
        model = FeedEntry

    class Params:
        summary = factory.Sequence(
            lambda n: f"Officials said on Monday that {n + 3} bridges were repaired after the spring floods.")
        fetched = factory.Trait(
            article=factory.SubFactory(ArticleFactory, source_kind=Article.SourceKind.FEED,
                                       url=factory.SelfAttribute("..link"), title=factory.SelfAttribute("..title")),
            canonical_url=factory.SelfAttribute("link"),
        )

    feed = factory.SubFactory(FeedFactory)
    link = factory.Sequence(lambda n: f"https://news.example.org/world/2024/10/story-{n}")
    guid = factory.LazyAttribute(lambda e: e.link)
    title = factory.Sequence(lambda n: f"Bridges reopen in the north ({n})")
    # feeds._entry_content_hash: sha256 of the whitespace-normalised summary, "" under 40 characters.
    content_hash = factory.LazyAttribute(
        lambda e: hashlib.sha256(" ".join(e.summary.split()).encode()).hexdigest()
        if len(" ".join(e.summary.split())) >= 40 else "")
    article = None
    canonical_url = ""


# --- reports ------------------------------------------------------------------------------------

class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report; the slug is made like reports.services._slug_for (slugified title + 6 hex)."""

    class Meta:
        model = Report

    title = factory.Sequence(lambda n: f"Claims about North Korean troops in Russia ({n})")
    summary = "What we could and could not confirm."
    slug = factory.LazyAttributeSequence(lambda r, n: f"{slugify(r.title)[:60].strip('-') or 'report'}-{n:06x}")
    org_name = ""
    org_url = ""
    status = ReportStatus.DRAFT
    created_by = factory.SubFactory(UserFactory, role="editor")


class ReportClaimFactory(factory.django.DjangoModelFactory):
    """A claim covered by a report, at the next position (as report_add_claims numbers them)."""

    class Meta:
        model = ReportClaim

    report = factory.SubFactory(ReportFactory)
    claim = factory.SubFactory(ClaimFactory)
    position = factory.LazyAttribute(
        lambda rc: _next_number(ReportClaim.objects.filter(report=rc.report), "position") if rc.report.pk else 1)


class ReportRevisionFactory(factory.django.DjangoModelFactory):
    """Revision N+1 of its report, copying the report as report_publish does; when created, the
    report becomes published (status, published_at, published_by of its latest revision)."""

    class Meta:
        model = ReportRevision

    report = factory.SubFactory(ReportFactory)
    number = factory.LazyAttribute(
        lambda r: _next_number(ReportRevision.objects.filter(report=r.report), "number") if r.report.pk else 1)
    title = factory.SelfAttribute("report.title")
    summary = factory.SelfAttribute("report.summary")
    org_name = factory.LazyAttribute(lambda r: r.report.org_name or settings.VERIFY_ORG_NAME)
    org_url = factory.LazyAttribute(lambda r: r.report.org_url or settings.VERIFY_ORG_URL)
    published_at = factory.LazyFunction(timezone.now)
    published_by = factory.SelfAttribute("report.created_by")
    note = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        revision = super()._create(model_class, *args, **kwargs)
        report = revision.report
        if revision.number >= _next_number(report.revisions.all(), "number") - 1:  # the latest one
            report.status = ReportStatus.PUBLISHED
            report.published_at = revision.published_at
            report.published_by = revision.published_by
            report.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        return revision


def _item_review(item) -> Review | None:
    """The review a report item shows: the claim's latest, or (a claim never reviewed cannot be
    published) a new one keeping the claim's verdict when it is a finding. None when building."""
    claim = item.claim
    if claim is None or claim.pk is None:
        return None
    latest = claim.reviews.order_by("-created_at", "-id").first()
    if latest is not None:
        return latest
    verdict = claim.verdict if claim.verdict in FINDING_VERDICTS else Verdict.UNVERIFIED
    return ReviewFactory(claim=claim, verdict=verdict)


def _claim_sources(claim: Claim | None) -> list[dict]:
    if claim is None or claim.pk is None:
        return []
    return list(claim.sources.order_by("created_at", "id").values("url", "title", "publisher", "quote", "stance"))


def _user_display(user) -> str:
    return (f"{user.first_name} {user.last_name}".strip() or user.username) if user else ""


class ReportItemFactory(factory.django.DjangoModelFactory):
    """A covered claim frozen into a revision, field for field as report_snapshot_items copies it
    (text, claimant, verdict and rationale of the latest review, sources, article). Pass `review=`
    to freeze a given review, `review=None` to freeze the claim without one. When created, the claim
    is also covered by the revision's report (a ReportClaim), unless `covered=False`."""

    class Meta:
        model = ReportItem
        skip_postgeneration_save = True

    class Params:
        review = factory.LazyAttribute(_item_review)

    revision = factory.SubFactory(ReportRevisionFactory)
    position = factory.LazyAttribute(
        lambda i: _next_number(ReportItem.objects.filter(revision=i.revision), "position") if i.revision.pk else 1)
    claim = factory.SubFactory(ClaimFactory)
    review_id_frozen = factory.LazyAttribute(lambda i: i.review.pk if i.review else None)
    claim_text = factory.LazyAttribute(lambda i: i.claim.text)
    claim_reviewed = factory.LazyAttribute(lambda i: i.claim.text)  # no summary written: the claim's text
    claimant = factory.LazyAttribute(lambda i: i.claim.claimant)
    claimant_type = factory.LazyAttribute(
        lambda i: item_claimant_type(i.claim.claimant, i.claim.claimant_type, i.claim.entities))
    verdict = factory.LazyAttribute(lambda i: i.review.verdict if i.review else i.claim.verdict)
    rationale = factory.LazyAttribute(lambda i: i.review.rationale if i.review else "")
    reviewer = factory.LazyAttribute(lambda i: _user_display(i.review.reviewer) if i.review else "")
    reviewed_at = factory.LazyAttribute(lambda i: i.review.created_at if i.review else None)
    sources = factory.LazyAttribute(lambda i: _claim_sources(i.claim))
    article = factory.LazyAttribute(lambda i: i.claim.article)
    article_title = factory.LazyAttribute(lambda i: i.claim.article.title)
    article_url = factory.LazyAttribute(lambda i: i.claim.article.canonical_url or i.claim.article.url)
    article_publisher = factory.LazyAttribute(lambda i: i.claim.article.publisher)
    article_published_at = factory.LazyAttribute(lambda i: i.claim.article.published_at)
    first_published_at = factory.SelfAttribute("revision.published_at")
    changes = factory.LazyFunction(list)

    @factory.post_generation
    def covered(self, create, extracted, **kwargs):
        if not create or extracted is False or self.claim_id is None:
            return
        report = self.revision.report
        if not ReportClaim.objects.filter(report=report, claim_id=self.claim_id).exists():
            ReportClaim.objects.create(report=report, claim_id=self.claim_id,
                                       position=_next_number(report.report_claims.all(), "position"))


class ReportExportFactory(factory.django.DjangoModelFactory):
    """A CSV export of the draft, queued (pending). `ReportExportFactory(done=True)` has its file
    (written under MEDIA_ROOT: point it at a tmp_path)."""

    class Meta:
        model = ReportExport

    class Params:
        done = factory.Trait(
            status=ExportStatus.DONE,
            progress=100,
            filename=factory.LazyAttribute(
                lambda e: f"{e.report.slug}-{f'r{e.revision.number}' if e.revision else 'draft'}.{e.fmt}"),
            content_type="text/csv; charset=utf-8",
            file=factory.LazyAttribute(lambda e: ContentFile(
                f"position,claim,verdict\r\n1,{e.report.title},unverified\r\n".encode(), name=e.filename)),
            finished_at=factory.LazyFunction(timezone.now),
        )

    report = factory.SubFactory(ReportFactory)
    revision = None
    fmt = "csv"
    status = ExportStatus.PENDING
    progress = 0
    requested_by = factory.SelfAttribute("report.created_by")


# --- matching -----------------------------------------------------------------------------------

class PublishedFactCheckFactory(factory.django.DjangoModelFactory):
    """Another fact-checker's ClaimReview as an import stores it (rating in their words and scale)."""

    class Meta:
        model = PublishedFactCheck

    review_url = factory.Sequence(lambda n: f"https://factcheckers.example.net/checks/{n}")
    publisher_name = "Harbour Fact Check"
    publisher_url = "https://factcheckers.example.net/"
    claim_reviewed = factory.Sequence(lambda n: f"The port authority moved {n + 1},400 containers in March.")
    claimant = "Port Authority spokesperson"
    rating_text = "Mostly false"
    rating_value = 2.0
    rating_best = 5.0
    rating_worst = 1.0
    title = "Did the port really move that many containers?"
    date_published = factory.LazyFunction(lambda: timezone.now().date())
    language = "en"
    source = ImportSource.UPLOAD


class FactCheckFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactCheckFeed

    url = factory.Sequence(lambda n: f"https://factcheckers.example.net/feeds/claimreview-{n}.json")
    title = factory.Sequence(lambda n: f"Harbour Fact Check feed {n}")
    poll_interval_minutes = 360
    enabled = True
    created_by = factory.SubFactory(UserFactory, role="editor")


def _document_text(document) -> str:
    if document.claim is not None:
        return document.claim.text
    if document.report_item is not None:
        return document.report_item.claim_text
    return document.fact_check.claim_reviewed


class MatchDocumentFactory(factory.django.DjangoModelFactory):
    """A claim in the matching index, with its terms as the services store them (no embedding:
    dense matching off). `MatchDocumentFactory(for_report_item=True)` indexes a published item,
    `for_fact_check=True` another fact-checker's reviewed claim."""

    class Meta:
        model = MatchDocument

    class Params:
        for_report_item = factory.Trait(
            kind=DocumentKind.REPORT_ITEM,
            claim=None,
            report_item=factory.SubFactory(ReportItemFactory),
        )
        for_fact_check = factory.Trait(
            kind=DocumentKind.FACT_CHECK,
            claim=None,
            fact_check=factory.SubFactory(PublishedFactCheckFactory),
        )

    kind = DocumentKind.CLAIM
    claim = factory.SubFactory(ClaimFactory)
    report_item = None
    fact_check = None
    text = factory.LazyAttribute(_document_text)
    terms = factory.LazyAttribute(lambda d: " ".join(tokenize(d.text)))
    terms_version = TOKENIZER_VERSION
    embedding = None
    embedding_model = ""


class ClaimMatchFactory(factory.django.DjangoModelFactory):
    """A suggested link from a new claim to an earlier one: the document (declared first, so its
    claim is the older row) is a claim of another article, as claim_matches_find requires."""

    class Meta:
        model = ClaimMatch

    document = factory.SubFactory(MatchDocumentFactory)
    claim = factory.SubFactory(ClaimFactory)
    score = 0.82
    status = MatchStatus.SUGGESTED
    decided_by = None
    decided_at = None


# --- dashboard ----------------------------------------------------------------------------------

class FinalVerdictFactory(factory.django.DjangoModelFactory):
    """A claim's verdict made final, as the dashboard records it: the claim holds that verdict, and the
    time to final verdict is the gap between the claim's creation and `first_final_at`."""

    class Meta:
        model = FinalVerdict

    claim = factory.SubFactory(ClaimFactory, verdict=Verdict.VERIFIED)
    verdict = factory.LazyAttribute(lambda f: f.claim.verdict)
    extracted_at = factory.LazyAttribute(lambda f: f.claim.created_at or timezone.now())
    first_final_at = factory.LazyAttribute(lambda f: f.extracted_at + timedelta(hours=2))
    final_at = factory.LazyAttribute(lambda f: f.first_final_at)
    seconds_to_final = factory.LazyAttribute(lambda f: int((f.first_final_at - f.extracted_at).total_seconds()))


# --- webhooks -----------------------------------------------------------------------------------

class WebhookEndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookEndpoint

    name = factory.Sequence(lambda n: f"Newsroom channel {n}")
    url = factory.Sequence(lambda n: f"https://hooks.example.org/verity/{n}")
    events = factory.LazyFunction(lambda: [WebhookEvent.VERDICT_FINAL.value])
    secret = factory.Sequence(lambda n: f"whsec-test-secret-{n:08d}")
    format = WebhookFormat.GENERIC
    enabled = True
    created_by = factory.SubFactory(UserFactory, role="editor")


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    endpoint = factory.SubFactory(WebhookEndpointFactory)
    event = WebhookEvent.TEST
    body = factory.LazyAttribute(lambda d: {"event": d.event, "data": {"message": "A test event from Verity."}})
    status = DeliveryStatus.PENDING


class WebhookAttemptFactory(factory.django.DjangoModelFactory):
    """A failed first attempt (the receiver answered 503), as the delivery log records it."""

    class Meta:
        model = WebhookAttempt

    delivery = factory.SubFactory(WebhookDeliveryFactory, status=DeliveryStatus.RETRYING, attempts=1,
                                  response_code=503)
    number = 1
    response_code = 503
    error = "The receiver answered 503, not a success"
    duration_ms = 12
