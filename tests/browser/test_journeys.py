"""The two journeys of the product through the real pages, as a new user would take them.

A. An applicant registers (SMS code from the outbox), logs in with the captcha, signs up for a
   title, fills the 11 profile sections with real uploads (meeting the photo check, a wrong file
   type and a section's limit on the way), submits, finds the profile frozen and downloads the
   declaration form (PDF) and the attachments (ZIP).
B. A reviewer fails two sections in the Wagtail admin, the administrator releases the results,
   the applicant fixes the sections and declares a second time, the reviewer passes it, the
   release sends the pass SMS and the applicant home shows the pass.

Screenshots of key pages are written to test-artifacts/ (declarations-*.png, review-*.png, named
like the ones in docs/screenshots/).
"""

import re
import zipfile
from datetime import date

import pytest
from django.core.management import call_command

from accounts.id_numbers import make_id_number
from accounts.masking import mask_id_number
from accounts.models import SmsMessage
from accounts.sms.backends import locmem
from accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory
from declarations.models import Declaration
from declarations.round_phases import RoundPhase
from declarations.samples import ENTRY_DATA, MINIMAL_PDF, id_photo, image_bytes
from declarations.sections import SECTIONS, get_section
from declarations.tests.factories import RoundFactory, move_to_phase
from declarations.workflow import Status
from home.tests.factories import make_home
from review.tests.factories import make_round as make_review_round
from review.tests.factories import reviewer, submitted_declaration

from .conftest import ARTIFACTS, restore_migrated_data

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Shenbao#2026x"
QUEUE = "/admin/declarations/declaration/"  # 职称评审 → 审核队列
ROUNDS = "/admin/review/rounds/"  # 职称评审 → 批次结果与导出


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": MINIMAL_PDF}


