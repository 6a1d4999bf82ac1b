"""Claim matching tasks: thin, ID-only wrappers over annotations.matching.services."""
from celery import shared_task
from celery.signals import worker_init, worker_process_init

from annotations.matching import services
from annotations.matching.embedding import configured_embedder
from annotations.matching.index import preload_before_fork, shared_index
from annotations.matching.snapshots import snapshot_build, snapshot_due
from verify.background import TaskName
from workers.base import TASK_OPTIONS

# Both matching tasks: idempotent (a unique (claim, document) pair makes a rerun add nothing and keeps
# decisions). Mostly tens of ms, but a task that lands on a freshly started worker waits for its
# index build, hence the generous limits.
MATCHING_LIMITS = {"soft_time_limit": 120, "time_limit": 150}


@shared_task(name=TaskName.ARTICLE_MATCHES_FIND, **TASK_OPTIONS, **MATCHING_LIMITS)
def article_matches_find(article_id: int) -> int:
    return services.article_matches_find(article_id=article_id)


@shared_task(name=TaskName.CLAIM_MATCHES_FIND, **TASK_OPTIONS, **MATCHING_LIMITS)
def claim_matches_find(claim_id: int) -> int:
    return len(services.claim_matches_find(claim_id=claim_id))


# A rebuild reads every row and builds the vector graph: minutes at 10^6 rows.
REBUILD_LIMITS = {"soft_time_limit": 3600, "time_limit": 3700}


@shared_task(name=TaskName.MATCH_INDEX_REBUILD, **TASK_OPTIONS, **REBUILD_LIMITS)
def match_index_rebuild(force: bool = False) -> int | None:
    """Rebuild this host's matching snapshot if it is due (beat sends this to every worker host);
    returns its row count, or None when not due or another process of the host is building."""
    if not force and not snapshot_due():
        return None
    services.match_documents_embed()  # the build reuses stored embeddings: store the missing first
    embedder = configured_embedder()
    if embedder is not None:
        embedder.export()  # this host's processes embed with onnxruntime from their next start
    manifest = snapshot_build(wait=False)
    return manifest.rows if manifest is not None else None


@worker_init.connect
def _matching_preload(**kwargs) -> None:
    """In the worker's parent process: the encoder and the snapshot, shared by the pool's forks."""
    preload_before_fork()


@worker_process_init.connect
def _matching_index_warm(**kwargs) -> None:
    """Open this machine's snapshot (building it if there is none) and read the delta in the background
    as soon as the worker process starts, so the first matching task does not pay for it."""
    shared_index.warm_in_background()
