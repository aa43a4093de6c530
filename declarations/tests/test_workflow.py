import pytest
from django.contrib.auth.models import Group, Permission
from django.db.models import F

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import workflow
from declarations.models import Declaration, DeclarationRound, DeclarationTransition
from declarations.tests.factories import make_declaration, make_round
from declarations.workflow import TRANSITIONS, IllegalTransition, Status

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
        return StaffFactory(group="审核人")
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


# The state machine written out by hand (SPEC 6), not read back from the table it checks.
EXPECTED = {
    "submit": ({Status.SIGNED_UP}, Status.SUBMITTED),
    "employer_return": ({Status.EMPLOYER_REVIEW}, Status.EMPLOYER_RETURNED),
    "correct": ({Status.EMPLOYER_RETURNED}, Status.EMPLOYER_REVIEW),
    "expire_correction": ({Status.EMPLOYER_RETURNED}, Status.CORRECTION_EXPIRED),
    "recommend": ({Status.EMPLOYER_REVIEW}, Status.RECOMMENDED),
    "start_review": ({Status.SUBMITTED, Status.RECOMMENDED}, Status.IN_REVIEW),
    "release_pass": ({Status.IN_REVIEW, Status.RESUBMITTED}, Status.PASSED),
    "release_fail": ({Status.IN_REVIEW}, Status.FAILED),
    "resubmit": ({Status.FAILED}, Status.RESUBMITTED),
    "release_final_fail": ({Status.RESUBMITTED}, Status.FINAL_FAILED),
}
ILLEGAL_SOURCES = [
    (name, status) for name, (sources, _) in EXPECTED.items() for status in Status if status not in sources
]


def test_the_transition_table_is_the_one_the_spec_describes():
    round_ = DeclarationRound()  # the default chain: the department's review alone
    actual = {
        name: (set(transition.sources), transition.target_for(round_)) for name, transition in TRANSITIONS.items()
    }
    assert actual == EXPECTED


def test_a_round_with_the_employer_step_enters_it_first_and_recommends_into_the_department_review():
    round_ = DeclarationRound(uses_employer_step=True)
    assert TRANSITIONS["submit"].target_for(round_) == Status.EMPLOYER_REVIEW
    assert TRANSITIONS["recommend"].target_for(round_) == Status.RECOMMENDED
    assert TRANSITIONS["release_pass"].target_for(round_) == Status.PASSED


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
        "reviewer": StaffFactory(group="审核人"),
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


@pytest.mark.django_db
def test_staff_holding_the_review_permission_through_another_group_acts_as_reviewer():
    declaration = make_declaration(declaration_round=make_round("review"), status=Status.SUBMITTED)
    group = Group.objects.create(name="省外审核专家")
    group.permissions.add(Permission.objects.get(codename="review_declaration"))
    staff = StaffFactory()
    staff.groups.add(group)

    entry = workflow.perform(declaration, "start_review", staff)

    assert (entry.actor_role, declaration.status) == ("reviewer", Status.IN_REVIEW)


@pytest.mark.django_db
def test_a_batch_moves_in_one_update_per_source_and_one_insert(django_assert_num_queries):
    declaration_round = make_round("closed")
    batch = [make_declaration(declaration_round=declaration_round, status=Status.IN_REVIEW) for _ in range(5)]
    batch += [make_declaration(declaration_round=declaration_round, status=Status.RESUBMITTED) for _ in range(3)]
    for declaration in batch:
        declaration.round = declaration_round

    # One UPDATE per source status and one INSERT of the log, inside a savepoint (2 more).
    with django_assert_num_queries(2 + 1 + 2):
        entries = workflow.perform_many(batch, "release_pass", None, comment=lambda d: f"批量{d.pk}")

    assert {d.status for d in batch} == {Status.PASSED}
    assert Declaration.objects.filter(status=Status.PASSED).count() == 8
    assert sorted(e.comment for e in entries) == sorted(f"批量{d.pk}" for d in batch)
    assert {(e.from_status, e.actor_role) for e in entries} == {
        (Status.IN_REVIEW, "system"),
        (Status.RESUBMITTED, "system"),
    }
    assert DeclarationTransition.objects.filter(name="release_pass").count() == 8


@pytest.mark.django_db
def test_a_batch_with_one_illegal_member_moves_none():
    declaration_round = make_round("second")
    batch = [make_declaration(declaration_round=declaration_round, status=Status.IN_REVIEW) for _ in range(3)]
    batch.append(make_declaration(declaration_round=declaration_round, status=Status.FAILED))

    with pytest.raises(IllegalTransition, match="不能执行"):
        workflow.perform_many(batch, "release_pass", None)

    assert not Declaration.objects.filter(status=Status.PASSED).exists()
    assert not DeclarationTransition.objects.exists()


@pytest.mark.django_db
def test_a_batch_member_moved_meanwhile_without_the_lock_refuses_the_whole_batch():
    declaration_round = make_round("second")
    batch = [make_declaration(declaration_round=declaration_round, status=Status.IN_REVIEW) for _ in range(2)]
    Declaration.objects.filter(pk=batch[1].pk).update(pending_comment="")  # unrelated change is fine
    stale = Declaration.objects.get(pk=batch[0].pk)
    workflow.perform(stale, "release_fail", None)  # another process got there first

    with pytest.raises(IllegalTransition, match="已被他人修改"):
        workflow.perform_many(batch, "release_pass", None)

    assert Declaration.objects.get(pk=batch[1].pk).status == Status.IN_REVIEW
    assert not DeclarationTransition.objects.filter(name="release_pass").exists()


@pytest.mark.django_db
def test_a_batch_also_writes_the_given_fields_in_the_same_update():
    declaration = make_declaration(
        declaration_round=make_round("second"),
        status=Status.IN_REVIEW,
        pending_decision="fail",
        pending_comment="缺证书",
    )

    workflow.perform_many(
        [declaration],
        "release_fail",
        None,
        comment=lambda d: d.pending_comment,
        update={"result_comment": F("pending_comment"), "pending_decision": "", "pending_comment": ""},
    )

    declaration.refresh_from_db()
    assert (declaration.status, declaration.result_comment, declaration.pending_comment) == (
        Status.FAILED,
        "缺证书",
        "",
    )
    assert declaration.transitions.get().comment == "缺证书"
