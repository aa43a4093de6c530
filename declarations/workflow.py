"""The declaration state machine (SPEC 6): statuses, who may move a declaration from which status
to which and within which window, and the log of every move. Nothing else changes `status`.

已报名 → 已提交 → 审核中 → 审核通过 / 审核未通过 → 二次申报已提交 → 审核通过 / 最终未通过
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import timezone

from accounts.roles import is_reviewer


class Status(models.TextChoices):
    SIGNED_UP = "signed_up", "已报名"
    SUBMITTED = "submitted", "已提交"
    IN_REVIEW = "in_review", "审核中"
    PASSED = "passed", "审核通过"
    FAILED = "failed", "审核未通过"
    RESUBMITTED = "resubmitted", "二次申报已提交"
    FINAL_FAILED = "final_failed", "最终未通过"


class Decision(models.TextChoices):
    PASS = "pass", "通过"
    FAIL = "fail", "不通过"


class Role(models.TextChoices):
    APPLICANT = "applicant", "申报人"
    REVIEWER = "reviewer", "审核人"
    SYSTEM = "system", "系统"


# From submission until a failed result is released the profile may not change (SPEC 6).
LOCKED_STATUSES = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED})
# Statuses in which the reviewers' decision may be recorded (and stays hidden until release).
DECIDABLE_STATUSES = frozenset({Status.IN_REVIEW, Status.RESUBMITTED})


class IllegalTransition(Exception):
    """A transition that is not allowed now; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: Status
    roles: frozenset
    window: Callable | None = None  # (round, now) -> bool
    window_message: str = ""
    stamp: str = ""  # the Declaration field that records when this happened


def _submission_open(round_, now) -> bool:
    return round_.is_submission_open(now)


def _release_due(round_, now) -> bool:
    return round_.is_release_due(now)


def _second_declaration_open(round_, now) -> bool:
    return round_.is_second_declaration_open(now)


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            "确认提交",
            frozenset({Status.SIGNED_UP}),
            Status.SUBMITTED,
            frozenset({Role.APPLICANT}),
            _submission_open,
            "当前不在本批次的提交时间内，无法提交。",
            "submitted_at",
        ),
        Transition(
            "start_review",
            "开始审核",
            frozenset({Status.SUBMITTED}),
            Status.IN_REVIEW,
            frozenset({Role.REVIEWER, Role.SYSTEM}),
        ),
        Transition(
            "release_pass",
            "发布结果：审核通过",
            frozenset({Status.IN_REVIEW, Status.RESUBMITTED}),
            Status.PASSED,
            frozenset({Role.SYSTEM}),
            _release_due,
            "尚未到审核结果统一退回时间。",
            "released_at",
        ),
        Transition(
            "release_fail",
            "发布结果：审核未通过",
            frozenset({Status.IN_REVIEW}),
            Status.FAILED,
            frozenset({Role.SYSTEM}),
            _release_due,
            "尚未到审核结果统一退回时间。",
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
            "尚未到审核结果统一退回时间。",
            "released_at",
        ),
    )
}


def roles_of(declaration, actor) -> frozenset:
    """What `actor` may act as on `declaration`; None is the system (commands, scheduled tasks).
    An administrator may act as reviewer and press the system's release button.
    """
    if actor is None:
        return frozenset({Role.SYSTEM})
    roles = set()
    if actor.pk == declaration.applicant_id:
        roles.add(Role.APPLICANT)
    if actor.is_superuser:
        roles |= {Role.REVIEWER, Role.SYSTEM}
    elif is_reviewer(actor):
        roles.add(Role.REVIEWER)
    return frozenset(roles)


def check(declaration, name: str, actor, now: datetime | None = None) -> Transition:
    """Return the transition if `actor` may perform it on `declaration` now, else raise."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise IllegalTransition(f"未知的操作：{name}")
    if declaration.status not in transition.sources:
        raise IllegalTransition(f"申报当前状态为“{Status(declaration.status).label}”，不能执行“{transition.label}”。")
    if not roles_of(declaration, actor) & transition.roles:
        raise IllegalTransition(f"您无权对该申报执行“{transition.label}”。")
    if transition.window and not transition.window(declaration.round, now or timezone.now()):
        raise IllegalTransition(transition.window_message)
    return transition


def allowed(declaration, name: str, actor, now: datetime | None = None) -> bool:
    try:
        check(declaration, name, actor, now)
    except IllegalTransition:
        return False
    return True


def perform(declaration, name: str, actor, comment: str = "", now: datetime | None = None):
    """Move `declaration` along transition `name` and log it. The caller holds the row lock."""
    now = now or timezone.now()
    transition = check(declaration, name, actor, now)
    source = declaration.status
    declaration.status = transition.target
    update_fields = ["status"]
    if transition.stamp:
        setattr(declaration, transition.stamp, now)
        update_fields.append(transition.stamp)
    declaration.save(update_fields=update_fields)
    return declaration.transitions.create(
        name=name,
        from_status=source,
        to_status=transition.target,
        actor=actor,
        actor_role=_acting_role(declaration, actor, transition),
        comment=comment,
    )


def log_sign_up(declaration, actor):
    """The first line of every declaration's log: created by the applicant's 报名."""
    return declaration.transitions.create(
        name="sign_up", from_status="", to_status=Status.SIGNED_UP, actor=actor, actor_role=Role.APPLICANT
    )


def _acting_role(declaration, actor, transition: Transition) -> str:
    for role in (Role.APPLICANT, Role.REVIEWER, Role.SYSTEM):
        if role in transition.roles and role in roles_of(declaration, actor):
            return role
    return ""
