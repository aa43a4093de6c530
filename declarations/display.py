"""How profile entries read in tables: column labels and display values from `list_display_fields`."""

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils.text import Truncator

from declarations.models import PrivateFile

OPEN_END = "至今"


def columns(model: type[models.Model]) -> list[dict]:
    """Label and whether the column is short data (dates, numbers) that should not wrap."""
    result = []
    for name in model.list_display_fields:
        field = model._meta.get_field(name)
        short = isinstance(field, models.DateField | models.IntegerField) or bool(field.choices)
        result.append({"label": str(field.verbose_name), "nowrap": short})
    return result


def display_value(entry: models.Model, field: models.Field, truncate: int | None = None) -> str:
    """One field of an entry as the applicant reads it: in tables, the snapshot and the PDF."""
    value = getattr(entry, field.attname)
    if value is None and field.name == "end_date":
        return OPEN_END
    if value in (None, ""):
        return ""
    if field.choices:
        text = str(dict(field.flatchoices).get(value, value))
    elif isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, dt.datetime):
        text = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, dt.date):
        text = value.strftime("%Y-%m-%d")
    elif field.is_relation:
        text = str(getattr(entry, field.name))
    else:
        text = str(value)
    return Truncator(text).chars(truncate) if truncate else text


def row_cells(entry: models.Model, truncate: int | None = 40) -> list[dict]:
    return [
        {
            "text": display_value(entry, entry._meta.get_field(name), truncate),
            "nowrap": column["nowrap"],
            "label": column["label"],
        }
        for name, column in zip(entry.list_display_fields, columns(type(entry)), strict=True)
    ]


def file_url(private_file: PrivateFile) -> str:
    return reverse("declarations:private-file", args=[private_file.pk])


class FileLink:
    """A stored file as a form's initial value: Django's file widgets show its name and link."""

    def __init__(self, private_file: PrivateFile):
        self.private_file = private_file
        self.url = file_url(private_file)

    def __str__(self) -> str:
        return self.private_file.original_name
