"""The employer's check (单位审核, SPEC 9) through the real pages, each person at their own browser.

An officer registers the employer on the public site (phone and captcha, the SMS code from the
outbox, the officer's and the employer's data with the licence scan); a reviewer approves it in the
admin; the applicant chooses the employer in 基本信息 and submits in a round that uses the
employer's step; the officer returns 学历信息 for correction; the applicant fixes it and resubmits
(提交补正); the officer records the 单位公示 (too short first, then five working days or more, with
the report and 无异议) and recommends with the 真实性保证; the reviewer finds the declaration in the
department's 审核队列.

The employer shell's pages are photographed at 1366 px and 390 px wide into
test-artifacts/employers/ (copied to docs/screenshots/employers/), and none of them scrolls
sideways on the phone.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.masking import mask_phone
from accounts.models import SmsMessage
from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from declarations import signup
from declarations.models import Declaration
from declarations.tests.factories import make_complete_profile
from declarations.workflow import Status
from employers.checks import GUARANTEE
from employers.models import Employer, Publicity
from home.tests.factories import make_home
from review.tests.factories import ReviewRoundFactory, reviewer
from workdays.calendar import add_workdays, count_workdays

from .conftest import ARTIFACTS, restore_migrated_data
from .test_journeys import QUEUE, expect_message, log_in_admin, nav, pdf

pytestmark = pytest.mark.django_db(transaction=True)

OFFICER_PHONE = "13700001111"
OFFICER_PASSWORD = "Danwei#2026jb"
APPLICANT_PHONE = "13800138222"
EMPLOYER_NAME = "太原市第一建筑工程有限公司"
CREDIT_CODE = "91350100M000100Y43"  # valid (FACTS.md)
EMPLOYERS_ADMIN = "/admin/employers/employer/"
SHOTS = ARTIFACTS / "employers"
WIDE, PHONE = 1366, 390


@pytest.fixture(autouse=True)
def _migrated_data():
    restore_migrated_data()
    make_home()


def shoot(page, name: str) -> None:
    """Photograph the page at both widths; on the phone it must not scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (WIDE, PHONE):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        if width == PHONE:
            overflow = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert overflow[0] <= overflow[1], f"{name} scrolls sideways at {PHONE} px: {overflow}"
    page.set_viewport_size({"width": WIDE, "height": 900})


def log_in(page, account: str, password: str, landing: str) -> None:
    """The one login page of the public site; the account type decides where it lands."""
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("手机号码或身份证号码").fill(account)
    page.get_by_label("密码", exact=True).fill(password)
    page.fill("input[name=captcha_1]", "PASSED")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{landing}")


def employer_nav(page, title: str) -> None:
    page.locator(".applicant-nav").get_by_role("link", name=title, exact=True).click()


def count_of(page, status: str) -> str:
    """The number beside a status in the counts of the employer's home or queue."""
    return page.locator(".status-counts li", has_text=status).locator("strong").inner_text()


def badge(page) -> str:
    return page.locator("h1 + p .state-badge, .card .state-badge").first.inner_text()


# --- the steps ------------------------------------------------------------------------------


