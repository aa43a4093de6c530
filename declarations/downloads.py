"""The downloads of a submitted declaration: its form (申报表), drawn once per snapshot and kept
with it, and the ZIP of its attachments, with readable Chinese names
(`2.2.3 学历信息/1 毕业证书扫描件.pdf`), built in a temporary file rather than in memory.
"""

import hashlib
import logging
import tempfile
import zipfile
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils import timezone

from declarations.models import DeclarationSnapshot
from declarations.pdf import declaration_pdf
from declarations.sections import get_section

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024


def archive_names(snapshot) -> list[tuple[str, object]]:
    """(name in the archive, PrivateFile) for every file of the snapshot; names never repeat."""
    names, seen = [], set()
    for ref in snapshot.files.select_related("file"):
        section = get_section(ref.section_key)
        suffix = PurePath(ref.file.original_name).suffix.lower() or PurePath(ref.file.file.name).suffix
        stem = f"{section.number} {section.title}/{ref.entry_position} {ref.label}"
        name, counter = f"{stem}{suffix}", 2
        while name in seen:
            name, counter = f"{stem}（{counter}）{suffix}", counter + 1
        seen.add(name)
        names.append((name, ref.file))
    return names


def attachments_zip(snapshot):
    """An open temporary file holding the ZIP; closing it (as FileResponse does) deletes it."""
    stamp = timezone.localtime(snapshot.created_at).timetuple()[:6]
    archive_file = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - the response closes it
    # Python's zipfile sets the UTF-8 name flag (bit 11) for every non-ASCII name.
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, private_file in archive_names(snapshot):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            with private_file.open() as source, archive.open(entry, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
    archive_file.seek(0)
    return archive_file


def stored_form_pdf(snapshot: DeclarationSnapshot) -> DeclarationSnapshot:
    """The snapshot with its form stored: the queued task's file, or drawn and stored now if the
    task has not run yet (or the stored file has gone missing). The snapshot is frozen, so its
    form is never redrawn once stored; of two concurrent first draws one is kept.
    """
    if snapshot.form_pdf and snapshot.form_pdf.storage.exists(snapshot.form_pdf.name):
        return snapshot
    if snapshot.form_pdf:
        logger.warning("Stored form of snapshot %s is missing; drawing it again", snapshot.pk)
    stored_before = snapshot.form_pdf.name
    content = declaration_pdf(snapshot.declaration, snapshot)
    digest = hashlib.sha256(content).hexdigest()
    field = snapshot.form_pdf.field
    name = field.storage.save(field.generate_filename(snapshot, "form.pdf"), ContentFile(content))
    won = DeclarationSnapshot.objects.filter(pk=snapshot.pk, form_pdf=stored_before).update(
        form_pdf=name, form_pdf_sha256=digest
    )
    if not won:  # another request or the worker stored it first: keep theirs
        field.storage.delete(name)
        snapshot.refresh_from_db(fields=["form_pdf", "form_pdf_sha256"])
        return snapshot
    snapshot.form_pdf.name, snapshot.form_pdf_sha256 = name, digest
    return snapshot
