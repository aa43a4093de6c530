"""The ZIP of a submitted declaration's attachments, with readable Chinese names
(`2.2.3 学历信息/1 毕业证书扫描件.pdf`), built in a temporary file rather than in memory.
"""

import tempfile
import zipfile
from pathlib import PurePath

from django.utils import timezone

from declarations.sections import get_section

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
