"""Builders for users in tests."""

import random

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.validators import check_digit

DEFAULT_PASSWORD = "Ceshi#2026pass"


def make_id_number(birth: str = "19850312", sex: str = "M") -> str:
    """A valid 18-character resident ID for the given birth date (YYYYMMDD) and sex."""
    sequence = random.randint(0, 49) * 2 + (1 if sex == "M" else 0)
    first17 = f"140105{birth}{random.randint(0, 9)}{sequence:02d}"
    return first17 + check_digit(first17)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"申请人{n}")
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    id_number = factory.LazyFunction(make_id_number)
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
