"""Builders for users in tests."""

import datetime as dt
import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.validators import check_digit

DEFAULT_PASSWORD = "Ceshi#2026pass"


def make_id_number(birth: str = "19850312", sex: str = "M", serial: int | None = None) -> str:
    """A valid 18-character resident ID for the given birth date (YYYYMMDD) and sex; `serial`
    (0-499) picks the order code, random when omitted."""
    serial = random.randint(0, 499) if serial is None else serial % 500
    order = serial * 2 + (1 if sex == "M" else 0)  # the 17th digit is odd for men
    first17 = f"140105{birth}{order:03d}"
    return first17 + check_digit(first17)


def _unique_id_number(n: int) -> str:
    # One birth date per built user, so two users of a test run can never share a number.
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=n)
    return make_id_number(f"{birth:%Y%m%d}", serial=n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"申请人{n}")
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    id_number = factory.Sequence(_unique_id_number)
    employer = "山西建设工程集团有限公司"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    is_staff = True
    phone = None
    id_number = None

    @factory.post_generation
    def group(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.groups.add(Group.objects.get(name=extracted))
