"""The contract the declarations workflow relies on to snapshot and print the profile."""

import re

import pytest
from django.db import models

from declarations.models import PrivateFile
from declarations.sections import SECTIONS

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_section_model_names_its_columns_ordering_and_chinese_labels(section):
    model = section.model
    assert model._meta.ordering
    assert CHINESE.search(str(model._meta.verbose_name))
    assert model.list_display_fields
    for name in model.list_display_fields:
        model._meta.get_field(name)  # raises for an unknown column
    for field in model._meta.concrete_fields:
        if field.name not in {"id"}:
            assert CHINESE.search(str(field.verbose_name)) or field.name == "isbn", field.name


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_section_model_belongs_to_an_applicant_and_keeps_files_as_private_files(section):
    model = section.model
    assert model._meta.get_field("owner").related_model._meta.label == "accounts.User"
    for name in model.file_field_names():
        field = model._meta.get_field(name)
        assert field.related_model is PrivateFile
        assert field.remote_field.on_delete is models.SET_NULL
    assert model.file_field_names(), "every section carries evidence"
