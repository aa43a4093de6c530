"""Demo data of the review app, run by `manage.py seed_demo`: the open round and an earlier round
with the two stages 初审 → 复审, and extra demo applicants whose declarations are submitted, in
review, failed with released comments and passed. Idempotent: an applicant that exists is kept.
"""

from datetime import date, timedelta
from io import BytesIO

from django.contrib.auth import get_user_model
from django.utils import timezone
from fpdf import FPDF
from PIL import Image, ImageDraw

from accounts.demo import Credential, demo_url
from accounts.validators import check_digit
from declarations import workflow
from declarations.models import (
    BasicInfo,
    Declaration,
    DeclarationRound,
    Education,
    Paper,
    PrivateFile,
    Qualification,
    WorkExperience,
)
from declarations.sections import SECTIONS
from declarations.submission import submit
from declarations.workflow import Decision
from review.decisions import SectionInput, decide
from review.models import DEFAULT_STAGE_NAME, ReviewStage
from review.release import release_round
from review.stages import ensure_stages

DEMO_STAGES = ("初审", "复审")
PASSWORD = "Shenbao#2026"
# username, real name, phone, employer, what happens to the declaration
DEMO_APPLICANTS = (
    ("demo_failed", "周未过", "13800000003", "晋城市建筑设计研究院", "failed"),
    ("demo_passed", "吴通过", "13800000004", "大同市政工程有限公司", "passed"),
    ("demo_submitted", "钱已交", "13800000005", "太原市第三建筑工程公司", "submitted"),
    ("demo_in_review", "孙审核", "13800000006", "阳泉路桥建设集团", "in_review"),
    ("demo_recusal", "郑回避", "13800000007", "省住房和城乡建设厅", "submitted"),
)
FAIL_COMMENTS = {
    "papers": "论文所载刊物不在认定期刊目录内，请更换为认定目录内期刊发表的论文。",
    "work-experience": "工作经历证明材料未加盖单位公章，请重新上传。",
}


def seed(command) -> list[Credential]:
    current = DeclarationRound.objects.filter(year=timezone.localdate().year).order_by("-signup_starts_at").first()
    if current is None:
        return []
    earlier = _earlier_round(current)
    for declaration_round in (current, earlier):
        _two_stages(declaration_round)
    credentials = []
    for username, real_name, phone, employer, outcome in DEMO_APPLICANTS:
        declaration_round = earlier if outcome in ("failed", "passed") else current
        applicant = _applicant(username, real_name, phone, employer)
        if not Declaration.objects.filter(applicant=applicant).exists():
            _declare(applicant, declaration_round, outcome)
        credentials.append(Credential(f"申请人（{real_name}）", phone, PASSWORD, demo_url("accounts:login")))
    # The earlier round's results are due: release them (the cron job would do the same).
    if earlier.is_release_due():
        release_round(earlier)
    command.stdout.write(
        f"评审演示数据：{current.name}、{earlier.name}，阶段 {' → '.join(DEMO_STAGES)}；"
        f"演示申报 {Declaration.objects.filter(applicant__username__in=[a[0] for a in DEMO_APPLICANTS]).count()} 份"
    )
    return credentials


def _earlier_round(current: DeclarationRound) -> DeclarationRound:
    """A round of the same year whose results were released yesterday; second declarations are open."""
    name = f"{current.year}年度第一批（已退回结果）"
    existing = DeclarationRound.objects.filter(year=current.year, name=name).first()
    if existing:
        return existing
    now = timezone.now()
    earlier = DeclarationRound.objects.create(
        year=current.year,
        name=name,
        signup_starts_at=now - timedelta(days=120),
        signup_ends_at=now - timedelta(days=100),
        submission_ends_at=now - timedelta(days=90),
        results_release_at=now - timedelta(days=1),
        second_declaration_ends_at=now + timedelta(days=30),
    )
    earlier.titles.set(current.titles.all())
    return earlier


def _two_stages(declaration_round: DeclarationRound) -> None:
    stages = list(declaration_round.review_stages.all())
    untouched_default = len(stages) == 1 and stages[0].name == DEFAULT_STAGE_NAME and not stages[0].reviews.exists()
    if stages and not untouched_default:
        return
    for order, name in enumerate(DEMO_STAGES, start=1):
        ReviewStage.objects.update_or_create(round=declaration_round, order=order, defaults={"name": name})


def _id_number(phone: str) -> str:
    first17 = f"14010219860415{phone[-3:]}"
    return first17 + check_digit(first17)


def _applicant(username, real_name, phone, employer):
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "real_name": real_name,
            "phone": f"+86{phone}",
            "id_number": _id_number(phone),
            "employer": employer,
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _file(owner, name: str, content: bytes, content_type: str) -> PrivateFile:
    return PrivateFile.create_from_bytes(owner, name, content, content_type)


