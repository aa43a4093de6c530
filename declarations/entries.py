"""Changing the applicant's profile (SPEC 5): adding, editing and deleting section entries with
their evidence files. Each change takes `lock_profile`, so the entry limits of
`declarations.sections` hold when two requests race, and asks `assert_profile_editable` first.
Files an entry no longer refers to are deleted (row and bytes) unless a submitted snapshot froze them.
"""

from collections.abc import Iterable, Mapping

from django.db import transaction

from declarations.locks import assert_profile_editable, lock_profile
from declarations.models import PrivateFile, ProfileEntry
from declarations.sections import Section
from declarations.uploads import CheckedUpload


class LimitReached(Exception):
    """The section already holds as many entries as its limit allows."""

    def __init__(self, section: Section):
        self.section = section
        super().__init__(f"“{section.title}”最多只能填写 {section.limit} 条，已达到上限，不能再新增。")


class EntryConflict(Exception):
    """The entry changed in another window since the form was opened (deleted, or created twice)."""

    def __init__(self, section: Section):
        self.section = section
        super().__init__(f"“{section.title}”已在其他页面被修改或删除，请刷新后重新填写。")


def store_private_file(owner, upload: CheckedUpload) -> PrivateFile:
    private_file = PrivateFile(
        owner=owner,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )
    private_file.file.save(f"upload.{upload.extension}", upload.content, save=False)
    private_file.save()
    return private_file


def discard_private_files(files: Iterable[PrivateFile]) -> list[str]:
    """Delete the rows of files no longer needed; returns the stored names to remove from disk."""
    names = []
    for private_file in files:
        if private_file is None or private_file.frozen:
            continue
        names.append(private_file.file.name)
        private_file.delete()
    return names


def remove_stored_files(names: Iterable[str]) -> None:
    storage = PrivateFile._meta.get_field("file").storage
    for name in names:
        if name:
            storage.delete(name)


def entry_count(user, section: Section) -> int:
    return section.entries_of(user).count()


def save_entry(
    user,
    section: Section,
    entry: ProfileEntry,
    uploads: Mapping[str, CheckedUpload | bool | None],
) -> ProfileEntry:
    """Create or update `entry` (unsaved changes from a form) for `user`.

    `uploads` maps a file field name to a checked upload (replace), False (remove) or None (keep).
    Raises ProfileLocked, LimitReached or EntryConflict, saving nothing.
    """
    stored: list[str] = []
    try:
        with transaction.atomic():
            lock_profile(user)
            assert_profile_editable(user, section.key)
            creating = entry._state.adding
            count = entry_count(user, section) if creating else 0
            if creating and section.limit and not section.single and count >= section.limit:
                raise LimitReached(section)
            exists = section.entries_of(user).filter(pk=entry.pk).exists() if entry.pk else False
            if (not creating and not exists) or (creating and section.single and count):
                # Saving would re-create a deleted entry (past the limit) or a second basic info.
                raise EntryConflict(section)
            entry.owner = user
            old_files = []
            for name, upload in uploads.items():
                if upload is None:
                    continue
                old = getattr(entry, name) if getattr(entry, f"{name}_id") else None
                if old is not None:
                    old_files.append(old)
                if upload is False:
                    setattr(entry, name, None)
                else:
                    new = store_private_file(user, upload)
                    stored.append(new.file.name)
                    setattr(entry, name, new)
            entry.save(force_insert=creating, force_update=not creating)
            obsolete = discard_private_files(old_files)
    except BaseException:
        remove_stored_files(stored)
        raise
    remove_stored_files(obsolete)
    return entry


def delete_entries(user, section: Section, ids: Iterable[int]) -> int:
    """Delete the user's entries among `ids` (other applicants' ids are ignored) and their files."""
    with transaction.atomic():
        lock_profile(user)
        assert_profile_editable(user, section.key)
        entries = list(section.entries_of(user).filter(pk__in=list(ids)))
        files = [f for entry in entries for f in entry.private_files()]
        section.model.objects.filter(pk__in=[e.pk for e in entries]).delete()
        obsolete = discard_private_files(files)
    remove_stored_files(obsolete)
    return len(entries)
