"""A snapshot of the matching index on disk, shared by every process of a machine.

    <root>/current -> gen-<generation>/     (a symlink, swapped atomically)
    gen-<generation>/manifest.json          watermark, model, tokenizer version, counts, build time
                     keys.npy               the MatchDocument id of each row, ascending
                     numbers_offsets.npy    row i states numbers_values[offsets[i]:offsets[i + 1]]
                     numbers_values.npy
                     vectors.usearch        core/vector_store.py (only with an embedder)
                     bm25/                  core/sparse_store.py

A build writes a new gen-* directory beside the current one (under a temporary name, renamed when
complete) and then points `current` at it with a rename over the old symlink, so a reader sees the
old snapshot or the new one, never half of one. Every array is opened with mmap: the pages live once
in the page cache whatever the number of processes. A process notices a new snapshot by reading the
symlink (`current_generation`) and reopens; the old generation's files stay readable through the
mappings it still holds, and `prune` deletes generations older than the previous one.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from annotations.matching.core.sparse_store import SparseStore
from annotations.matching.core.vector_store import DEFAULT_DTYPE, VectorStore

CURRENT = "current"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Manifest:
    generation: str
    watermark: str  # ISO datetime: rows updated before it are in the snapshot
    model: str  # the embedding model ('' = no dense half)
    tokenizer_version: int
    rows: int
    vector_dtype: str
    build_seconds: float = 0.0
    format_version: int = FORMAT_VERSION


@dataclass
class SnapshotRows:
    """What a build needs of each row, in ascending key order."""

    keys: np.ndarray  # int64
    tokens: list[list[str]]
    numbers: list[frozenset[float]]
    vectors: np.ndarray | None  # (rows, dim) float32, or None without an embedder


class Snapshot:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.manifest = Manifest(**json.loads((directory / MANIFEST).read_text()))
        # Plain ndarray views of the mappings: numpy's memmap subclass costs microseconds per indexing.
        self.keys = _mapped(directory / "keys.npy")
        self._offsets = _mapped(directory / "numbers_offsets.npy")
        self._numbers = _mapped(directory / "numbers_values.npy")
        self.sparse = SparseStore.open(directory / "bm25")
        vectors = directory / "vectors.usearch"
        self.vectors = VectorStore.open(vectors) if vectors.exists() and self.manifest.rows else None

    def __len__(self) -> int:
        return self.manifest.rows

    def rows_of(self, keys: Sequence[Hashable]) -> dict[Hashable, int]:
        """The row of each key held by the snapshot (keys it does not hold are left out)."""
        if not len(self.keys) or not keys:
            return {}
        wanted = np.asarray([key for key in keys if isinstance(key, (int, np.integer))], dtype=np.int64)
        positions = np.searchsorted(self.keys, wanted)
        found = positions < len(self.keys)
        found[found] = np.asarray(self.keys)[positions[found]] == wanted[found]
        return {int(key): int(row) for key, row, hit in zip(wanted, positions, found) if hit}

    def numbers(self, row: int) -> frozenset[float]:
        start, stop = self._offsets[row:row + 2].tolist()
        return frozenset(self._numbers[start:stop].tolist()) if stop > start else frozenset()


def _mapped(path: Path) -> np.ndarray:
    return np.asarray(np.load(path, mmap_mode="r"))


def write(root: Path, rows: SnapshotRows, *, generation: str, watermark: str, model: str,
          tokenizer_version: int, k1: float, b: float, vector_dtype: str = DEFAULT_DTYPE) -> Path:
    """Build a snapshot of `rows` and make it current; returns its directory."""
    started = time.monotonic()
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"gen-{generation}"
    building = root / f".building-gen-{generation}-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    np.save(building / "keys.npy", np.asarray(rows.keys, dtype=np.int64))
    counts = np.fromiter((len(numbers) for numbers in rows.numbers), dtype=np.int64, count=len(rows.numbers))
    np.save(building / "numbers_offsets.npy", np.concatenate([[0], np.cumsum(counts)]).astype(np.int64))
    np.save(building / "numbers_values.npy",
            np.fromiter((value for numbers in rows.numbers for value in sorted(numbers)), dtype=np.float64))
    SparseStore.build(rows.tokens, building / "bm25", k1=k1, b=b)
    if rows.vectors is not None and len(rows.keys):
        VectorStore.build(rows.vectors, building / "vectors.usearch", dtype=vector_dtype)
    manifest = Manifest(generation=generation, watermark=watermark, model=model,
                        tokenizer_version=tokenizer_version, rows=len(rows.keys), vector_dtype=vector_dtype,
                        build_seconds=round(time.monotonic() - started, 2))
    (building / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2))
    os.rename(building, final)
    link = root / f".{CURRENT}-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(final.name, link)
    os.replace(link, root / CURRENT)  # atomic: readers see the old target or the new one
    return final


def current_generation(root: Path) -> str | None:
    """The directory name `current` points at (one readlink), or None before the first build."""
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def open_current(root: Path) -> Snapshot | None:
    name = current_generation(root)
    return Snapshot(root / name) if name else None


def prune(root: Path, *, keep: int = 2) -> list[str]:
    """Delete all but the newest `keep` generations (never the current one) and abandoned builds."""
    current = current_generation(root)
    generations = sorted(path for path in root.glob("gen-*") if path.is_dir())
    removed = []
    for path in generations[:-keep] if keep else generations:
        if path.name != current:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    for path in root.glob(".building-*"):
        if time.time() - path.stat().st_mtime > 24 * 3600:
            shutil.rmtree(path, ignore_errors=True)
    return removed
