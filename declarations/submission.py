"""Submitting a declaration (申报, SPEC 6) and the second declaration (二次申报): the completeness
check, the pledge, the snapshot that freezes the profile, and the workflow's move, once, however
often the button is pressed.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from declarations import workflow
from declarations.errors import DeclarationError
from declarations.locks import lock_profile
from declarations.models import Declaration
from declarations.sections import get_section
from declarations.snapshots import take_snapshot
from declarations.tasks import enqueue_form_pdf


@dataclass(frozen=True)
class Problem:
    section_key: str
    message: str

    @property
    def url(self) -> str:
        return get_section(self.section_key).url

    @property
    def section_title(self) -> str:
        return get_section(self.section_key).heading


# The minimum a declaration needs (SPEC 6): section key, rule, message.
REQUIRED_SECTIONS = (
    ("work-experience", "至少填写一条主要工作经历。"),
    ("education", "至少填写一条学历信息。"),
    ("qualifications", "至少填写一条专技人员资格信息。"),
)
PHOTO_FIELD = "photo"
PLEDGE_MISSING = "请先阅读并勾选诚信承诺。"
# What the applicant ticks before 确认提交, and what the printed form has them sign.
PLEDGE_TEXT = "本人承诺：所填报的信息及上传的材料真实、准确、完整，如有虚假，愿承担一切后果。"


def completeness_problems(user) -> list[Problem]:
    """What is missing before the profile can be submitted, each with the section to fix it."""
    problems = []
    basic = get_section("basic-info").entries_of(user).first()
    if basic is None:
        problems.append(Problem("basic-info", "请填写基本信息。"))
    elif getattr(basic, f"{PHOTO_FIELD}_id", None) is None:
        problems.append(Problem("basic-info", "请在基本信息中上传红底免冠证件照。"))
    for key, message in REQUIRED_SECTIONS:
        if not get_section(key).entries_of(user).exists():
            problems.append(Problem(key, message))
    return problems


def submit_refusal(declaration: Declaration, user, now: datetime | None = None) -> str:
    """Why the applicant may not submit the declaration now ('' when they may)."""
    name = declaration.phase.submit_transition
    if not name:
        return f"申报当前状态为“{declaration.phase.public_name}”，无需提交。"
    try:
        transition = workflow.check(declaration, name, user, now)
    except workflow.IllegalTransition as error:
        return error.message
    return workflow.chain.entry_refusal(declaration, transition.target_for(declaration.round))


def submission_made(declaration: Declaration) -> int:
    """Which submission the applicant's submit from the current status makes: 1 for 申报, 2 for
    二次申报 (the snapshot's sequence)."""
    name = declaration.phase.submit_transition
    if not name:  # nothing to submit from here: the submission it is on
        return declaration.phase.submission
    target = workflow.TRANSITIONS[name].target_for(declaration.round)
    return workflow.PHASES[target].submission


@dataclass(frozen=True)
class SubmitResult:
    declaration: Declaration
    submitted_now: bool  # False: it had already been submitted (a double click, a second tab)


@transaction.atomic
def submit(
    declaration_id: int,
    user,
    pledge: bool,
    expected_status: str | None = None,
    now: datetime | None = None,
) -> SubmitResult:
    """Submit (or submit the second declaration) once: lock the row, re-check, snapshot, move.

    `expected_status` is the status the page was shown in; if the declaration has moved on since
    (another tab or a retry got there first), nothing happens and the caller is told so.
    Raises Declaration.DoesNotExist for someone else's declaration.
    """
    now = now or timezone.now()
    declaration = (
        Declaration.objects.select_for_update()
        .select_related("round", "title", "applicant")
        .get(pk=declaration_id, applicant=user)
    )
    # Profile changes take the same lock: none can slip in while the snapshot is taken.
    lock_profile(user)
    moved_on = expected_status and declaration.status != expected_status
    if moved_on or declaration.phase.locked:
        return SubmitResult(declaration, submitted_now=False)
    refusal = submit_refusal(declaration, user, now)
    if refusal:
        raise DeclarationError(refusal)
    if not pledge:
        raise DeclarationError(PLEDGE_MISSING)
    problems = completeness_problems(user)
    if problems:
        raise DeclarationError("申报信息不完整：" + "".join(p.message for p in problems))
    snapshot = take_snapshot(declaration, submission_made(declaration))
    # The form is drawn once, by the worker, from the frozen snapshot (declarations.downloads).
    enqueue_form_pdf(snapshot.pk)
    # A resubmission after 退回补正 closes the correction: the sections are frozen again.
    correcting = declaration.phase.correction_open
    closes_correction = {"correction_sections": {}, "correction_due": None} if correcting else {}
    workflow.perform_many(
        [declaration],
        declaration.phase.submit_transition,
        user,
        comment="申报人确认提交并作出诚信承诺",
        update=closes_correction,
        now=now,
    )
    return SubmitResult(declaration, submitted_now=True)