def jpeg(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": image_bytes((80, 60), (40, 90, 160), "JPEG")}


def png(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": image_bytes((80, 60), (60, 140, 60), "PNG")}


# One upload per table section (the uploads ride along with ENTRY_DATA, the valid form data the
# unit tests use too); the ZIP names them "<number> <section>/<entry> <file label>.<ext>".
UPLOADS: dict[str, dict[str, dict]] = {
    "work-experience": {"attachment": pdf("工作证明.pdf")},
    "education": {"diploma_scan": pdf("毕业证书.pdf"), "degree_scan": jpeg("学位证书.jpg")},
    "qualifications": {"certificate_scan": png("资格证书.png")},
    "assessments-awards": {"attachment": jpeg("考核表.jpg")},
    "continuing-education": {"certificate_scan": pdf("培训证书.pdf")},
    "papers": {"scan": pdf("论文.pdf")},
    "practical-materials": {"attachment": pdf("工法证书.pdf")},
    "monographs": {"scan": png("专著封面.png")},
    "work-abilities": {"attachment": pdf("项目证明.pdf")},
    "achievements": {"evidence": jpeg("获奖证书.jpg")},
}
ZIP_NAMES = {
    "2.2.1 基本信息/1 红底免冠照片.jpg",
    "2.2.2 主要工作经历/1 证明材料.pdf",
    "2.2.3 学历信息/1 毕业证书扫描件.pdf",
    "2.2.3 学历信息/1 学位证书扫描件.jpg",
    "2.2.4 专技人员资格信息/1 资格证书扫描件.png",
    "2.2.5 考核考试及获奖/1 证明材料.jpg",
    "2.2.6 继续教育培训/1 培训证书扫描件.pdf",
    "2.2.7 论文/1 论文扫描件.pdf",
    "2.2.8 实用技术材料/1 证明材料.pdf",
    "2.2.9 学术技术专著/1 专著扫描件.png",
    "2.2.10 工作经历能力/1 证明材料.pdf",
    "2.2.11 业绩成果/1 证明材料.jpg",
}


@pytest.fixture(autouse=True)
def _migrated_data():
    restore_migrated_data()
    make_home()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def nav(page, title: str) -> None:
    """Follow a link of the applicant area's left navigation."""
    page.locator(".applicant-nav").get_by_role("link", name=title, exact=True).click()


def expect_message(page, text: str) -> None:
    page.get_by_text(text).first.wait_for()


def wait_for_image(page, selector: str) -> None:
    """The image is served (through the permission-checked file view) and decodes."""
    page.locator(selector).first.scroll_into_view_if_needed()
    page.wait_for_function(
        "selector => { const img = document.querySelector(selector);"
        " return img && img.complete && img.naturalWidth > 0; }",
        arg=selector,
    )


def fill_fields(page, data: dict[str, str]) -> None:
    for name, value in data.items():
        field = page.locator(f"[name={name}]")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def log_in_applicant(page, account: str, password: str) -> None:
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("手机号码或身份证号码").fill(account)
    page.get_by_label("密码", exact=True).fill(password)
    page.fill("input[name=captcha_1]", "PASSED")
    # Enter in the captcha logs in (the form's own button, not 看不清，换一张).
    page.press("input[name=captcha_1]", "Enter")
    page.wait_for_url("**/applicant/")


def log_in_admin(page, username: str, path: str) -> None:
    """Open an admin page (a bookmark), log in on the admin's login form, land on that page."""
    page.goto(f"{page.base_url}{path}")
    page.wait_for_url(lambda url: "/admin/login/" in url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.fill("input[name=captcha_1]", "PASSED")  # the admin's login asks the captcha too
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{page.base_url}{path}")


# --- Journey A ------------------------------------------------------------------------------


def register(page, real_name: str, id_number: str, phone: str) -> None:
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="注册").first.click()
    page.get_by_label("真实姓名").fill(real_name)
    page.get_by_label("身份证号码").fill(id_number)
    page.get_by_label("手机号码").fill(phone)
    page.get_by_label("工作单位").fill("太原市第一建筑工程有限公司")
    page.fill("input[name=captcha_1]", "PASSED")
    page.get_by_role("button", name="发送验证码").click()
    expect_message(page, "验证码短信正在发往")
    code = SmsMessage.objects.filter(phone=f"+86{phone}", template="verification_code").latest("created_at")
    # What was typed comes back; the passwords are never sent back to the browser.
    assert page.get_by_label("真实姓名").input_value() == real_name
    page.get_by_label("短信验证码").fill(code.params["code"])
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name="注册", exact=True).click()
    expect_message(page, "注册成功！请使用手机号码或身份证号码登录。")


def fill_basic_info(page) -> None:
    nav(page, "基本信息")
    fill_fields(
        page,
        {
            "political_status": "masses",
            "employer_type": "state_owned",
            "specialty": "建筑工程",
            "work_start_date": "2010-07-01",
            "current_post": "项目技术负责人",
            "mailing_address": "太原市迎泽区迎泽大街 1 号",
        },
    )
    # A photo with a blue background is refused before any reviewer sees it.
    blue = {"name": "证件照.jpg", "mimeType": "image/jpeg", "buffer": id_photo(background=(30, 80, 200))}
    page.set_input_files("input[name=photo]", blue)
    page.get_by_role("button", name="保存").click()
    expect_message(page, "照片背景不是红色：请上传红底免冠证件照。")
    red = {"name": "证件照.jpg", "mimeType": "image/jpeg", "buffer": id_photo()}
    page.set_input_files("input[name=photo]", red)
    page.get_by_role("button", name="保存").click()
    expect_message(page, "基本信息已保存。")
    wait_for_image(page, "figure.id-photo img")


def add_entry(page, key: str, data: dict[str, str], files: dict[str, dict]) -> None:
    section = get_section(key)
    nav(page, section.title)
    page.get_by_role("link", name="新增", exact=True).click()
    fill_fields(page, data)
    for name, payload in files.items():
        page.set_input_files(f"input[name={name}]", payload)
    page.get_by_role("button", name="保存").click()
    expect_message(page, f"“{section.title}”已保存。")


def fill_table_sections(page) -> None:
    for section in SECTIONS:
        if section.single:
            continue
        if section.key == "papers":
            # A Word document is refused with the allowed types named; the rest of the form stays.
            nav(page, section.title)
            page.get_by_role("link", name="新增", exact=True).click()
            fill_fields(page, ENTRY_DATA["papers"])
            word = {"name": "论文.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04docx"}
            page.set_input_files("input[name=scan]", word)
            page.get_by_role("button", name="保存").click()
            expect_message(page, "文件类型不符合要求：只能上传 pdf、jpg、jpeg、png、gif 格式的文件")
            assert page.locator("[name=title]").input_value() == ENTRY_DATA["papers"]["title"]
            page.set_input_files("input[name=scan]", UPLOADS["papers"]["scan"])
            page.get_by_role("button", name="保存").click()
            expect_message(page, "“论文”已保存。")
            continue
        add_entry(page, section.key, ENTRY_DATA[section.key], UPLOADS[section.key])


def reach_practical_materials_limit(page) -> None:
    """实用技术材料 takes at most 3 entries: then 新增 is gone and the add page refuses."""
    for _ in range(2):
        add_entry(page, "practical-materials", ENTRY_DATA["practical-materials"], {})
    page.get_by_text("已填 3 / 3，已达上限").wait_for()
    assert page.get_by_role("link", name="新增", exact=True).count() == 0
    page.goto(f"{page.base_url}/applicant/profile/practical-materials/add/")
    expect_message(page, "“实用技术材料”最多只能填写 3 条，已达到上限，不能再新增。")


def test_applicant_registers_fills_the_profile_submits_and_downloads(page):
    RoundFactory(signup_open=True)
    id_number = make_id_number(date(1988, 6, 15), serial=7)
    register(page, "李建设", id_number, "13912345678")

    log_in_applicant(page, "13912345678", PASSWORD)
    assert "李建设" in page.locator("header").inner_text()

    nav(page, "职称申报")
    page.get_by_role("link", name="报名", exact=True).click()
    page.get_by_role("button", name="确认报名").click()
    expect_message(page, "报名成功：工程师。")

    fill_basic_info(page)
    fill_table_sections(page)
    reach_practical_materials_limit(page)
    shot(page, "declarations-section-limit")

    nav(page, "我申报的")
    page.get_by_role("link", name="申报", exact=True).click()
    page.get_by_text("必填信息已齐全").wait_for()
    for section in SECTIONS:
        assert page.get_by_role("heading", name=f"{section.number} {section.title}").is_visible()
    shot(page, "declarations-check-and-submit")
    page.check("input[name=pledge]")
    page.get_by_role("button", name="确认提交").click()
    expect_message(page, "申报已提交，请等待审核")

    # Frozen: the table offers no buttons, and the edit page of an entry refuses.
    nav(page, "学历信息")
    page.get_by_text("个人信息已随申报冻结").wait_for()
    assert page.get_by_role("link", name="新增", exact=True).count() == 0
    assert page.locator("input[name=ids]").count() == 0  # read-only: nothing to tick
    entry_id = Declaration.objects.get().applicant.education_entries.get().pk
    page.goto(f"{page.base_url}/applicant/profile/education/{entry_id}/edit/")
    page.locator(".message--error", has_text="个人信息已随申报冻结，审核结果退回前不能修改。").wait_for()
    assert page.url.endswith("/applicant/profile/education/")

    nav(page, "我申报的")
    page.get_by_text("已提交", exact=True).wait_for()
    shot(page, "declarations-list")
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="下载申报表").click()
    assert pdf_download.value.suggested_filename.endswith("职称申报表-李建设.pdf")
    assert pdf_download.value.path().read_bytes().startswith(b"%PDF-")
    with page.expect_download() as zip_download:
        page.get_by_role("link", name="下载附件").click()
    with zipfile.ZipFile(zip_download.value.path()) as archive:
        assert set(archive.namelist()) == ZIP_NAMES
        assert archive.read("2.2.2 主要工作经历/1 证明材料.pdf") == MINIMAL_PDF

    declaration = Declaration.objects.get(applicant__phone="+8613912345678")
    assert declaration.status == Status.SUBMITTED
    assert declaration.snapshots.count() == 1


