"""The employer's check of a declaration (单位审核, SPEC 9): per-section remarks, the return for
correction (退回补正) with its deadline in working days, the recommendation (推荐) with the
真实性保证, and the end of a correction whose deadline passed. Statuses move only through
`declarations.workflow`; the officer's role on a declaration is `access.employer_roles`."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from declarations import workflow
from declarations.models import Declaration
from declarations.sections import SECTIONS_BY_KEY
from declarations.workflow import Status
from employers import publicity, sms
from employers.access import own_declaration
from employers.models import CorrectionRequest, Officer, Recommendation, Remark
from workdays.calendar import add_workdays

GUARANTEE = (
    "本单位已对申报人提交的全部申报材料进行审核，确认所提交材料真实、准确、完整，"
    "并已按规定在本单位内进行公示，公示期满无异议或异议已妥善处理。如有虚假，本单位承担相应责任。"
)
REASON_MAX = 500


class CheckRefused(Exception):
    """The officer's action cannot be taken; ``str()`` is the Chinese message."""


def default_due_date(declaration: Declaration, today: date | None = None) -> date:
    """The round's number of working days for a correction, counted from today."""
    return add_workdays(today or timezone.localdate(), declaration.round.correction_workdays)


def end_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def clean_reasons(reasons: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for key, reason in reasons.items():
        if key not in SECTIONS_BY_KEY:
            raise CheckRefused("退回的栏目不存在。")
        reason = (reason or "").strip()
        if not reason:
            raise CheckRefused(f"请填写“{SECTIONS_BY_KEY[key].title}”的退回原因。")
        if len(reason) > REASON_MAX:
            raise CheckRefused(f"“{SECTIONS_BY_KEY[key].title}”的退回原因不能超过 {REASON_MAX} 字。")
        cleaned[key] = reason
    return cleaned


@transaction.atomic
def save_remarks(officer: Officer, declaration_pk: int, remarks: dict[str, str]) -> int:
    """Keep the officer's remarks per section (empty text removes one). Never shown to the applicant."""
    declaration = own_declaration(officer, declaration_pk, for_update=True)
    if declaration.status != Status.EMPLOYER_REVIEW:
        raise CheckRefused(f"申报当前状态为“{declaration.phase.public_name}”，不能修改审核意见。")
    saved = 0
    for key, text in remarks.items():
        if key not in SECTIONS_BY_KEY:
            continue
        text = (text or "").strip()[:1000]
        if text:
            Remark.objects.update_or_create(
                declaration=declaration, section_key=key, defaults={"text": text, "author": officer.user}
            )
            saved += 1
        else:
            Remark.objects.filter(declaration=declaration, section_key=key).delete()
    return saved


@transaction.atomic
def return_for_correction(
    officer: Officer, declaration_pk: int, reasons: dict[str, str], due_date: date | None = None, now=None
) -> CorrectionRequest:
    """退回补正: the returned sections open for the applicant until the deadline's end of day.
    It does not use the applicant's one second declaration (the status stays at the employer)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    declaration = own_declaration(officer, declaration_pk, for_update=True)
    if not reasons:
        raise CheckRefused("请至少选择一个退回补正的栏目并填写原因。")
    reasons = clean_reasons(reasons)
    due_date = due_date or default_due_date(declaration, today)
    if due_date <= today:
        raise CheckRefused("补正截止日期须晚于今天。")
    due = end_of_day(due_date)
    workflow.perform_many(
        [declaration],
        "employer_return",
        officer.user,
        comment="退回补正：" + "；".join(f"{SECTIONS_BY_KEY[k].title}：{r}" for k, r in reasons.items()),
        update={"correction_sections": reasons, "correction_due": due},
        now=now,
    )
    request = CorrectionRequest.objects.create(
        declaration=declaration, employer=officer.employer, officer=officer.user, sections=reasons, due=due
    )
    sms.correction_returned(declaration)
    return request


def recommendation_refusal(declaration: Declaration, officer: Officer, now=None) -> str:
    now = now or timezone.now()
    if declaration.status != Status.EMPLOYER_REVIEW:
        return f"申报当前状态为“{declaration.phase.public_name}”，不能推荐。"
    found = publicity.publicity_of(declaration, officer.employer)
    return publicity.refusal(found, declaration.round.employer_publicity_workdays, timezone.localdate(now))


@transaction.atomic
def recommend(officer: Officer, declaration_pk: int, guarantee_confirmed: bool, now=None) -> Recommendation:
    """推荐: after the 公示 has run its working days, the officer vouches for the materials and the
    declaration goes on to the department's review."""
    now = now or timezone.now()
    declaration = own_declaration(officer, declaration_pk, for_update=True)
    refusal = recommendation_refusal(declaration, officer, now)
    if refusal:
        raise CheckRefused(refusal)
    if not guarantee_confirmed:
        raise CheckRefused("请阅读并勾选真实性保证。")
    found = publicity.publicity_of(declaration, officer.employer)
    workflow.perform(declaration, "recommend", officer.user, comment="单位审核通过，经单位公示后推荐", now=now)
    return Recommendation.objects.create(
        declaration=declaration, employer=officer.employer, officer=officer.user, publicity=found, guarantee=GUARANTEE
    )


def expire_corrections(now=None) -> int:
    """End every declaration whose correction deadline passed without a resubmission
    (逾期未补正). Run by the scheduler; safe to repeat."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Declaration.objects.select_for_update()
            .select_related("round")
            .filter(status=Status.EMPLOYER_RETURNED, correction_due__lt=now)
        )
        workflow.perform_many(due, "expire_correction", None, comment="补正期限已过，申报终止", now=now)
    return len(due)
