import pytest

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import workflow
from declarations.tests.factories import make_declaration, make_round
from declarations.workflow import IllegalTransition, Status

# name, source, target, who, round phase in which it is legal
LEGAL = [
    ("submit", Status.SIGNED_UP, Status.SUBMITTED, "applicant", "signup"),
    ("submit", Status.SIGNED_UP, Status.SUBMITTED, "applicant", "submission"),
    ("start_review", Status.SUBMITTED, Status.IN_REVIEW, "reviewer", "review"),
    ("start_review", Status.SUBMITTED, Status.IN_REVIEW, "system", "review"),
    ("release_pass", Status.IN_REVIEW, Status.PASSED, "system", "second"),
    ("release_fail", Status.IN_REVIEW, Status.FAILED, "system", "second"),
    ("resubmit", Status.FAILED, Status.RESUBMITTED, "applicant", "second"),
    ("release_pass", Status.RESUBMITTED, Status.PASSED, "system", "closed"),
    ("release_final_fail", Status.RESUBMITTED, Status.FINAL_FAILED, "system", "closed"),
]


def _actor(who, declaration):
    if who == "applicant":
        return declaration.applicant
    if who == "reviewer":
        return StaffFactory(group="Reviewers")
    return None


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "source", "target", "who", "phase"), LEGAL)
def test_legal_transition_moves_and_is_logged(name, source, target, who, phase):
    declaration = make_declaration(declaration_round=make_round(phase), status=source)
    actor = _actor(who, declaration)

    entry = workflow.perform(declaration, name, actor, comment="说明")

    declaration.refresh_from_db()
    assert declaration.status == target
    assert (entry.from_status, entry.to_status, entry.actor, entry.comment) == (source, target, actor, "说明")
    assert entry.actor_role == who
    assert entry.created_at is not None


ILLEGAL_SOURCES = [
    (name, status)
    for name, transition in workflow.TRANSITIONS.items()
    for status in Status
    if status not in transition.sources
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status"), ILLEGAL_SOURCES)
def test_transition_from_wrong_status_raises_and_changes_nothing(name, status):
    declaration = make_declaration(declaration_round=make_round("second"), status=status)
    actor = declaration.applicant if name in ("submit", "resubmit") else None

    with pytest.raises(IllegalTransition, match="不能执行"):
        workflow.perform(declaration, name, actor)

    declaration.refresh_from_db()
    assert declaration.status == status
    assert not declaration.transitions.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "status", "who"),
    [
        ("submit", Status.SIGNED_UP, "other_applicant"),
        ("submit", Status.SIGNED_UP, "reviewer"),
        ("submit", Status.SIGNED_UP, "system"),
        ("start_review", Status.SUBMITTED, "applicant"),
        ("start_review", Status.SUBMITTED, "staff_without_group"),
        ("release_pass", Status.IN_REVIEW, "reviewer"),
        ("release_fail", Status.IN_REVIEW, "applicant"),
        ("resubmit", Status.FAILED, "other_applicant"),
        ("release_final_fail", Status.RESUBMITTED, "reviewer"),
    ],
)
def test_transition_by_someone_not_allowed_raises(name, status, who):
    phase = "signup" if name == "submit" else "second"
    declaration = make_declaration(declaration_round=make_round(phase), status=status)
    actor = {
        "other_applicant": UserFactory(),
        "staff_without_group": StaffFactory(),
        "applicant": declaration.applicant,
        "reviewer": StaffFactory(group="Reviewers"),
        "system": None,
    }[who]

    with pytest.raises(IllegalTransition, match="无权"):
        workflow.perform(declaration, name, actor)
    declaration.refresh_from_db()
    assert declaration.status == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "status", "phase", "message"),
    [
        ("submit", Status.SIGNED_UP, "before", "提交时间"),
        ("submit", Status.SIGNED_UP, "review", "提交时间"),
        ("release_pass", Status.IN_REVIEW, "review", "统一退回时间"),
        ("release_fail", Status.IN_REVIEW, "review", "统一退回时间"),
        ("resubmit", Status.FAILED, "review", "二次申报时间"),
        ("resubmit", Status.FAILED, "closed", "二次申报时间"),
    ],
)
def test_transition_outside_its_window_raises(name, status, phase, message):
    declaration = make_declaration(declaration_round=make_round(phase), status=status)
    actor = declaration.applicant if name in ("submit", "resubmit") else None

    with pytest.raises(IllegalTransition, match=message):
        workflow.perform(declaration, name, actor)
    declaration.refresh_from_db()
    assert declaration.status == status


@pytest.mark.django_db
def test_unknown_transition_raises():
    declaration = make_declaration()
    with pytest.raises(IllegalTransition, match="未知"):
        workflow.perform(declaration, "approve_everything", None)


@pytest.mark.django_db
def test_administrator_may_release_results():
    declaration = make_declaration(declaration_round=make_round("second"), status=Status.IN_REVIEW)
    admin = StaffFactory(is_superuser=True)

    entry = workflow.perform(declaration, "release_pass", admin)

    assert entry.actor_role == "system"
    assert declaration.status == Status.PASSED