# --- Journey B ------------------------------------------------------------------------------


def open_in_review_queue(page, name: str) -> None:
    """职称评审 → 审核队列, search by name, 审核."""
    if not page.url.endswith(QUEUE):
        page.goto(f"{page.base_url}{QUEUE}")
    search = page.locator("input[name=q]").first
    search.fill(name)
    search.press("Enter")
    page.wait_for_url("**q=*")
    shot(page, "review-queue")
    page.get_by_role("link", name="审核", exact=True).first.click()
    page.get_by_role("heading", name="申报审核").first.wait_for()


def fill_surely(page, selector: str, text: str) -> None:
    """Fill a field and make sure the text arrived: an embedded PDF that finishes loading can take
    the focus in the middle of typing, and the text then goes to the PDF viewer."""
    field = page.locator(selector)
    for _ in range(3):
        field.fill(text)
        if field.input_value() == text:
            return
    assert field.input_value() == text


def decide(page, decision: str, comment: str, failed_sections: dict[str, str] | None = None) -> None:
    failed_sections = failed_sections or {}
    for section in SECTIONS:
        if section.key not in failed_sections:
            page.check(f"input[name=verdict_{section.key}][value=pass]")
    for key, section_comment in failed_sections.items():
        page.check(f"input[name=verdict_{key}][value=fail]")
        fill_surely(page, f"textarea[name=comment_{key}]", section_comment)
    page.check(f"input[name=decision][value={decision}]")
    fill_surely(page, "textarea[name=comment]", comment)
    # Every section is decided (nothing is preselected); the summary is confirmed before saving.
    page.get_by_role("button", name="下一步：确认审核结论").click()
    page.get_by_role("heading", name="确认审核结论").first.wait_for()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="确认保存").click()
    outcome = page.get_by_text("审核结论已保存。").or_(page.get_by_text("审核结论未保存，请按提示修改。")).first
    try:
        outcome.wait_for()
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "review-decision.html").write_text(page.content())
        raise AssertionError(
            f"no outcome after POST {posted.value.status} {posted.value.url}; now at {page.url}"
        ) from None
    if "未保存" in outcome.inner_text():
        errors = page.locator(".error-message, .help-critical").all_inner_texts()
        checked = page.eval_on_selector_all(
            "input[type=radio]:checked", "inputs => inputs.map(i => i.name + '=' + i.value)"
        )
        raise AssertionError(f"review form refused: {errors}; checked: {checked}")


