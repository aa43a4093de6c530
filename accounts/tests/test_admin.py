import pytest
from django.contrib.auth.models import Permission

from accounts.audit import record
from accounts.models import AuditEvent
from accounts.sms.services import queue_sms
from accounts.tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

SMS_URL = "/admin/accounts/sms/"
AUDIT_URL = "/admin/accounts/audit/"


@pytest.fixture
def superuser():
    return StaffFactory(username="root", is_superuser=True)


@pytest.fixture
def message():
    return queue_sms("13800138000", "verification_code", {"code": "135790", "minutes": 5})


@pytest.fixture
def event():
    return record(AuditEvent.Action.LOGIN_FAILED, AuditEvent.Outcome.FAILURE, account="13800138000", ip="10.1.2.3")


def test_superuser_lists_the_outbox_with_masked_phones(client, superuser, message):
    client.force_login(superuser)

    body = client.get(SMS_URL).content.decode()

    assert "138****8000" in body
    assert "13800138000" not in body
    assert "待发送" in body


def test_superuser_inspects_a_message_without_seeing_the_code(client, superuser, message):
    client.force_login(superuser)

    body = client.get(f"{SMS_URL}inspect/{message.pk}/").content.decode()

    assert "您的验证码为 ******，5 分钟内有效" in body
    assert "135790" not in body


def test_superuser_reads_the_audit_log(client, superuser, event):
    client.force_login(superuser)

    list_body = client.get(AUDIT_URL).content.decode()
    inspect_body = client.get(f"{AUDIT_URL}inspect/{event.pk}/").content.decode()

    assert "登录失败" in list_body
    assert "138****8000" in list_body
    assert "10.1.2.3" in inspect_body


@pytest.mark.parametrize("url", [SMS_URL, AUDIT_URL])
def test_nobody_can_add_edit_or_delete(client, superuser, message, event, url):
    client.force_login(superuser)
    pk = message.pk if url == SMS_URL else event.pk

    assert client.get(f"{url}new/").status_code in (302, 403)
    assert client.get(f"{url}edit/{pk}/").status_code in (302, 403)
    assert client.post(f"{url}delete/{pk}/").status_code in (302, 403)
    assert f"{url}new/" not in client.get(url).content.decode()


@pytest.mark.parametrize("url", [SMS_URL, AUDIT_URL])
def test_reviewers_and_editors_cannot_see_them(client, url):
    reviewer = StaffFactory(group="审核人")
    reviewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reviewer)

    response = client.get(url)

    assert response.status_code in (302, 403)
    assert "安全与短信" not in client.get("/admin/").content.decode()


def test_applicants_cannot_reach_them(client):
    client.force_login(UserFactory())

    assert client.get(SMS_URL).status_code in (302, 403)
