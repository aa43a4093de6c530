"""Builders for users in tests."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.id_numbers import serial_id_number

DEFAULT_PASSWORD = "Ceshi#2026pass"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"申请人{n}")
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    id_number = factory.Sequence(serial_id_number)  # one birth date per built user: never shared
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
