"""Forgot password by SMS, then log in with the new password, through the real pages.

The image captcha runs in test mode (answer PASSED); the code is read from the SMS outbox, as an
operator would with `manage.py sms_outbox`.
"""

import pytest

from accounts.models import SmsMessage
from accounts.tests.factories import UserFactory

from .conftest import restore_migrated_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_forgotten_password_is_reset_by_sms_and_the_new_one_logs_in(page):
    restore_migrated_data()
    UserFactory(phone="+8613900139000", real_name="赵工程")

    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_role("link", name="忘记密码").click()
    page.get_by_label("手机号码").fill("13900139000")
    page.fill("input[name=captcha_1]", "PASSED")
    page.get_by_role("button", name="获取短信验证码").click()

    page.get_by_text("短信验证码").first.wait_for()
    code = SmsMessage.objects.filter(phone="+8613900139000").latest("created_at").params["code"]
    page.fill("input[name=sms_code]", code)
    page.get_by_role("button", name="下一步").click()

    page.fill("input[name=new_password1]", "Xin#Mima2026")
    page.fill("input[name=new_password2]", "Xin#Mima2026")
    page.get_by_role("button", name="设置新密码").click()
    page.wait_for_url("**/accounts/login/**")

    page.get_by_label("手机号码或身份证号码").fill("13900139000")
    page.get_by_label("密码", exact=True).fill("Xin#Mima2026")
    page.fill("input[name=captcha_1]", "PASSED")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/applicant/")
    assert "赵工程" in page.locator("header").inner_text()
