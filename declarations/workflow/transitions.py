"""The transitions of the declaration state machine (SPEC 6): from which statuses, to which (or to
wherever the round's chain goes next), by whom and within which window of the round.

已报名 → [单位审核中 ⇄ 单位退回补正 (→ 逾期未补正) → 单位已推荐] → 已提交 → 审核中
      → 审核通过 / 审核未通过 → 二次申报已提交 → 审核通过 / 最终未通过
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from declarations.workflow import chain
from declarations.workflow.statuses import PHASES, Decision, Status


class Role(models.TextChoices):
    """What an actor acts as on one declaration; written into the transition log."""

    APPLICANT = "applicant", "申报人"
    EMPLOYER = "employer", "单位经办人"
    REVIEWER = "reviewer", "审核人"
    SYSTEM = "system", "系统"


# A target is a status, or asks the round's chain where the declaration goes next.
Target = Status | Callable


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: Target
    roles: frozenset
    window: Callable | None = None  # (declaration, now) -> bool, reading the declaration's round
    window_message: str = ""
    stamp: str = ""  # the Declaration field that records when this happened

    def target_for(self, declaration_round) -> Status:
        return self.target if isinstance(self.target, Status) else self.target(declaration_round)


def _submission_open(declaration, now) -> bool:
    return declaration.round.is_submission_open(now)


def _release_due(declaration, now) -> bool:
    """The first submission's results are released at the round's release time, the second
    declaration's at its own (`DeclarationRound.release_at`)."""
    return declaration.round.is_release_due(now, PHASES[Status(declaration.status)].submission)


def _second_declaration_open(declaration, now) -> bool:
    return declaration.round.is_second_declaration_open(now)


def _correction_open(declaration, now) -> bool:
    return declaration.correction_due is not None and now <= declaration.correction_due


def _correction_missed(declaration, now) -> bool:
    return declaration.correction_due is not None and now > declaration.correction_due


def _after_employer_check(round_) -> Status:
    return chain.status_after(round_, chain.StepKind.EMPLOYER_CHECK)


def _after_department_review(round_) -> Status:
    return chain.status_after(round_, chain.StepKind.DEPARTMENT_REVIEW)


RELEASE_NOT_DUE = "尚未到审核结果统一退回时间。"

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            "确认提交",
            frozenset({Status.SIGNED_UP}),
            chain.first_status,
            frozenset({Role.APPLICANT}),
            _submission_open,
            "当前不在本批次的提交时间内，无法提交。",
            "submitted_at",
        ),
        Transition(
            "employer_return",
            "退回补正",
            frozenset({Status.EMPLOYER_REVIEW}),
            Status.EMPLOYER_RETURNED,
            frozenset({Role.EMPLOYER}),
        ),
        Transition(
            "correct",
            "提交补正",
            frozenset({Status.EMPLOYER_RETURNED}),
            Status.EMPLOYER_REVIEW,
            frozenset({Role.APPLICANT}),
            _correction_open,
            "补正期限已过，无法重新提交。",
        ),
        Transition(
            "expire_correction",
            "逾期未补正",
            frozenset({Status.EMPLOYER_RETURNED}),
            Status.CORRECTION_EXPIRED,
            frozenset({Role.SYSTEM}),
            _correction_missed,
            "补正期限未到。",
        ),
        Transition(
            "recommend",
            "单位推荐",
            frozenset({Status.EMPLOYER_REVIEW}),
            _after_employer_check,
            frozenset({Role.EMPLOYER}),
            stamp="recommended_at",
        ),
        Transition(
            "start_review",
            "开始审核",
            frozenset({Status.SUBMITTED, Status.RECOMMENDED}),
            Status.IN_REVIEW,
            frozenset({Role.REVIEWER, Role.SYSTEM}),
        ),
        Transition(
            "release_pass",
            "发布结果：审核通过",
            frozenset({Status.IN_REVIEW, Status.RESUBMITTED}),
            _after_department_review,
            frozenset({Role.SYSTEM}),
            _release_due,
            RELEASE_NOT_DUE,
            "released_at",
        ),
        Transition(
            "release_fail",
            "发布结果：审核未通过",
            frozenset({Status.IN_REVIEW}),
            Status.FAILED,
            frozenset({Role.SYSTEM}),
            _release_due,
            RELEASE_NOT_DUE,
            "released_at",
        ),
        Transition(
            "resubmit",
            "二次申报",
            frozenset({Status.FAILED}),
            Status.RESUBMITTED,
            frozenset({Role.APPLICANT}),
            _second_declaration_open,
            "当前不在二次申报时间内（审核结果退回后至二次申报截止时间），无法二次申报。",
            "resubmitted_at",
        ),
        Transition(
            "release_final_fail",
            "发布结果：最终未通过",
            frozenset({Status.RESUBMITTED}),
            Status.FINAL_FAILED,
            frozenset({Role.SYSTEM}),
            _release_due,
            RELEASE_NOT_DUE,
            "released_at",
        ),
    )
}

# The log name of the first line of every declaration's log (报名), which no transition makes.
SIGN_UP = "sign_up"


def release_transition(status: str, decision: str) -> str:
    """Which release a decided declaration takes: its pass, or the failure of its submission."""
    if decision == Decision.PASS:
        return "release_pass"
    return "release_final_fail" if PHASES[Status(status)].is_second_submission else "release_fail"