def release(admin, expected: str) -> None:
    """职称评审 → 批次结果与导出 → 统一退回审核结果 → the counts per outcome → 确认退回."""
    admin.goto(f"{admin.base_url}{ROUNDS}")
    admin.get_by_role("link", name="统一退回审核结果").click()
    admin.get_by_role("button", name=re.compile(r"^确认退回 \d+ 份申报$")).click()
    expect_message(admin, expected)


def test_review_fails_two_sections_applicant_declares_again_and_passes(open_page):
    declaration_round = make_review_round(stage_names=("厅审核",))
    phone = "+8613800138111"
    declaration = submitted_declaration(declaration_round, real_name="王复审", phone=phone)
    reviewer(username="shenhe", real_name="周审核")
    StaffFactory(username="guanli", real_name="吴管理", is_superuser=True)
    # Three people, each at their own browser.
    reviewer_page, admin, applicant = open_page("reviewer"), open_page("admin"), open_page("applicant")

    # The reviewer fails 学历信息 and 论文 with comments.
    log_in_admin(reviewer_page, "shenhe", QUEUE)
    open_in_review_queue(reviewer_page, "王复审")
    assert mask_id_number(declaration.applicant.id_number) in reviewer_page.content()
    wait_for_image(reviewer_page, ".review-file img")
    assert reviewer_page.locator('.review-file object[type="application/pdf"]').count() == 1
    shot(reviewer_page, "review-view")
    decide(
        reviewer_page,
        "fail",
        "学历和论文材料不符合要求。",
        {"education": "毕业证书扫描件不清晰，请重新上传。", "papers": "未提供论文，请补充至少一篇论文。"},
    )

    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    log_in_admin(admin, "guanli", ROUNDS)
    release(admin, "已统一退回 1 份申报（通过 0，未通过 1，最终未通过 0）")

    # The applicant sees the failed sections on the home page and fixes them.
    log_in_applicant(applicant, "13800138111", DEFAULT_PASSWORD)
    applicant.get_by_text("审核结果：审核未通过").wait_for()
    failed = applicant.locator(".review-result__sections li")
    assert failed.count() == 2
    assert "毕业证书扫描件不清晰，请重新上传。" in failed.filter(has_text="学历信息").inner_text()
    assert "未提供论文，请补充至少一篇论文。" in failed.filter(has_text="论文").inner_text()
    shot(applicant, "review-applicant-home-failed")

    failed.filter(has_text="学历信息").get_by_role("link", name="去修改").click()
    applicant.locator("input[name=ids]").first.check()
    applicant.get_by_role("button", name="修改", exact=True).click()
    applicant.set_input_files("input[name=diploma_scan]", pdf("毕业证书（清晰）.pdf"))
    applicant.get_by_role("button", name="保存").click()
    expect_message(applicant, "“学历信息”已保存。")

    nav(applicant, "首页")
    applicant.locator(".review-result__sections li", has_text="论文").get_by_role("link", name="去修改").click()
    applicant.get_by_role("link", name="新增", exact=True).click()
    fill_fields(applicant, ENTRY_DATA["papers"])
    applicant.set_input_files("input[name=scan]", UPLOADS["papers"]["scan"])
    applicant.get_by_role("button", name="保存").click()
    expect_message(applicant, "“论文”已保存。")

    # 二次申报: the same check and pledge, once.
    nav(applicant, "职称申报")
    applicant.get_by_role("link", name="二次申报", exact=True).click()
    applicant.get_by_role("heading", name="二次申报：工程师").wait_for()
    applicant.check("input[name=pledge]")
    applicant.get_by_role("button", name="确认提交").click()
    expect_message(applicant, "申报已提交，请等待审核")
    declaration.refresh_from_db()
    assert declaration.status == Status.RESUBMITTED

    # The reviewer sees what changed and passes it.
    open_in_review_queue(reviewer_page, "王复审")
    reviewer_page.get_by_text("这是二次申报").wait_for()
    for key in ("education", "papers"):
        assert reviewer_page.locator(f"#section-{key} .review-badge").first.is_visible()
    decide(reviewer_page, "pass", "材料齐全，同意。")

    # The second declarations' results have their own release time.
    move_to_phase(declaration_round, RoundPhase.CLOSED)
    release(admin, "已统一退回 1 份申报（通过 1，未通过 0，最终未通过 0）")
    # The release queued the notification; the SMS worker puts it in the outbox and sends it.
    assert not SmsMessage.objects.filter(phone=phone, template="review_passed").exists()
    call_command(
        "db_worker", "--backend", "db", "--queue-name", "sms", "--batch", "--interval", "0", "--no-startup-delay"
    )
    sms = SmsMessage.objects.get(phone=phone, template="review_passed")
    assert sms.params == {"name": "王复审", "title": "工程师"}
    assert [message.phone for message in locmem.outbox] == [phone]

    nav(applicant, "首页")
    applicant.get_by_text("审核结果：审核通过").wait_for()
    shot(applicant, "review-applicant-home-passed")
    declaration.refresh_from_db()
    assert declaration.status == Status.PASSED
