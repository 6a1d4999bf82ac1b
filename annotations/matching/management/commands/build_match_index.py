"""Build this machine's snapshot of the matching index (VERIFY_MATCH_INDEX_DIR) from the database.

Running processes switch to it at their next lookup. Also done by the periodic task on every worker
host (workers/matching_tasks.py) when due; this command builds at once, waiting for a build another
process of this machine may be making.
"""
import time

from django.core.management.base import BaseCommand

from annotations.matching import services
from annotations.matching.embedding import configured_embedder
from annotations.matching.snapshots import index_dir, snapshot_build


class Command(BaseCommand):
    help = "Build the memory-mapped claim matching snapshot of this machine from the database."

    def add_arguments(self, parser):
        parser.add_argument("--skip-embed", action="store_true",
                            help="Do not store missing embeddings first (rows without one are embedded in memory).")

    def handle(self, *args, **options):
        started = time.monotonic()
        embedded = 0 if options["skip_embed"] else services.match_documents_embed()
        embedder = configured_embedder()
        exported = embedder.export() if embedder is not None else None  # processes then embed with onnxruntime
        manifest = snapshot_build()
        self.stdout.write(f"Embedded {embedded} documents; snapshot {manifest.generation} of {manifest.rows} rows "
                          f"in {index_dir()} ({manifest.vector_dtype} vectors), "
                          f"{time.monotonic() - started:.1f} s in all. Encoder export: {exported or 'none'}.")
