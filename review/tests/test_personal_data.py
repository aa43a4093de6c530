"""Personal data across the whole journey: after an applicant registers, fills the basic info,
submits and is reviewed, no table holds the ID number in the clear, no log line and no list page
shows a full ID number or mobile number, and each viewing of a full number by staff is recorded."""

import io
import logging
import re

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, SmsMessage
from accounts.tests.conftest import CAPTCHA_OK, run_sms_worker
from accounts.tests.factories import StaffFactory
from declarations.models import Declaration
from declarations.samples import RED, id_photo
from declarations.sections import SECTIONS
from declarations.tests.factories import make_education, make_qualification, make_work_experience
from declarations.tests.samples import basic_info_data, upload
from review.tests.factories import make_round, reviewer
from review.tests.test_admin import QUEUE, _post_decision, inspect_url

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
CONTACT_PHONE = "13698765432"  # the basic info's own contact number
PASSWORD = "Gongcheng#2026"
TYPED = ID_NUMBER.lower()  # how a reviewer types it into the search box
# An 18-character ID number or an 11-digit mainland mobile number, not inside a longer run.
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE_PATTERN = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")


def full_numbers(text: str) -> list[str]:
    return ID_PATTERN.findall(text) + MOBILE_PATTERN.findall(text)


def latest_code() -> str:
    """Deliver the queued SMS (with whichever backend is set) and read the code from the outbox."""
    run_sms_worker()
    return SmsMessage.objects.filter(phone=f"+86{PHONE}", template="verification_code").latest("pk").params["code"]


def run_applicant_flow(client, reviewer_client):
    """Register (with the SMS code), log in by ID number, fill the profile, sign up, submit,
    and have the reviewer open and decide the declaration. Returns the declaration."""
    declaration_round = make_round(("厅审核",))
    client.post("/accounts/register/", {"action": "send_code", "phone": PHONE, **CAPTCHA_OK})
    code = latest_code()
    registered = client.post(
        "/accounts/register/",
        {
            "action": "register",
            "real_name": "王建设",
            "id_number": ID_NUMBER.lower(),
            "phone": PHONE,
            "sms_code": code,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "employer": "太原市建筑设计研究院",
        },
    )
    assert registered.status_code == 302
    login = client.post("/accounts/login/", {"account": ID_NUMBER, "password": PASSWORD, **CAPTCHA_OK})
    assert login["Location"] == "/applicant/"

    basic = client.post(
        "/applicant/profile/basic-info/",
        basic_info_data(name="王建设", phone=CONTACT_PHONE, photo=upload("照片.jpg", id_photo(RED))),
    )
    assert basic.status_code == 302
    applicant = login.wsgi_request.user
    for make in (make_work_experience, make_education, make_qualification):
        make(applicant)
    title = declaration_round.titles.first()
    client.post(reverse("declarations:sign-up", args=[declaration_round.pk, title.pk]))
    declaration = Declaration.objects.get(applicant=applicant)
    submitted = client.post(
        reverse("declarations:declaration-submit", args=[declaration.pk]),
        {"pledge": "on", "expected_status": declaration.status},
    )
    assert submitted.status_code == 302
    declaration.refresh_from_db()
    assert declaration.submitted_at is not None

    assert reviewer_client.get(QUEUE, {"q": ID_NUMBER}).content.decode().count("王建设") >= 1
    assert reviewer_client.get(inspect_url(declaration)).status_code == 200
    stage = declaration_round.review_stages.get()
    assert _post_decision(reviewer_client, declaration, stage).status_code == 302
    return declaration


@pytest.fixture
def reviewer_client():
    staff_client = Client()
    staff_client.force_login(reviewer(real_name="李审核"))
    return staff_client


def every_stored_value():
    """Every value of every column of every table, read with raw SQL."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, memoryview | bytes):
                        value = bytes(value).decode("latin-1")
                    yield table, column, str(value)


def test_no_table_holds_a_full_id_number_after_the_whole_flow(client, reviewer_client):
    run_applicant_flow(client, reviewer_client)
    found = [
        (table, column)
        for table, column, value in every_stored_value()
        if ID_NUMBER in value.upper() or ID_NUMBER[:17] in value
    ]
    assert found == []
    # The scan does read the data: the applicant's name is there in the clear.
    assert any("王建设" in value for _, _, value in every_stored_value())


def test_no_log_line_of_the_whole_flow_shows_a_full_id_number_or_mobile_number(
    client, reviewer_client, caplog, settings
):
    settings.SMS_BACKEND = "accounts.sms.backends.console.ConsoleBackend"
    caplog.set_level(logging.DEBUG)
    run_applicant_flow(client, reviewer_client)
    # A password reset sends a second SMS to the registered phone.
    client.post("/accounts/logout/")
    settings.SMS_CODE_RESEND_INTERVAL = 0
    client.post("/accounts/password/reset/", {"phone": PHONE, **CAPTCHA_OK})
    run_sms_worker()
    assert SmsMessage.objects.filter(status=SmsMessage.Status.SENT).count() == 2
    messages = [record.getMessage() for record in caplog.records]
    assert len([m for m in messages if m.startswith("SMS to 139****5678")]) == 2
    assert [m for m in messages if full_numbers(m)] == []


def test_every_list_page_and_the_export_show_numbers_masked(client, reviewer_client):
    declaration = run_applicant_flow(client, reviewer_client)
    admin = StaffFactory(is_superuser=True)
    admin_client = Client()
    admin_client.force_login(admin)
    round_pk = declaration.round_id
    admin_pages = [
        "/admin/users/",
        f"/admin/users/?q={declaration.applicant.username}",
        QUEUE,
        f"{QUEUE}?q={TYPED}",
        "/admin/review/reviewstage/",
        reverse("review-rounds"),
        reverse("wagtailsnippets_declarations_titlecatalogue:list"),
        reverse("wagtailsnippets_declarations_declarationround:list"),
        "/admin/accounts/sms/",
        "/admin/accounts/audit/",
    ]
    applicant_pages = [
        "/applicant/",
        reverse("declarations:declaration-list"),
        reverse("declarations:titles"),
        *(f"/applicant/profile/{s.key}/" for s in SECTIONS if not s.single),
    ]
    for page_client, urls in ((admin_client, admin_pages), (client, applicant_pages)):
        for url in urls:
            response = page_client.get(url)
            assert response.status_code == 200, url
            # A search page repeats what was typed (lower case here); the data must not appear.
            shown = [n for n in full_numbers(response.content.decode()) if n != TYPED]
            assert shown == [], url
    queue = admin_client.get(QUEUE).content.decode()
    assert "1101**********002X" in queue
    assert "139****5678" in queue

    export = admin_client.get(reverse("review-export-round", args=[round_pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "1101**********002X" in cells
    assert [c for c in cells if full_numbers(c)] == []


def test_only_opening_a_declaration_records_a_staff_viewing_of_the_full_number(client, reviewer_client):
    declaration = run_applicant_flow(client, reviewer_client)
    views = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW_ID_NUMBER)
    # The flow opened the review page once before deciding.
    assert views.count() == 1
    event = views.first()
    assert event.user.real_name == "李审核"
    assert event.account == "1101**********002X"
    assert event.detail == f"审核申报 #{declaration.pk}"

    reviewer_client.get(QUEUE)
    reviewer_client.get(QUEUE, {"q": ID_NUMBER})
    assert views.count() == 1
    page = reviewer_client.get(inspect_url(declaration)).content.decode()
    assert ID_NUMBER in page  # the reviewer's declaration view shows it in full
    assert views.count() == 2