def register_employer(page) -> None:
    page.goto(f"{page.base_url}/employer/register/")
    page.get_by_role("heading", name="用人单位注册").wait_for()
    page.get_by_label("手机号码").fill(OFFICER_PHONE)
    page.fill("input[name=captcha_1]", "PASSED")
    shoot(page, "register-phone")
    page.get_by_role("button", name="获取短信验证码").click()
    expect_message(page, f"短信验证码已发往 {mask_phone('+86' + OFFICER_PHONE)}")

    page.get_by_role("heading", name="验证手机号码").wait_for()
    # A wrong code is refused and the phone stays unverified.
    page.get_by_label("短信验证码").fill("000000")
    page.get_by_role("button", name="下一步").click()
    page.locator(".form-field__error").first.wait_for()
    assert "/employer/register/verify/" in page.url
    code = SmsMessage.objects.filter(phone=f"+86{OFFICER_PHONE}", template="verification_code").latest("created_at")
    page.get_by_label("短信验证码").fill(code.params["code"])
    shoot(page, "register-verify")
    page.get_by_role("button", name="下一步").click()

    page.get_by_role("heading", name="填写经办人和单位信息").wait_for()
    page.get_by_text(f"手机号码 {mask_phone('+86' + OFFICER_PHONE)} 已验证").wait_for()
    page.get_by_label("经办人姓名").fill("王经办")
    page.locator("input[name=password1]").fill(OFFICER_PASSWORD)
    page.locator("input[name=password2]").fill(OFFICER_PASSWORD)
    page.get_by_label("单位名称").fill(EMPLOYER_NAME)
    # A mistyped credit code (wrong check character) is refused with the reason, nothing saved.
    page.get_by_label("统一社会信用代码").fill("911100001000013428")
    page.get_by_label("单位性质").select_option(label="国有企业")
    page.get_by_label("单位地址").fill("山西省太原市小店区长治路 1 号")
    page.get_by_label("联系人").fill("王经办")
    page.get_by_label("联系电话").fill("0351-7654321")
    page.set_input_files("input[name=licence_file]", pdf("营业执照.pdf"))
    page.get_by_role("button", name="提交注册").click()
    page.locator(".form-field--error", has_text="校验位").wait_for()
    assert not Employer.objects.exists()
    shoot(page, "register-details-error")

    page.locator("input[name=password1]").fill(OFFICER_PASSWORD)
    page.locator("input[name=password2]").fill(OFFICER_PASSWORD)
    page.get_by_label("统一社会信用代码").fill(CREDIT_CODE.lower())
    page.set_input_files("input[name=licence_file]", pdf("营业执照.pdf"))
    page.get_by_role("button", name="提交注册").click()
    expect_message(page, "单位注册已提交，请等待主管部门审核；审核结果将以短信通知。请使用手机号码登录。")
    assert "/accounts/login/" in page.url


def officer_waits(page) -> None:
    log_in(page, OFFICER_PHONE, OFFICER_PASSWORD, "/employer/")
    page.get_by_role("heading", name=EMPLOYER_NAME).wait_for()
    page.get_by_text("单位注册正在等待主管部门审核").wait_for()
    assert badge(page) == "待审核"
    assert page.get_by_text(f"统一社会信用代码：{CREDIT_CODE}").is_visible()
    shoot(page, "home-pending")
    # Until approved the shell's other pages send the officer back home.
    employer_nav(page, "申报审核")
    page.wait_for_url("**/employer/")
    page.get_by_text("单位注册正在等待主管部门审核").wait_for()


def approve_in_admin(page) -> None:
    log_in_admin(page, "shenhe", EMPLOYERS_ADMIN)
    row = page.locator("tr", has_text=EMPLOYER_NAME)
    assert "待审核" in row.inner_text()
    # The row's button to the registration's page (its label is the admin's translation).
    row.locator(f"a[href$='{EMPLOYERS_ADMIN}inspect/{Employer.objects.get().pk}/']").first.click()
    page.get_by_role("heading", name=EMPLOYER_NAME).first.wait_for()
    page.get_by_text(CREDIT_CODE).wait_for()
    page.get_by_text("王经办").first.wait_for()
    with page.expect_popup() as popup:
        page.get_by_role("link", name="查看扫描件").click()
    popup.value.wait_for_load_state()
    popup.value.close()
    page.get_by_role("button", name="审核通过（认证）").click()
    expect_message(page, f"“{EMPLOYER_NAME}”：审核通过（认证），已短信通知单位经办人。")
    page.get_by_text("已认证").first.wait_for()
    sms = SmsMessage.objects.get(template="employer_approved")
    assert sms.phone == f"+86{OFFICER_PHONE}"
    assert sms.params == {"name": "王经办", "employer": EMPLOYER_NAME}


