import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_auth_user_model_is_ours():
    assert get_user_model()._meta.label == "accounts.User"


def test_phone_is_normalised_to_e164():
    user = UserFactory(phone="138 0013 8000")
    user.refresh_from_db()
    assert str(user.phone) == "+8613800138000"


def test_phone_must_be_unique_whatever_its_spelling():
    UserFactory(phone="13800138000")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(phone="+86 138-0013-8000")


def test_id_number_must_be_unique_and_is_stored_upper_case():
    user = UserFactory(id_number="11010519491231002x")
    assert user.id_number == "11010519491231002X"
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(id_number="11010519491231002X")


def test_invalid_phone_is_refused_by_full_clean():
    user = UserFactory.build(phone="12345")
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()
    assert "phone" in excinfo.value.message_dict


def test_invalid_id_number_is_refused_by_full_clean():
    user = UserFactory.build(id_number="110105194912310021")
    with pytest.raises(ValidationError) as excinfo:
        user.full_clean()
    assert "校验位不正确" in excinfo.value.message_dict["id_number"][0]


def test_birth_date_and_sex_are_derived_from_id_number():
    user = UserFactory(id_number="11010519491231002X")
    assert user.birth_date == dt.date(1949, 12, 31)
    assert user.sex == "F"
    assert user.get_sex_display() == "女"


def test_staff_without_phone_or_id_number_can_coexist():
    get_user_model().objects.create_user("staff1", password="x")
    get_user_model().objects.create_user("staff2", password="x")
    assert get_user_model().objects.filter(phone__isnull=True, id_number__isnull=True).count() == 2


def test_create_user_without_username_generates_one():
    user = get_user_model().objects.create_user(phone="+8613900000009", real_name="赵六", password="x")
    assert user.username.startswith("u")
    assert str(user) == "赵六"


def test_short_name_is_the_real_name_or_else_the_account_name():
    named = get_user_model().objects.create_user("reviewer1", real_name="钱七", password="x")
    unnamed = get_user_model().objects.create_user("reviewer2", password="x")
    assert (named.get_short_name(), str(named)) == ("钱七", "钱七")
    assert (unnamed.get_short_name(), str(unnamed)) == ("reviewer2", "reviewer2")


def test_createsuperuser_command_still_works():
    from django.core.management import call_command

    call_command("createsuperuser", username="root", email="root@example.com", interactive=False)
    assert get_user_model().objects.get(username="root").is_superuser
