"""ID numbers at rest: encrypted column, keyed digest for uniqueness and lookups, key rotation."""

import datetime as dt
import io

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction

from accounts import pii, throttle
from accounts.tests.conftest import CAPTCHA_OK
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from accounts.tests.test_register import register

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
User = get_user_model()


def stored_id_number(user) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, id_number_digest FROM accounts_user WHERE id = %s", [user.pk])
        return cursor.fetchone()


def test_id_number_is_stored_encrypted_and_read_back_in_the_clear():
    user = UserFactory(id_number=ID_NUMBER)
    column, digest = stored_id_number(user)
    assert ID_NUMBER not in column
    assert column.startswith("gAAAAA")
    assert digest == pii.id_number_digest(ID_NUMBER)
    assert len(digest) == 64
    assert User.objects.get(pk=user.pk).id_number == ID_NUMBER


def test_birth_date_and_sex_still_come_from_the_decrypted_number():
    user = User.objects.get(pk=UserFactory(id_number=ID_NUMBER).pk)
    assert user.birth_date == dt.date(1949, 12, 31)
    assert user.sex == "F"


def test_digest_is_keyed_and_ignores_case_and_spaces(settings):
    assert pii.id_number_digest(" 11010519491231002x ") == pii.id_number_digest(ID_NUMBER)
    first = pii.id_number_digest(ID_NUMBER)
    settings.ID_NUMBER_HASH_KEY = "another-key"
    assert pii.id_number_digest(ID_NUMBER) != first


def test_the_database_refuses_a_second_account_with_the_same_number():
    UserFactory(id_number=ID_NUMBER)
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(id_number=ID_NUMBER.lower())


def test_registration_refuses_an_id_number_already_registered_in_another_spelling(client):
    UserFactory(id_number=ID_NUMBER)
    response = register(client, id_number=" 11010519491231002x")
    assert response.status_code == 200
    assert "该身份证号码已注册" in " ".join(response.context["form"].errors["id_number"])
    assert User.objects.count() == 1


def test_saving_other_fields_keeps_the_digest():
    user = UserFactory(id_number=ID_NUMBER)
    user.employer = "新单位"
    user.save(update_fields=["employer"])
    assert stored_id_number(user)[1] == pii.id_number_digest(ID_NUMBER)


def test_changing_the_number_with_update_fields_updates_the_digest():
    user = UserFactory(id_number=ID_NUMBER)
    user.id_number = "140105198503120018"
    user.save(update_fields=["id_number"])
    assert stored_id_number(user)[1] == pii.id_number_digest("140105198503120018")
    assert authenticate(None, username="140105198503120018", password=DEFAULT_PASSWORD) == user


def test_login_by_id_number_finds_the_account_through_the_digest(client):
    UserFactory(id_number=ID_NUMBER)
    response = client.post(
        "/accounts/login/", {"account": "11010519491231002x", "password": DEFAULT_PASSWORD, **CAPTCHA_OK}
    )
    assert response["Location"] == "/applicant/"


def test_failed_logins_for_an_unknown_id_number_keep_it_out_of_the_cache_keys():
    key = throttle.account_key("110105194912310011")
    assert "110105194912310011" not in key
    assert key == throttle.account_key(" 110105194912310011 ")


def test_rotated_keys_still_read_old_rows_and_a_resave_uses_the_new_key(settings):
    user = UserFactory(id_number=ID_NUMBER)
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    reloaded = User.objects.get(pk=user.pk)
    assert reloaded.id_number == ID_NUMBER
    reloaded.save()

    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    assert User.objects.get(pk=user.pk).id_number == ID_NUMBER


def test_a_missing_key_is_an_error_not_a_ciphertext_shown_as_data(settings):
    user = UserFactory(id_number=ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured, match="a key is missing"):
        User.objects.get(pk=user.pk)


def test_a_malformed_key_is_reported():
    with pytest.raises(ImproperlyConfigured, match="malformed"):
        pii._fernet(("not-a-fernet-key",))


def test_reencrypt_command_moves_rows_to_the_new_keys(settings):
    from django.core.management import call_command

    user = UserFactory(id_number=ID_NUMBER)
    old_column, old_digest = stored_id_number(user)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.FIELD_ENCRYPTION_KEYS]
    settings.ID_NUMBER_HASH_KEY = "a-new-hash-key"
    call_command("reencrypt_id_numbers", stdout=io.StringIO())

    new_column, new_digest = stored_id_number(user)
    assert new_column != old_column
    assert new_digest == pii.id_number_digest(ID_NUMBER) != old_digest
    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS[:1]  # the old key retired
    assert User.objects.get(pk=user.pk).id_number == ID_NUMBER
    assert authenticate(None, username=ID_NUMBER, password=DEFAULT_PASSWORD) == user


def test_rows_read_while_a_form_cleans_the_field_elsewhere_are_still_decrypted():
    user = UserFactory(id_number=ID_NUMBER)
    field = User._meta.get_field("id_number")
    field._already_decrypted = True  # the library's mark, as set during another thread's clean()
    try:
        assert User.objects.get(pk=user.pk).id_number == ID_NUMBER
        assert field.clean(ID_NUMBER, user) == ID_NUMBER
    finally:
        del field._already_decrypted