def choose_employer(page) -> None:
    nav(page, "基本信息")
    panel = page.locator("section", has=page.get_by_role("heading", name="所在单位（单位库）"))
    panel.get_by_text("尚未从单位库选择所在单位").wait_for()
    shoot(page, "basic-info-panel-empty")
    panel.get_by_role("link", name="选择所在单位").click()
    page.get_by_role("heading", name="选择所在单位").wait_for()
    page.get_by_text("当前所在单位：尚未选择").wait_for()
    # Search by the start of the credit code, as printed on the licence.
    page.get_by_label("单位名称或统一社会信用代码").fill(CREDIT_CODE[:8])
    page.get_by_role("button", name="查询").click()
    page.get_by_label(f"{EMPLOYER_NAME}（{CREDIT_CODE}）").check()
    shoot(page, "choose-employer")
    page.get_by_role("button", name="选择该单位").click()
    expect_message(page, "所在单位已保存。")
    assert page.url.endswith("/applicant/profile/basic-info/")
    panel.get_by_text(f"{EMPLOYER_NAME}（{CREDIT_CODE}）").wait_for()
    panel.get_by_role("link", name="更改所在单位").wait_for()
    shoot(page, "basic-info-panel")


def submit(page, heading: str) -> None:
    page.get_by_role("heading", name=heading).wait_for()
    page.get_by_text("必填信息已齐全").wait_for()
    page.check("input[name=pledge]")
    page.get_by_role("button", name="确认提交").click()
    expect_message(page, "申报已提交，正在由所在单位审核")


def return_for_correction(page, applicant_name: str) -> None:
    employer_nav(page, "申报审核")
    page.get_by_role("heading", name="申报审核").wait_for()
    row = page.locator("tbody tr", has_text=applicant_name)
    assert "单位审核中" in row.inner_text()
    assert "138****8222" in row.inner_text()  # numbers masked
    assert count_of(page, "单位审核中") == "1"
    shoot(page, "queue")
    row.get_by_role("link", name="审核").click()
    page.get_by_role("heading", name=f"单位审核：{applicant_name}").wait_for()
    page.get_by_role("heading", name="2.2.3 学历信息").wait_for()
    # Nothing can be recommended before the 单位公示.
    page.get_by_text("推荐前须先进行单位公示").wait_for()

    # Asking for a correction without a reason is refused.
    page.get_by_label("退回“学历信息”").check()
    page.get_by_role("button", name="退回补正").click()
    page.get_by_text("请填写“学历信息”的退回原因。").first.wait_for()
    assert Declaration.objects.get().status == Status.EMPLOYER_REVIEW

    page.get_by_label("退回“学历信息”").check()
    page.get_by_label("“学历信息”退回原因").fill("毕业证书扫描件不清晰，请重新上传。")
    due = page.get_by_label("补正截止日期").input_value()
    assert due == add_workdays(timezone.localdate(), 5).isoformat()
    shoot(page, "declaration-check")
    page.get_by_role("button", name="退回补正").click()
    expect_message(page, "已退回补正，申报人将收到短信通知。")
    page.get_by_text(f"已退回补正，补正截止时间 {due} 23:59").wait_for()
    assert page.locator("h1 + p .state-badge").inner_text() == "单位退回补正"
    sms = SmsMessage.objects.get(template="employer_correction")
    assert sms.phone == f"+86{APPLICANT_PHONE}"


def correct_and_resubmit(page) -> None:
    nav(page, "首页")
    page.get_by_text("所在单位已将申报退回补正").wait_for()
    assert page.locator("#declaration-status-title ~ p .state-badge").inner_text() == "单位退回补正"
    returned = page.locator(".correction-list li")
    assert returned.count() == 1
    assert returned.inner_text() == "2.2.3 学历信息：毕业证书扫描件不清晰，请重新上传。"

    # Only the returned section opens; the others stay frozen.
    nav(page, "论文")
    page.get_by_text("您的申报已被所在单位退回补正，只能修改退回的栏目（学历信息）").wait_for()
    assert page.get_by_role("link", name="新增", exact=True).count() == 0

    nav(page, "首页")
    returned.get_by_role("link", name="2.2.3 学历信息").click()
    page.locator("input[name=ids]").first.check()
    page.get_by_role("button", name="修改", exact=True).click()
    page.set_input_files("input[name=diploma_scan]", pdf("毕业证书（清晰）.pdf"))
    page.get_by_role("button", name="保存").click()
    expect_message(page, "“学历信息”已保存。")

    nav(page, "我申报的")
    page.get_by_role("link", name="提交补正", exact=True).click()
    submit(page, "提交补正：工程师")
    page.get_by_text("单位审核中").first.wait_for()