def _photo() -> bytes:
    """A passport-proportioned picture on a red background."""
    image = Image.new("RGB", (295, 413), (200, 20, 30))
    draw = ImageDraw.Draw(image)
    draw.ellipse((97, 80, 197, 200), fill=(240, 210, 180))
    draw.rectangle((60, 230, 235, 413), fill=(30, 40, 70))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _certificate_image() -> bytes:
    image = Image.new("RGB", (600, 420), (250, 246, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((15, 15, 585, 405), outline=(160, 30, 30), width=6)
    draw.text((220, 190), "CERTIFICATE", fill=(120, 20, 20))
    buffer = BytesIO()
    image.save(buffer, "JPEG")
    return buffer.getvalue()


def _pdf(title: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.cell(0, 12, title)
    pdf.ln(14)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 8, "Demo evidence document for the review screens.")
    return bytes(pdf.output())


def _profile(user) -> None:
    if BasicInfo.objects.filter(owner=user).exists():
        return
    BasicInfo.objects.create(
        owner=user,
        name=user.real_name,
        sex="M",
        birth_date=date(1986, 4, 15),
        id_number=user.id_number,
        political_status="masses",
        phone=str(user.phone.national_number),
        employer=user.employer,
        employer_type="state_owned",
        specialty="建筑工程",
        work_start_date=date(2009, 7, 1),
        mailing_address="太原市迎泽大街1号",
        photo=_file(user, "证件照.png", _photo(), "image/png"),
    )
    WorkExperience.objects.create(
        owner=user,
        start_date=date(2009, 7, 1),
        employer=user.employer,
        technical_work="房屋建筑工程施工技术管理",
        post="项目技术负责人",
        reference_person="王建华",
        attachment=_file(user, "工作证明.pdf", _pdf("Employment certificate"), "application/pdf"),
    )
    Education.objects.create(
        owner=user,
        level="bachelor",
        degree="bachelor",
        school="太原理工大学",
        major="土木工程",
        graduation_date=date(2009, 6, 30),
        study_years=4,
        certificate_number="101121200905000123",
        diploma_scan=_file(user, "毕业证书.pdf", _pdf("Diploma"), "application/pdf"),
    )
    Qualification.objects.create(
        owner=user,
        title="助理工程师",
        level="junior",
        specialty="建筑工程",
        obtained_date=date(2014, 12, 1),
        obtained_by="evaluation",
        approving_body="山西省住房和城乡建设厅",
        certificate_number="ZC2014001",
        certificate_scan=_file(user, "资格证书.jpg", _certificate_image(), "image/jpeg"),
    )
    Paper.objects.create(
        owner=user,
        title="高层建筑深基坑支护施工技术探讨",
        journal="建筑工程技术与设计",
        issn_cn="ISSN 2095-6630",
        published_date=date(2023, 3, 1),
        author_role="sole",
        scan=_file(user, "论文.pdf", _pdf("Paper scan"), "application/pdf"),
    )


def _declare(applicant, declaration_round: DeclarationRound, outcome: str) -> None:
    _profile(applicant)
    title = declaration_round.titles.filter(title_name="工程师").first() or declaration_round.titles.first()
    declaration = Declaration.objects.create(
        applicant=applicant, round=declaration_round, title=title, year=declaration_round.year
    )
    workflow.log_sign_up(declaration, applicant)
    submitted_at = min(timezone.now(), declaration_round.submission_ends_at - timedelta(days=1))
    submit(declaration.pk, applicant, pledge=True, now=submitted_at)
    if outcome == "submitted":
        return
    reviewer = get_user_model().objects.get(username="demo_reviewer")
    stages = ensure_stages(declaration_round)
    passing = [SectionInput(s.key, Decision.PASS) for s in SECTIONS]
    if outcome == "failed":
        decide(
            declaration.pk,
            stages[0].pk,
            reviewer,
            _failing(),
            Decision.FAIL,
            "论文及工作经历证明材料不符合要求，详见各栏目意见。",
        )
        return
    decide(declaration.pk, stages[0].pk, reviewer, passing, Decision.PASS, "材料齐全，同意提交复审。")
    if outcome == "passed":
        decide(declaration.pk, stages[1].pk, reviewer, passing, Decision.PASS, "符合评审条件，同意通过。")


def _failing() -> list:
    return [
        SectionInput(s.key, Decision.FAIL, FAIL_COMMENTS[s.key])
        if s.key in FAIL_COMMENTS
        else SectionInput(s.key, Decision.PASS)
        for s in SECTIONS
    ]
