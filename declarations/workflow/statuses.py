"""What each status of a declaration means (SPEC 6): its public name, the advice the applicant
reads in it, whether the profile is locked, whether reviewers may decide, which submission it
belongs to and which released result it shows. Views, templates, services and the review app
read these; none of them compares status strings of its own.
"""

from dataclasses import dataclass
from enum import Enum

from django.db import models
from django.db.models import Q


class Status(models.TextChoices):
    SIGNED_UP = "signed_up", "已报名"
    # The employer's check (单位审核, SPEC 9), in rounds whose chain uses it.
    EMPLOYER_REVIEW = "employer_review", "单位审核中"
    EMPLOYER_RETURNED = "employer_returned", "单位退回补正"
    CORRECTION_EXPIRED = "correction_expired", "逾期未补正"
    RECOMMENDED = "recommended", "单位已推荐"
    SUBMITTED = "submitted", "已提交"
    IN_REVIEW = "in_review", "审核中"
    PASSED = "passed", "审核通过"
    FAILED = "failed", "审核未通过"
    RESUBMITTED = "resubmitted", "二次申报已提交"
    FINAL_FAILED = "final_failed", "最终未通过"


class Decision(models.TextChoices):
    """A reviewer's verdict on a section, or a stage's overall decision."""

    PASS = "pass", "通过"
    FAIL = "fail", "不通过"

    @classmethod
    def needs_comment(cls, value: str) -> bool:
        """不通过 always carries a comment (SPEC 7); the forms, services and constraints ask here."""
        return value == cls.FAIL


def comment_required_constraint(name: str, decision_field: str, comment_field: str = "comment"):
    """The database's statement of `Decision.needs_comment` for a model with a verdict field."""
    return models.CheckConstraint(
        condition=Q(**{decision_field: Decision.PASS}) | ~Q(**{comment_field: ""}), name=name
    )


class Released(Enum):
    """How many of the declaration's submissions have a released result in a status."""

    NONE = "none"  # nothing released yet
    PREVIOUS = "previous"  # the one before the current submission (the second declaration is in review)
    CURRENT = "current"  # the current submission's result is out


@dataclass(frozen=True)
class Phase:
    """Everything the product knows about one status, in one place (Hypha's workflow phases)."""

    status: Status
    # The advice on the applicant home; {placeholders} are the round's moments, {release_at} the
    # release time of this status's submission (`DeclarationRound.release_at`).
    message: str
    # The advice once the applicant's own next step (`submit_transition`) can no longer be taken.
    closed_message: str = ""
    # The advice of a status waiting for its release once the release time has passed: the result
    # is on its way, and no moment in the past is promised.
    late_message: str = ""
    locked: bool = False  # the profile is frozen (from submission until a failure is released)
    # Only the sections returned for correction may change (`Declaration.correction_sections`).
    correction_open: bool = False
    decidable: bool = False  # reviewers may record a decision, hidden until release
    submission: int = 1  # which submission the declaration is on: 1, or 2 for the second declaration
    released: Released = Released.NONE
    result: Status | None = None  # the released result the applicant sees in this status
    submit_transition: str = ""  # the applicant's submit from here: "submit", "correct" or "resubmit"
    submit_label: str = ""  # its button

    @property
    def public_name(self) -> str:
        return self.status.label

    @property
    def shows_result_comment(self) -> bool:
        """The released result of the current submission is out, with the reviewers' comment."""
        return self.released is Released.CURRENT

    @property
    def is_second_submission(self) -> bool:
        return self.submission == 2

    @property
    def edits_profile(self) -> bool:
        """The applicant may change the profile in this status (the pages offer 修改, 新增, 删除)."""
        return not self.locked


_WAITING = "申报已提交，请等待审核；审核结果将于 {release_at} 统一退回。审核结果退回前个人信息不能修改。"
_RELEASING = "审核结果正在统一退回，请留意短信通知，稍后刷新本页查看结果。审核结果退回前个人信息不能修改。"