def record_publicity(page, applicant_name: str, start, end, new: bool) -> None:
    declaration = page.get_by_label(f"{applicant_name} · 工程师", exact=False)
    if new:
        declaration.check()
    else:
        assert declaration.is_checked()  # editing keeps the declarations of the 公示
    page.get_by_label("公示开始日期").fill(start.isoformat())
    page.get_by_label("公示结束日期").fill(end.isoformat())
    page.get_by_label("公示地点或方式").fill("单位办公楼一楼公告栏")
    if new:
        page.set_input_files("input[name=report_file]", pdf("公示照片.pdf"))
    page.get_by_label("公示结果").select_option(label="无异议")
    page.get_by_role("button", name="保存").click()
    expect_message(page, "单位公示已登记。")


def publicise_and_recommend(page, applicant_name: str) -> None:
    today = timezone.localdate()
    employer_nav(page, "单位公示")
    page.get_by_role("heading", name="单位公示").wait_for()
    page.get_by_text("尚未登记单位公示。").wait_for()
    shoot(page, "publicity-list-empty")
    page.get_by_role("link", name="登记新的公示").click()
    page.get_by_role("heading", name="登记单位公示").wait_for()
    # Saving without the report is refused.
    page.get_by_role("button", name="保存").click()
    page.get_by_text("请上传公示照片或公示报告。").wait_for()
    page.get_by_text("请选择本次公示的申报。").wait_for()
    shoot(page, "publicity-form-errors")

    # First a 公示 of two working days: too short to recommend.
    short_end = today - timedelta(days=1)
    short_start = short_end
    while count_workdays(short_start, short_end) < 2:
        short_start -= timedelta(days=1)
    record_publicity(page, applicant_name, short_start, short_end, new=True)
    row = page.locator("tbody tr").first
    assert "无异议" in row.inner_text() and "2" in row.locator("td").nth(2).inner_text()

    employer_nav(page, "申报审核")
    page.locator("tbody tr", has_text=applicant_name).get_by_role("link", name="审核").click()
    page.get_by_text(
        f"单位公示期（{short_start:%Y-%m-%d} 至 {short_end:%Y-%m-%d}）只有 2 个工作日，不足本批次要求的 5 个工作日"
    ).wait_for()
    assert page.get_by_role("button", name="推荐报送主管部门").count() == 0

    # The 公示 corrected to three weeks, ended yesterday: five working days or more.
    start = today - timedelta(days=21)
    employer_nav(page, "单位公示")
    page.locator("tbody tr").first.get_by_role("link", name="修改", exact=True).click()
    page.get_by_role("heading", name="修改单位公示").wait_for()
    shoot(page, "publicity-form")
    record_publicity(page, applicant_name, start, short_end, new=False)
    days = count_workdays(start, short_end)
    assert days >= 5
    page.locator("tbody tr", has_text=f"{start:%Y-%m-%d} 至 {short_end:%Y-%m-%d}").wait_for()
    shoot(page, "publicity-list")
    assert Publicity.objects.get().report.original_name == "公示照片.pdf"

    employer_nav(page, "申报审核")
    page.locator("tbody tr", has_text=applicant_name).get_by_role("link", name="审核").click()
    page.get_by_text(
        f"单位公示：{start:%Y-%m-%d} 至 {short_end:%Y-%m-%d}（{days} 个工作日），单位办公楼一楼公告栏，结果：无异议。"
    ).wait_for()
    page.get_by_text(GUARANTEE).wait_for()
    shoot(page, "declaration-recommend")
    # The resubmitted snapshot and the correction's record are on the page.
    page.get_by_text("第1次提交（第1次补正）").first.wait_for()
    page.locator(".card", has_text="退回补正记录").get_by_text("毕业证书扫描件不清晰，请重新上传。").wait_for()
    # The 真实性保证 must be confirmed.
    page.get_by_role("button", name="推荐报送主管部门").click()
    page.get_by_text("请阅读并勾选真实性保证。").first.wait_for()
    assert Declaration.objects.get().status == Status.EMPLOYER_REVIEW
    page.get_by_label("我单位已阅读并作出上述真实性保证").check()
    page.get_by_role("button", name="推荐报送主管部门").click()
    expect_message(page, "已推荐，申报已报送主管部门资格审查。")
    assert page.locator("h1 + p .state-badge").inner_text() == "单位已推荐"
    employer_nav(page, "单位首页")
    assert count_of(page, "单位已推荐") == "1"
    shoot(page, "home")


