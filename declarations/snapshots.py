"""Reading the 11 profile sections generically (from `declarations.sections.SECTIONS`, each
model's fields, `list_display_fields` and verbose names) and freezing them into a snapshot.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.urls import reverse

from accounts.masking import mask_id_number, mask_phone
from declarations.display import display_value
from declarations.models import DeclarationSnapshot, PrivateFile, SnapshotFile
from declarations.sections import SECTIONS, Section

# Bookkeeping fields that are not part of what the applicant declares.
SKIPPED_FIELDS = {"id", "owner", "created_at", "updated_at"}
SHORT_CELL = 10
# Table columns (lists) show these masked; the full value is only in an entry's details.
MASKED_COLUMNS = {"id_number": mask_id_number, "phone": mask_phone}


def file_fields(model) -> list[models.ForeignKey]:
    return [model._meta.get_field(name) for name in model.file_field_names()]


def data_fields(model) -> list[models.Field]:
    """The declared fields of a section model: everything but the owner, files and bookkeeping."""
    files = set(model.file_field_names())
    return [f for f in model._meta.concrete_fields if f.name not in SKIPPED_FIELDS and f.name not in files]


def _raw(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


def read_section(section: Section, user) -> dict:
    """One section as plain data: field labels, table columns and each entry's values and files."""
    model = section.model
    fields = data_fields(model)
    entries = []
    for position, obj in enumerate(section.entries_of(user), start=1):
        files = []
        for file_field in file_fields(model):
            private_file = getattr(obj, file_field.name)
            if private_file is not None:
                files.append(
                    {
                        "field": file_field.name,
                        "label": str(file_field.verbose_name),
                        "file_id": str(private_file.pk),
                        "name": private_file.original_name,
                        "content_type": private_file.content_type,
                    }
                )
        entries.append(
            {
                "position": position,
                "values": {f.name: display_value(obj, f) for f in fields},
                "raw": {f.name: _raw(getattr(obj, f.attname)) for f in fields},
                "files": files,
            }
        )
    return {
        "key": section.key,
        "number": section.number,
        "title": section.title,
        "single": section.single,
        "fields": [{"name": f.name, "label": str(f.verbose_name)} for f in fields],
        "file_fields": [{"name": f.name, "label": str(f.verbose_name)} for f in file_fields(model)],
        "columns": list(model.list_display_fields),
        "entries": entries,
    }


def read_profile(user) -> list[dict]:
    return [read_section(section, user) for section in SECTIONS]


def take_snapshot(declaration, sequence: int) -> DeclarationSnapshot:
    """Freeze the applicant's whole profile: the data as JSON and every file, marked frozen."""
    applicant = declaration.applicant
    sections = read_profile(applicant)
    data = {
        "applicant": {
            "real_name": applicant.real_name,
            "id_number": applicant.id_number or "",
            "phone": str(applicant.phone or ""),
            "employer": applicant.employer,
        },
        "round": str(declaration.round),
        "title": str(declaration.title),
        "title_name": declaration.title.title_name,
        "sections": sections,
    }
    # A resubmission after 退回补正 is a new revision of the same submission; the earlier stays.
    revision = declaration.snapshots.filter(sequence=sequence).count() + 1
    snapshot = DeclarationSnapshot.objects.create(
        declaration=declaration, sequence=sequence, revision=revision, data=data
    )
    refs = [
        SnapshotFile(
            snapshot=snapshot,
            file_id=item["file_id"],
            section_key=section["key"],
            entry_position=entry["position"],
            label=item["label"],
        )
        for section in sections
        for entry in section["entries"]
        for item in entry["files"]
    ]
    SnapshotFile.objects.bulk_create(refs)
    PrivateFile.objects.filter(pk__in=[ref.file_id for ref in refs]).update(frozen=True)
    return snapshot


def current_snapshots(declaration) -> list[DeclarationSnapshot]:
    """The snapshot of each submission as it stands: the latest revision of the first submission
    and, after a second declaration, of the second; in order of submission."""
    latest: dict[int, DeclarationSnapshot] = {}
    for snapshot in declaration.snapshots.order_by("sequence", "revision"):
        latest[snapshot.sequence] = snapshot
    return list(latest.values())


def preview_kind(content_type: str) -> str:
    """How a read-only page shows an attached file: as an image, an embedded PDF, or a link."""
    if content_type.startswith("image/"):
        return "image"
    return "pdf" if content_type == "application/pdf" else "file"


def present_section(data: dict) -> dict:
    """A section's data (live or from a snapshot) shaped for the read-only templates and the PDF:
    a label/value list per entry holding every declared field (`data_fields`) and every file, and
    a table of the section's list columns.
    """
    labels = {f["name"]: f["label"] for f in data["fields"]}
    # Snapshots taken before file fields were listed name only the files they hold.
    declared_files = data.get("file_fields")
    entries = [
        {
            "position": entry["position"],
            "details": [(f["label"], entry["values"].get(f["name"], "")) for f in data["fields"]],
            # Short values (dates, numbers, choices) stay on one line in the table.
            "cells": [
                (value, len(value) <= SHORT_CELL)
                for value in (MASKED_COLUMNS.get(name, str)(entry["values"].get(name, "")) for name in data["columns"])
            ],
            "files": [
                {
                    **f,
                    "url": reverse("declarations:private-file", args=[f["file_id"]]),
                    "is_image": f.get("content_type", "").startswith("image/"),
                }
                for f in entry["files"]
            ],
        }
        for entry in data["entries"]
    ]
    for entry in entries:
        by_field = {f["field"]: f for f in entry["files"]}
        listed = declared_files or [{"name": f["field"], "label": f["label"]} for f in entry["files"]]
        # Every file field of the section, uploaded or not: (label, file or None).
        entry["attachments"] = [(f["label"], by_field.get(f["name"])) for f in listed]
    return {
        "key": data["key"],
        "heading": f"{data['number']} {data['title']}",
        "single": data["single"],
        "headers": [labels.get(name, name) for name in data["columns"]],
        "entries": entries,
    }