PHASES: dict[Status, Phase] = {
    phase.status: phase
    for phase in (
        Phase(
            Status.SIGNED_UP,
            "已报名，请完善个人信息，于 {submission_ends_at} 前在“我申报的”中检查并确认提交。",
            closed_message="提交截止时间（{submission_ends_at}）已过，本次报名未提交，本年度申报已结束。",
            submit_transition="submit",
            submit_label="申报",
        ),
        Phase(
            Status.EMPLOYER_REVIEW,
            "申报已提交，正在由所在单位审核；单位审核通过并完成单位公示后，将推荐报送主管部门。审核期间个人信息不能修改。",
            locked=True,
        ),
        Phase(
            Status.EMPLOYER_RETURNED,
            "所在单位已将申报退回补正。请按下列意见修改退回的栏目，于 {correction_due} 前在“我申报的”中重新提交；"
            "逾期未提交的，本次申报终止。退回补正不占用二次申报机会。",
            closed_message="补正期限（{correction_due}）已过，本次申报未重新提交。",
            correction_open=True,
            submit_transition="correct",
            submit_label="提交补正",
        ),
        Phase(
            Status.CORRECTION_EXPIRED,
            "您未在补正期限（{correction_due}）内重新提交，本次申报已终止，本年度申报已结束。您可以在明年重新申报。",
        ),
        Phase(
            Status.RECOMMENDED,
            "所在单位已审核推荐，申报已报送主管部门资格审查；审核结果将于 {release_at} 统一退回。"
            "审核结果退回前个人信息不能修改。",
            late_message=_RELEASING,
            locked=True,
        ),
        Phase(Status.SUBMITTED, _WAITING, late_message=_RELEASING, locked=True),
        Phase(Status.IN_REVIEW, _WAITING, late_message=_RELEASING, locked=True, decidable=True),
        Phase(
            Status.FAILED,
            "您的申报未通过审核。请根据下列审核意见修改相应栏目，于 {second_declaration_ends_at} 前进行二次申报。"
            "二次申报只有一次机会，提交后不能再修改。",
            closed_message="您的申报未通过审核，二次申报截止时间（{second_declaration_ends_at}）已过，"
            "本年度申报已结束。您可以在明年重新申报。",
            released=Released.CURRENT,
            result=Status.FAILED,
            submit_transition="resubmit",
            submit_label="二次申报",
        ),
        Phase(
            Status.RESUBMITTED,
            "二次申报已提交，请等待审核；二次申报的审核结果将于 {release_at} 统一退回。"
            "结果退回前个人信息不能修改，二次申报之后没有再次修改的机会。",
            late_message="二次申报已提交，" + _RELEASING,
            locked=True,
            decidable=True,
            submission=2,
            released=Released.PREVIOUS,
            result=Status.FAILED,
        ),
        Phase(Status.PASSED, "您的申报已审核通过。", released=Released.CURRENT, result=Status.PASSED),
        Phase(
            Status.FINAL_FAILED,
            "二次申报仍未通过审核，本年度申报已结束。您可以在明年重新申报。",
            submission=2,
            released=Released.CURRENT,
            result=Status.FINAL_FAILED,
        ),
    )
}

LOCKED_STATUSES = frozenset(s for s, p in PHASES.items() if p.locked)
CORRECTION_STATUSES = frozenset(s for s, p in PHASES.items() if p.correction_open)
DECIDABLE_STATUSES = frozenset(s for s, p in PHASES.items() if p.decidable)
SUBMITTABLE_STATUSES = frozenset(s for s, p in PHASES.items() if p.submit_transition)


def phase_of(declaration) -> Phase:
    return PHASES[Status(declaration.status)]


def submission_number(declaration) -> int:
    """1 for the first submission, 2 once the second declaration (二次申报) was submitted. A pass
    does not say which submission it came from; the second declaration's stamp does."""
    return 2 if declaration.resubmitted_at else 1


# `submission_number` in SQL, for queries that annotate it.
SUBMISSION_NUMBER = models.Case(
    models.When(resubmitted_at__isnull=False, then=models.Value(2)),
    default=models.Value(1),
    output_field=models.IntegerField(),
)


def released_submissions(declaration) -> int:
    """How many submissions of the declaration have a released result (0 before the first)."""
    released = phase_of(declaration).released
    if released is Released.NONE:
        return 0
    current = submission_number(declaration)
    return current if released is Released.CURRENT else current - 1