def reviewer_finds_it(page, applicant_name: str) -> None:
    page.goto(f"{page.base_url}{QUEUE}")
    search = page.locator("input[name=q]").first
    search.fill(applicant_name)
    search.press("Enter")
    page.wait_for_url("**q=*")
    row = page.locator("tbody tr", has_text=applicant_name)
    assert "单位已推荐" in row.inner_text()
    row.get_by_role("link", name="审核", exact=True).click()
    page.get_by_role("heading", name="申报审核").first.wait_for()
    page.get_by_text("2.2.3 学历信息").first.wait_for()


# --- the journey ----------------------------------------------------------------------------


def test_employer_registers_checks_returns_publicises_and_recommends_to_the_department(open_page):
    declaration_round = ReviewRoundFactory(signup_open=True, uses_employer_step=True, stages=("厅审核",))
    applicant_user = UserFactory(real_name="李申报", phone=f"+86{APPLICANT_PHONE}")
    make_complete_profile(applicant_user)
    signup.sign_up(applicant_user, declaration_round.pk, declaration_round.titles.get().pk)
    reviewer(username="shenhe", real_name="周审核")
    officer, staff, applicant = open_page("officer"), open_page("reviewer"), open_page("applicant")

    register_employer(officer)
    officer_waits(officer)

    # Before choosing an approved employer the applicant cannot submit in this round.
    log_in(applicant, APPLICANT_PHONE, DEFAULT_PASSWORD, "/applicant/")
    nav(applicant, "我申报的")
    applicant.get_by_role("link", name="申报", exact=True).click()
    applicant.get_by_text("本批次申报须先经所在单位审核：请先在“基本信息”中从单位库选择您的工作单位").wait_for()
    assert applicant.get_by_role("button", name="确认提交").count() == 0
    # A registered employer waiting for approval is not in the register yet.
    applicant.goto(f"{applicant.base_url}/applicant/profile/basic-info/employer/?q={CREDIT_CODE}")
    applicant.get_by_text("没有找到已认证的单位，请核对名称或代码。").wait_for()

    approve_in_admin(staff)
    officer.reload()
    officer.get_by_role("heading", name="本单位申报").wait_for()
    assert badge(officer) == "已认证"

    choose_employer(applicant)
    nav(applicant, "我申报的")
    applicant.get_by_role("link", name="申报", exact=True).click()
    submit(applicant, "申报：工程师")
    applicant.get_by_text("单位审核中").first.wait_for()
    declaration = Declaration.objects.get()
    assert declaration.status == Status.EMPLOYER_REVIEW
    # Still with the employer: not in the department's queue.
    staff.goto(f"{staff.base_url}{QUEUE}")
    assert staff.locator("tbody tr", has_text="李申报").count() == 0

    return_for_correction(officer, "李申报")
    correct_and_resubmit(applicant)
    declaration.refresh_from_db()
    assert declaration.status == Status.EMPLOYER_REVIEW
    assert declaration.resubmitted_at is None  # not the one second declaration
    assert declaration.snapshots.count() == 2

    publicise_and_recommend(officer, "李申报")
    declaration.refresh_from_db()
    assert declaration.status == Status.RECOMMENDED

    nav(applicant, "首页")
    applicant.get_by_text("所在单位已审核推荐，申报已报送主管部门资格审查").wait_for()

    reviewer_finds_it(staff, "李申报")
