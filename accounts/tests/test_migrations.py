"""The migrations that encrypt ID numbers keep every existing row: users, basic info and frozen
snapshots written in plaintext before them are encrypted, digested and still usable after them,
and migrating back restores the plaintext."""

import datetime as dt

import pytest
from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts import pii
from accounts.tests.conftest import CAPTCHA_OK

# Serialized like the other transactional tests of accounts, which run before the apps whose
# transactional tests flush without it (a flush re-creates content types the restore would repeat).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("accounts", "0004_audit_second_factor"), ("declarations", "0003_declarations_rounds_snapshots")]
ID_NUMBER = "11010519491231002X"
PASSWORD = "Jiuzhanghao#2026"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def insert_plaintext_rows(apps) -> dict:
    User = apps.get_model("accounts", "User")
    user = User.objects.create(
        username="u_old", real_name="旧用户", id_number=ID_NUMBER.lower(), password=make_password(PASSWORD)
    )
    staff = User.objects.create(username="staff_old", is_staff=True, id_number=None)
    BasicInfo = apps.get_model("declarations", "BasicInfo")
    BasicInfo.objects.create(
        owner=user,
        name="旧用户",
        sex="F",
        birth_date=dt.date(1949, 12, 31),
        id_number=ID_NUMBER,
        political_status="masses",
        phone="13900000000",
        employer="某单位",
        employer_type="state_owned",
        specialty="建筑工程",
        work_start_date=dt.date(1970, 7, 1),
        mailing_address="太原市",
    )
    now = timezone.now()
    title = apps.get_model("declarations", "TitleCatalogue").objects.create(
        series="工程系列", specialty="建筑工程", level="intermediate", title_name="工程师"
    )
    declaration_round = apps.get_model("declarations", "DeclarationRound").objects.create(
        year=now.year,
        name="旧批次",
        signup_starts_at=now,
        signup_ends_at=now,
        submission_ends_at=now,
        results_release_at=now,
        second_declaration_ends_at=now,
    )
    declaration = apps.get_model("declarations", "Declaration").objects.create(
        applicant=user, round=declaration_round, title=title, year=now.year, status="in_review"
    )
    snapshot_data = {
        "applicant": {"real_name": "旧用户", "id_number": ID_NUMBER, "phone": "+8613900000000"},
        "sections": [{"key": "basic_info", "entries": [{"position": 1, "values": {"id_number": ID_NUMBER}}]}],
    }
    apps.get_model("declarations", "DeclarationSnapshot").objects.create(
        declaration=declaration, sequence=1, data=snapshot_data
    )
    return {"user": user.pk, "staff": staff.pk}


def test_migrating_forward_encrypts_old_rows_and_back_restores_them(client):
    try:
        old_apps = migrate(BEFORE)
        assert raw("SELECT COUNT(*) FROM accounts_user")[0][0] == 0
        pks = insert_plaintext_rows(old_apps)
        migrate(latest())

        [(column, digest)] = raw("SELECT id_number, id_number_digest FROM accounts_user WHERE id = %s", [pks["user"]])
        assert pii.is_token(column)
        assert digest == pii.id_number_digest(ID_NUMBER)
        assert raw("SELECT id_number_digest FROM accounts_user WHERE id = %s", [pks["staff"]]) == [(None,)]
        [(basic,)] = raw("SELECT id_number FROM declarations_basicinfo")
        assert pii.is_token(basic)
        [(snapshot,)] = raw("SELECT data FROM declarations_declarationsnapshot")
        assert ID_NUMBER not in str(snapshot)
        assert ID_NUMBER[:17] not in str(snapshot)

        # The current models (by name: accounts imports no app of ours that depends on it).
        BasicInfo = global_apps.get_model("declarations", "BasicInfo")
        DeclarationSnapshot = global_apps.get_model("declarations", "DeclarationSnapshot")
        user = get_user_model().objects.get(pk=pks["user"])
        assert user.id_number == ID_NUMBER
        assert user.birth_date == dt.date(1949, 12, 31)
        assert BasicInfo.objects.get().id_number == ID_NUMBER
        data = DeclarationSnapshot.objects.get().data
        assert data["applicant"]["id_number"] == ID_NUMBER
        assert data["sections"][0]["entries"][0]["values"]["id_number"] == ID_NUMBER
        response = client.post("/accounts/login/", {"account": ID_NUMBER, "password": PASSWORD, **CAPTCHA_OK})
        assert response["Location"] == "/applicant/"

        migrate(BEFORE)
        assert raw("SELECT id_number FROM accounts_user WHERE id = %s", [pks["user"]]) == [(ID_NUMBER,)]
        assert raw("SELECT id_number FROM declarations_basicinfo") == [(ID_NUMBER,)]
        [(snapshot,)] = raw("SELECT data FROM declarations_declarationsnapshot")
        assert ID_NUMBER in str(snapshot)
    finally:
        migrate(latest())
