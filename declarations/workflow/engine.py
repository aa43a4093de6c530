"""The one writer of `Declaration.status`: checks a transition, moves one declaration or a batch of
them in a fixed number of queries, and writes the transition log (who, when, from, to, why).
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from django.db import transaction
from django.db.models.expressions import Combinable
from django.utils import dateformat, timezone

from declarations.roles import is_administrator, is_reviewer
from declarations.workflow.statuses import Status, phase_of
from declarations.workflow.transitions import SIGN_UP, TRANSITIONS, Role, Transition


class IllegalTransition(Exception):
    """A transition that is not allowed now; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Functions (actor, declaration) -> roles that the apps of later chain steps register at start-up
# for the actors only they know (the employer's officers: `employers.apps`).
_role_providers: list[Callable] = []


def register_role_provider(provider: Callable) -> None:
    if provider not in _role_providers:
        _role_providers.append(provider)


def roles_of(actor, declaration=None) -> frozenset:
    """What `actor` may act as (on `declaration`, for the applicant's and the employer's roles);
    None is the system (commands, scheduled tasks). An administrator may act as reviewer and as
    the system."""
    if actor is None:
        return frozenset({Role.SYSTEM})
    roles = set()
    if declaration is not None and actor.pk == declaration.applicant_id:
        roles.add(Role.APPLICANT)
    if declaration is not None:
        for provider in _role_providers:
            roles |= set(provider(actor, declaration))
    if is_administrator(actor):
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
    if not roles_of(actor, declaration) & transition.roles:
        raise IllegalTransition(f"您无权对该申报执行“{transition.label}”。")
    if transition.window and not transition.window(declaration, now or timezone.now()):
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
    return perform_many([declaration], name, actor, comment=comment, now=now)[0]


def perform_many(
    declarations: Sequence,
    name: str,
    actor,
    *,
    comment: str | Callable = "",
    update: Mapping | None = None,
    now: datetime | None = None,
) -> list:
    """Move every one of `declarations` along transition `name`, all or none, in one UPDATE per
    source and target and one INSERT into the log, however many there are.

    The caller holds the rows' locks and has loaded each with its `round`. `comment` is the log's
    reason, or a function of the declaration giving it; `update` sets further fields in the same
    UPDATE (values or expressions). Raises IllegalTransition, writing nothing, if any may not move.
    """
    from declarations.models import Declaration, DeclarationTransition  # the models import the statuses

    now = now or timezone.now()
    update = dict(update or {})
    groups: dict[tuple[str, str], list] = {}
    log = []
    for declaration in declarations:
        transition = check(declaration, name, actor, now)
        target = transition.target_for(declaration.round)
        groups.setdefault((declaration.status, target), []).append(declaration)
        log.append(
            DeclarationTransition(
                declaration_id=declaration.pk,
                name=name,
                from_status=declaration.status,
                to_status=target,
                actor=actor,
                actor_role=_acting_role(declaration, actor, transition),
                comment=comment(declaration) if callable(comment) else comment,
            )
        )
    if not log:
        return []
    transition = TRANSITIONS[name]
    stamps = {transition.stamp: now} if transition.stamp else {}
    with transaction.atomic():
        for (source, target), members in groups.items():
            moved = Declaration.objects.filter(pk__in=[d.pk for d in members], status=source).update(
                status=target, **stamps, **update
            )
            if moved != len(members):
                # Someone moved one of them without holding its lock; the whole batch is refused.
                raise IllegalTransition("申报状态已被他人修改，请刷新后重试。")
            for declaration in members:
                declaration.status = target
                for field, value in {**stamps, **update}.items():
                    if not isinstance(value, Combinable):
                        setattr(declaration, field, value)
        return DeclarationTransition.objects.bulk_create(log)


def log_sign_up(declaration, actor):
    """The first line of every declaration's log: created by the applicant's 报名."""
    return declaration.transitions.create(
        name=SIGN_UP, from_status="", to_status=Status.SIGNED_UP, actor=actor, actor_role=Role.APPLICANT
    )


def _acting_role(declaration, actor, transition: Transition) -> str:
    held = roles_of(actor, declaration)
    for role in (Role.APPLICANT, Role.EMPLOYER, Role.REVIEWER, Role.SYSTEM):
        if role in transition.roles and role in held:
            return role
    return ""


DATE_FORMAT = "Y年n月j日 H:i"


def _moment(value: datetime | None) -> str:
    return dateformat.format(timezone.localtime(value), DATE_FORMAT) if value else "—"


def advice(declaration, now: datetime | None = None) -> str:
    """What the applicant should know and do now: the status's message; its closed message once
    the window of the applicant's next step has passed; its late message once the release time it
    waits for has passed. The round's moments are filled in."""
    phase = phase_of(declaration)
    round_ = declaration.round
    now = now or timezone.now()
    message = phase.message
    if phase.closed_message and not TRANSITIONS[phase.submit_transition].window(declaration, now):
        message = phase.closed_message
    if phase.late_message and round_.is_release_due(now, phase.submission):
        message = phase.late_message
    return message.format(
        submission_ends_at=_moment(round_.submission_ends_at),
        release_at=_moment(round_.release_at(phase.submission)),
        results_release_at=_moment(round_.results_release_at),
        second_declaration_ends_at=_moment(round_.second_declaration_ends_at),
        correction_due=_moment(declaration.correction_due),
    )
