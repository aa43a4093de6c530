"""An operator's script registers an account using only the pages, the worker and `sms_outbox`."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.tests.conftest import CAPTCHA_OK, run_db_worker_command

# The real `db_worker` command manages its own connections and transactions.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_console_backend_and_sms_outbox_let_a_script_register_an_account(client, settings):
    settings.SMS_BACKEND = "accounts.sms.backends.console.ConsoleBackend"
    phone = "13700137000"
    client.post("/accounts/register/", {"action": "send_code", "phone": phone, **CAPTCHA_OK})
    run_db_worker_command()

    out = io.StringIO()
    call_command("sms_outbox", "--last", "1", "--phone", phone, stdout=out)
    code = re.search(r"验证码为 (\d{6})", out.getvalue()).group(1)
    assert " sent " in out.getvalue()

    response = client.post(
        "/accounts/register/",
        {
            "action": "register",
            "real_name": "赵工程",
            "id_number": "11010519491231002X",
            "phone": phone,
            "sms_code": code,
            "password1": "Zhaogong#2026",
            "password2": "Zhaogong#2026",
            "employer": "山西路桥建设集团",
        },
    )
    assert response["Location"] == "/"

    login = client.post(
        "/accounts/login/", {"account": "11010519491231002X", "password": "Zhaogong#2026", **CAPTCHA_OK}
    )
    assert login["Location"] == "/applicant/"
    assert get_user_model().objects.get(phone=f"+86{phone}").real_name == "赵工程"
