"""Applicant A's world (profile entries, files, a released and an open declaration), and the
people who must not reach it: applicant B, an editor, an anonymous visitor."""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import signup, submission, workflow
from declarations.models import Declaration, PrivateFile
from declarations.sections import SECTIONS
from declarations.tests.factories import RoundFactory, make_complete_profile, make_file
from declarations.tests.samples import make_entries

# Text that only A's own data contains; it must never appear in an answer to anyone else.
SECRET = "甲方保密"
SECRET_FILE_BYTES = b"%PDF-1.4\n% " + SECRET.encode() + b"\ntrailer<<>>\n%%EOF\n"

# The apps holding people's data: ours, Django's groups and permissions, the staff's devices.
DATA_APPS = {"accounts", "declarations", "review", "employers", "auth", "otp_totp"}
# Rows any request may write: the audit log (its own tests cover it).
VOLATILE_MODELS = {"accounts.auditevent"}


@dataclass
class World:
    a: object
    b: object
    editor: object
    entries: dict[str, object] = field(default_factory=dict)
    private_file: PrivateFile | None = None
    released: Declaration | None = None  # submitted, reviewed, results released
    draft: Declaration | None = None  # signed up, not yet submitted
    open_round: object = None

    @property
    def markers(self) -> list[str]:
        """Strings that identify A's private data in a page or a header."""
        a = self.a
        return [SECRET, a.real_name, a.id_number, a.phone.as_e164[3:]]


def _mark(instance) -> None:
    """Put SECRET into the first free-text field of a profile entry."""
    for model_field in instance._meta.concrete_fields:
        if isinstance(model_field, models.CharField) and not model_field.choices and model_field.max_length >= 20:
            setattr(instance, model_field.name, f"{SECRET}-{model_field.name}")
            instance.save(update_fields=[model_field.name])
            return


@pytest.fixture
def world(db) -> World:
    a = UserFactory(real_name="甲保密人")
    world = World(a=a, b=UserFactory(real_name="乙申请人"), editor=StaffFactory(group="编辑"))
    make_complete_profile(a)
    for section in SECTIONS:
        if section.single:
            continue
        [entry] = list(section.model.objects.filter(owner=a)[:1]) or make_entries(a, section.key, 1)
        _mark(entry)
        world.entries[section.key] = entry
    world.private_file = make_file(a, name=f"{SECRET}.pdf", content=SECRET_FILE_BYTES)

    last_year = RoundFactory(signup_open=True, year=timezone.localdate().year - 1)
    released = signup.sign_up(a, last_year.pk, last_year.titles.get().pk)
    submission.submit(released.pk, a, pledge=True)
    Declaration.objects.filter(pk=released.pk).update(status=workflow.Status.PASSED)
    world.released = Declaration.objects.get(pk=released.pk)

    world.open_round = RoundFactory(signup_open=True)
    world.draft = signup.sign_up(a, world.open_round.pk, world.open_round.titles.get().pk)
    return world


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _user_fk_names(model) -> list[str]:
    user_model = get_user_model()
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is user_model
    ]


def database_rows() -> dict[tuple[str, object], tuple]:
    """Every row of the DATA_APPS except the VOLATILE_MODELS; `last_login` is left out since
    logging in (the test's own doing) writes it."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in DATA_APPS or meta.proxy or meta.label_lower in VOLATILE_MODELS:
            continue
        names = [f.attname for f in meta.concrete_fields if f.attname != "last_login"]
        for values in model._base_manager.values_list(*names):
            rows[(meta.label_lower, values[names.index(meta.pk.attname)])] = values
    return rows


def belongs_to(user, key: tuple[str, object], values: tuple) -> bool:
    """Whether a row is `user`'s own: the user row itself, or one whose user foreign key is theirs."""
    if user is None:
        return False
    model = apps.get_model(key[0])
    if model is get_user_model():
        return key[1] == user.pk
    names = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
    row = dict(zip(names, values, strict=True))
    return any(row[name] == user.pk for name in _user_fk_names(model))
