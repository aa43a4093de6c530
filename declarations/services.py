"""Profile changes: adding, editing and deleting section entries with their evidence files.

Each change locks the applicant's user row, so the entry limits of `declarations.sections` hold
even when two requests race, and asks `assert_profile_editable` first. Files an entry no longer
refers to are deleted (row and bytes) unless a submitted snapshot froze them.
"""

from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Count, Value

from declarations.locks import assert_profile_editable
from declarations.models import BasicInfo, PrivateFile, ProfileEntry
from declarations.sections import SECTIONS, Section
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


def _lock_owner(user) -> None:
    get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)


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
    return section.model.objects.filter(owner=user).count()


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
            _lock_owner(user)
            assert_profile_editable(user)
            creating = entry._state.adding
            if creating and section.limit and not section.single and entry_count(user, section) >= section.limit:
                raise LimitReached(section)
            exists = section.model.objects.filter(owner=user, pk=entry.pk).exists() if entry.pk else False
            if (not creating and not exists) or (creating and section.single and entry_count(user, section)):
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
        _lock_owner(user)
        assert_profile_editable(user)
        entries = list(owned_entries(user, section).filter(pk__in=list(ids)))
        files = [f for entry in entries for f in entry.private_files()]
        section.model.objects.filter(pk__in=[e.pk for e in entries]).delete()
        obsolete = discard_private_files(files)
    remove_stored_files(obsolete)
    return len(entries)


def owned_entries(user, section: Section) -> models.QuerySet:
    model = section.model
    return model.objects.filter(owner=user).select_related(*model.file_field_names())


def basic_info_defaults(user) -> dict:
    """Initial basic information taken from the account."""
    phone = user.phone.as_national.replace(" ", "") if user.phone else ""
    return {
        "name": user.real_name,
        "sex": user.sex or "",
        "birth_date": user.birth_date,
        "id_number": user.id_number or "",
        "phone": phone,
        "email": user.email,
        "employer": user.employer,
    }


def get_basic_info(user) -> BasicInfo | None:
    return BasicInfo.objects.filter(owner=user).select_related("photo").first()


def profile_summary(user) -> list[dict]:
    """Per section: how many entries the applicant has filled, against the limit (one query)."""
    parts = [
        section.model.objects.filter(owner=user)
        .order_by()
        .values("owner")
        .annotate(key=Value(section.key, output_field=models.CharField()), n=Count("pk"))
        .values_list("key", "n")
        for section in SECTIONS
    ]
    counts = dict(parts[0].union(*parts[1:], all=True))
    return [
        {"section": section, "count": counts.get(section.key, 0), "limit": None if section.single else section.limit}
        for section in SECTIONS
    ]
