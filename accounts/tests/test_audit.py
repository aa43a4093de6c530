import logging
import re

import pytest

from accounts import audit
from accounts.masking import mask_personal_numbers
from accounts.models import AuditEvent
from accounts.tests.conftest import CAPTCHA_OK

pytestmark = pytest.mark.django_db

ID_NUMBER = "140105198503120018"
PHONE = "13800138000"

# What people type into the account field besides a bare number: prefixes, labels, separators,
# full-width digits from a Chinese input method.
TYPED_ID_NUMBERS = [
    "ID140105198503120018",
    "140105.1985.0312.0018",
    "身份证140105198503120018",
    "身份证：1401 0519 8503 1200 18",
    "140105-19850312-0018",
    "id: 140105 19850312 0018 ",
    "１４０１０５１９８５０３１２００１８",
]
TYPED_PHONES = [
    "tel:13800138000",
    "138 0013 8000",
    "138-0013-8000",
    "+86 138-0013-8000",
    "8613800138000",
    "手机13800138000",
    "１３８００１３８０００",
]


def fail_login(client, account: str) -> AuditEvent:
    client.post("/accounts/login/", {"account": account, "password": "wrong-password", **CAPTCHA_OK})
    return AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


@pytest.mark.parametrize("typed", TYPED_ID_NUMBERS)
def test_a_failed_login_stores_an_id_number_masked_however_it_was_typed(client, typed, caplog):
    with caplog.at_level(logging.INFO, logger="accounts.audit"):
        event = fail_login(client, typed)

    assert "1401**********0018" in event.account
    assert ID_NUMBER not in digits(event.account)
    assert ID_NUMBER not in digits(caplog.text)


@pytest.mark.parametrize("typed", TYPED_PHONES)
def test_a_failed_login_stores_a_phone_masked_however_it_was_typed(client, typed, caplog):
    with caplog.at_level(logging.INFO, logger="accounts.audit"):
        event = fail_login(client, typed)

    assert "138****8000" in event.account
    assert PHONE not in digits(event.account)
    assert PHONE not in digits(caplog.text)


def test_a_username_is_stored_as_typed(client):
    assert fail_login(client, "reviewer1").account == "reviewer1"


def test_numbers_in_the_detail_are_masked_too():
    event = audit.record(
        audit.Action.REGISTER, audit.Outcome.FAILURE, account="", detail=f"号码 {PHONE} 与身份证 {ID_NUMBER} 不符"
    )
    assert event.detail == "号码 138****8000 与身份证 1401**********0018 不符"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("11010519491231002x", "1101**********002X"),
        ("1401051985031200181", "140************0181"),  # glued to one more digit
        ("14010519850312001", "140**********2001"),  # one digit short
        ("13800138000x", "138****8000x"),
        ("#12 verification_code attempt 3", "#12 verification_code attempt 3"),
        ("锁定至 2026-12-01T22:45:00.123456+00:00", "锁定至 2026-12-01T22:45:00.123456+00:00"),
        ("审核申报 #1234567890", "审核申报 #1234567890"),
    ],
)
def test_what_looks_like_a_personal_number_is_masked_and_nothing_else(text, masked):
    assert mask_personal_numbers(text) == masked
