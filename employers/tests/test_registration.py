"""Employer registration on the public site, the department's approval in the admin (with SMS to
the officer), the login's landing in the employer shell, and inviting a second officer."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import AccountType, SmsMessage
from declarations.samples import MINIMAL_PDF
from employers.models import Employer, Officer, OfficerInvitation
from employers.tests.conftest import CAPTCHA_OK, sent_codes
from employers.tests.factories import credit_code, make_employer, make_officer

pytestmark = pytest.mark.django_db
User = get_user_model()
PHONE = "13912345678"
E164 = "+86" + PHONE
PASSWORD = "Danwei#2026jb"


def verified_phone(client, phone=PHONE):
    response = client.post(reverse("employers:register"), {"phone": phone, **CAPTCHA_OK})
    assert response.status_code == 302
    codes = sent_codes("+86" + phone)
    response = client.post(reverse("employers:register-verify"), {"sms_code": codes[-1] if codes else "000000"})
    return response


def details(**overrides):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "real_name": "王经办",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "name": "山西测试建设有限公司",
        "credit_code": "91350100M000100Y43",
        "employer_type": "state_owned",
        "address": "山西省太原市小店区长治路 1 号",
        "contact_name": "王经办",
        "contact_phone": "0351-7654321",
        "licence_file": SimpleUploadedFile("营业执照.pdf", MINIMAL_PDF, "application/pdf"),
    }
    return {**data, **overrides}


def test_an_officer_registers_the_employer_which_waits_for_approval(client):
    assert verified_phone(client)["Location"] == reverse("employers:register-details")
    response = client.post(reverse("employers:register-details"), details())
    assert response.status_code == 302, response.content.decode()[:2000]
    employer = Employer.objects.get()
    assert (employer.name, employer.status, employer.credit_code) == (
        "山西测试建设有限公司",
        Employer.Status.PENDING,
        "91350100M000100Y43",
    )
    user = User.objects.get(phone=E164)
    assert user.account_type == AccountType.EMPLOYER_OFFICER and not user.is_applicant and not user.is_staff
    assert Officer.objects.get(user=user).employer == employer
    assert employer.licence.owner == user and employer.licence.content_type == "application/pdf"
    # Logging in lands in the employer shell, which tells the officer to wait.
    client.logout()
    response = client.post(reverse("accounts:login"), {"account": PHONE, "password": PASSWORD, **CAPTCHA_OK})
    assert response["Location"] == reverse("employers:home")
    page = client.get(reverse("employers:home")).content.decode()
    assert "等待主管部门审核" in page
    # Before approval the shell's other pages are closed.
    assert client.get(reverse("employers:queue"))["Location"] == reverse("employers:home")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("credit_code", "911100001000013428", "校验位"),
        ("credit_code", "91350100M000100Y4", "18 位"),
        ("password2", "Other#2026xx", "两次输入的密码不一致"),
        ("password1", "12345678", "密码"),
        ("name", "", "请填写单位名称"),
    ],
)
def test_bad_registration_data_is_refused_in_chinese_and_nothing_is_saved(client, field, value, message):
    verified_phone(client)
    data = details(**{field: value})
    if field == "password1":
        data["password2"] = value
    response = client.post(reverse("employers:register-details"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Employer.objects.exists() and not User.objects.filter(phone=E164).exists()


def test_a_registered_credit_code_is_refused(client):
    make_employer(credit_code="91350100M000100Y43")
    verified_phone(client)
    response = client.post(reverse("employers:register-details"), details())
    assert response.status_code == 400
    assert "该统一社会信用代码已登记" in response.content.decode()


def test_a_forged_licence_is_refused(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    verified_phone(client)
    forged = SimpleUploadedFile("营业执照.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(reverse("employers:register-details"), details(licence_file=forged))
    assert response.status_code == 400
    assert not Employer.objects.exists()


def test_the_details_step_needs_a_verified_phone(client):
    response = client.post(reverse("employers:register-details"), details())
    assert response.status_code == 302 and response["Location"] == reverse("employers:register")
    assert not Employer.objects.exists()


def test_a_wrong_code_does_not_verify_the_phone(client):
    client.post(reverse("employers:register"), {"phone": PHONE, **CAPTCHA_OK})
    response = client.post(reverse("employers:register-verify"), {"sms_code": "000000"})
    assert response.status_code == 200 and "验证码" in response.content.decode()
    assert client.post(reverse("employers:register-details"), details()).status_code == 302
    assert not Employer.objects.exists()


def test_a_registered_phone_gets_the_same_answer_and_no_code(client):
    make_officer(phone=E164)
    response = client.post(reverse("employers:register"), {"phone": PHONE, **CAPTCHA_OK}, follow=True)
    assert "已注册过的号码不会收到验证码" in response.content.decode()
    assert sent_codes(E164) == []


def _admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_department_approves_a_registration_and_the_officer_gets_an_sms(client, django_user_model):
    from accounts.tests.factories import StaffFactory

    officer = make_officer(employer=None)
    employer = officer.employer
    Employer.objects.filter(pk=employer.pk).update(status=Employer.Status.PENDING)
    reviewer = StaffFactory(group="审核人")
    client = _admin_client(client, reviewer)
    inspect = client.get(reverse("employers_employer_modeladmin_inspect", args=[employer.pk]))
    assert inspect.status_code == 200 and employer.credit_code in inspect.content.decode()
    assert client.get(reverse("employers-admin-licence", args=[employer.pk])).status_code == 200
    response = client.post(reverse("employers-admin-decide", args=[employer.pk, "approve"]))
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.status == Employer.Status.APPROVED and employer.reviewed_by == reviewer
    message = SmsMessage.objects.get(template="employer_approved")
    assert message.phone == str(officer.user.phone) and message.params["employer"] == employer.name


def test_refusing_needs_a_reason_which_the_officer_reads(client):
    from accounts.tests.factories import StaffFactory

    officer = make_officer(employer=None)
    employer = officer.employer
    Employer.objects.filter(pk=employer.pk).update(status=Employer.Status.PENDING)
    client.force_login(StaffFactory(group="审核人"))
    client.post(reverse("employers-admin-decide", args=[employer.pk, "refuse"]), {"reason": " "})
    employer.refresh_from_db()
    assert employer.status == Employer.Status.PENDING and not SmsMessage.objects.exists()
    client.post(reverse("employers-admin-decide", args=[employer.pk, "refuse"]), {"reason": "营业执照扫描件不清晰"})
    employer.refresh_from_db()
    assert employer.status == Employer.Status.REFUSED
    assert SmsMessage.objects.get(template="employer_refused").params["reason"] == "营业执照扫描件不清晰"
    client.force_login(officer.user)
    assert "营业执照扫描件不清晰" in client.get(reverse("employers:home")).content.decode()
    # The officer corrects the data and asks again.
    account_fields = ("licence_file", "password1", "password2", "real_name")
    data = {k: v for k, v in details(credit_code=employer.credit_code).items() if k not in account_fields}
    response = client.post(reverse("employers:employer-edit"), data)
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.status == Employer.Status.PENDING and employer.status_reason == ""


def test_staff_without_the_permission_cannot_decide(client):
    from accounts.tests.factories import StaffFactory

    employer = make_employer(status=Employer.Status.PENDING)
    client.force_login(StaffFactory(group="编辑"))
    # The admin answers a refused permission by sending the user back to its home.
    for response in (
        client.post(reverse("employers-admin-decide", args=[employer.pk, "approve"])),
        client.get(reverse("employers-admin-licence", args=[employer.pk])),
        client.get(reverse("employers_employer_modeladmin_inspect", args=[employer.pk])),
    ):
        assert response.status_code in (302, 403) and not response.get("Content-Disposition")
    employer.refresh_from_db()
    assert employer.status == Employer.Status.PENDING


def test_an_officer_never_reaches_the_admin(client, officer):
    client.force_login(officer.user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and "/admin/" in response["Location"] and "login" in response["Location"]


def test_an_officer_invites_a_colleague_who_registers_with_the_link(client, officer):
    client.force_login(officer.user)
    response = client.post(reverse("employers:officers"), {"real_name": "李同事", "phone": "13900001111"})
    assert response.status_code == 302
    invitation = OfficerInvitation.objects.get()
    message = SmsMessage.objects.get(template="officer_invited")
    link = message.params["link"]
    assert invitation.token in link and message.phone == "+8613900001111"
    client.logout()
    url = reverse("employers:invitation", args=[invitation.token])
    assert "李同事" in client.get(url).content.decode()
    client.post(url, {"action": "send_code", "code-captcha_0": "x", "code-captcha_1": "PASSED"})
    [code] = sent_codes("+8613900001111")
    response = client.post(url, {"action": "accept", "sms_code": code, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302
    colleague = Officer.objects.get(user__phone="+8613900001111")
    assert colleague.employer == officer.employer and colleague.invited_by == officer.user
    # The link works once.
    assert client.get(url).status_code == 404


def test_an_unapproved_employer_cannot_invite(client):
    officer = make_officer(employer=make_employer(status=Employer.Status.PENDING))
    client.force_login(officer.user)
    response = client.post(reverse("employers:officers"), {"real_name": "李同事", "phone": "13900001111"})
    assert response.status_code == 302 and response["Location"] == reverse("employers:home")
    assert not OfficerInvitation.objects.exists()


def test_factory_codes_are_valid():
    from employers.credit_code import is_valid

    assert all(is_valid(credit_code(n)) for n in range(1, 50))
