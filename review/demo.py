"""Demo data of the review app, run by `manage.py seed_demo`: the open round and an earlier round
with the two stages 初审 → 复审, and extra demo applicants whose declarations are submitted, in
review, failed with released comments and passed. Idempotent: an applicant that exists is kept.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.demo import Credential, demo_url, demo_user
from accounts.id_numbers import make_id_number
from declarations import workflow
from declarations.demo import seed_complete_profile
from declarations.demo_rounds import DEMO_WINDOW
from declarations.models import (
    Declaration,
    DeclarationRound,
)
from declarations.round_phases import RoundPhase, round_windows
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


def seed(command, through_employer=None) -> list[Credential]:
    """`through_employer` brings a declaration of a round with the employer's check to the
    department (the employers app's demo: choose the employer, then 公示 and 推荐); the demo
    command hands it over, since this app does not know the employers app."""
    current = DeclarationRound.objects.filter(year=timezone.localdate().year).order_by("-signup_starts_at").first()
    if current is None:
        return []
    earlier = _earlier_round(current)
    for declaration_round in (current, earlier):
        _two_stages(declaration_round)
    credentials = []
    for username, real_name, phone, employer, outcome in DEMO_APPLICANTS:
        declaration_round = earlier if outcome in ("failed", "passed") else current
        applicant = demo_user(
            username,
            PASSWORD,
            real_name=real_name,
            phone=f"+86{phone}",
            id_number=make_id_number(date(1986, 4, 15), serial=int(phone[-3:])),
            employer=employer,
        )
        if not Declaration.objects.filter(applicant=applicant).exists():
            _declare(applicant, declaration_round, outcome, through_employer)
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
    """A round of the same year whose results are out; second declarations are open."""
    name = f"{current.year}年度第一批（已退回结果）"
    existing = DeclarationRound.objects.filter(year=current.year, name=name).first()
    if existing:
        return existing
    earlier = DeclarationRound.objects.create(
        year=current.year, name=name, **round_windows(RoundPhase.SECOND_DECLARATION_OPEN, window=DEMO_WINDOW)
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


def _declare(applicant, declaration_round: DeclarationRound, outcome: str, through_employer=None) -> None:
    seed_complete_profile(applicant)
    title = declaration_round.titles.filter(title_name="工程师").first() or declaration_round.titles.first()
    declaration = Declaration.objects.create(
        applicant=applicant, round=declaration_round, title=title, year=declaration_round.year
    )
    workflow.log_sign_up(declaration, applicant)
    submitted_at = min(timezone.now(), declaration_round.submission_ends_at - timedelta(days=1))
    uses_employer = declaration_round.uses_employer_step and through_employer is not None
    if uses_employer:
        # Early in the sign-up, so that the employer's 公示 has run its working days since.
        submitted_at = declaration_round.signup_starts_at + timedelta(hours=2)
    if uses_employer:
        through_employer.before_submit(applicant)
    submit(declaration.pk, applicant, pledge=True, now=submitted_at)
    if uses_employer:
        through_employer.after_submit(declaration)
    if outcome == "submitted":
        return
    reviewer = get_user_model().objects.get(username="demo_reviewer")
    # 初审 and 复审 are decided by different people (review.permissions).
    second_reviewer = get_user_model().objects.get(username="demo_admin")
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
        decide(declaration.pk, stages[1].pk, second_reviewer, passing, Decision.PASS, "符合评审条件，同意通过。")


def _failing() -> list:
    return [
        SectionInput(s.key, Decision.FAIL, FAIL_COMMENTS[s.key])
        if s.key in FAIL_COMMENTS
        else SectionInput(s.key, Decision.PASS)
        for s in SECTIONS
    ]
