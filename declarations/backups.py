"""Copying the private files the database refers to out of the private storage (a directory or
the bucket) into a plain directory, and back. Each copy is checked against the row's SHA-256.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File

from declarations.models import PrivateFile

CHUNK = 1024 * 1024


@dataclass
class CopySummary:
    copied: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)


def _target(root: Path, name: str) -> Path:
    target = (root / name).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ValueError(f"stored name escapes the backup directory: {name}")
    return target


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def back_up_private_files(dest: Path) -> CopySummary:
    """Mirror every stored file into `dest` under its stored name; files already there with the
    right size are kept, so a nightly run copies only what is new.
    """
    summary = CopySummary()
    for private_file in PrivateFile.objects.order_by("created_at").iterator():
        target = _target(dest, private_file.file.name)
        if target.is_file() and target.stat().st_size == private_file.size:
            summary.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        try:
            with private_file.open() as source, tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        except FileNotFoundError:
            summary.problems.append(f"{private_file.file.name}: missing from the private storage")
            continue
        if digest.hexdigest() != private_file.sha256:
            os.unlink(out.name)
            summary.problems.append(f"{private_file.file.name}: content differs from its SHA-256")
            continue
        os.replace(out.name, target)
        summary.copied += 1
    return summary


def restore_private_files(source: Path) -> CopySummary:
    """Put back, from a directory made by `back_up_private_files`, every file the database refers
    to that the private storage lacks. Files present in the storage are left alone.
    """
    summary = CopySummary()
    for private_file in PrivateFile.objects.order_by("created_at").iterator():
        storage, name = private_file.file.storage, private_file.file.name
        if storage.exists(name):
            summary.unchanged += 1
            continue
        copy = _target(source, name)
        if not copy.is_file() or _sha256_of(copy) != private_file.sha256:
            summary.problems.append(f"{name}: no intact copy in {source}")
            continue
        with copy.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            summary.problems.append(f"{name}: stored as {saved}")
            continue
        summary.copied += 1
    return summary
