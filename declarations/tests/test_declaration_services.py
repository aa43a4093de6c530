import pytest
from django.db import IntegrityError
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import services
from declarations.locks import ProfileLocked, assert_profile_editable, profile_lock_reason
from declarations.models import Declaration, DeclarationSnapshot, Education, PrivateFile, SnapshotFile
from declarations.services import DeclarationError
from declarations.tests.factories import (
    TitleFactory,
    make_basic_info,
    make_complete_profile,
    make_declaration,
    make_education,
    make_qualification,
    make_round,
    make_work_experience,
)
from declarations.workflow import IllegalTransition, Status

pytestmark = pytest.mark.django_db

# --- sign-up ---


def test_sign_up_inside_the_window_creates_a_logged_declaration(applicant, open_round):
    title = open_round.titles.get()

    declaration = services.sign_up(applicant, open_round.pk, title.pk)

    assert (declaration.status, declaration.year, declaration.title) == (Status.SIGNED_UP, open_round.year, title)
    log = declaration.transitions.get()
    assert (log.from_status, log.to_status, log.actor) == ("", Status.SIGNED_UP, applicant)


@pytest.mark.parametrize("phase", ["before", "submission", "closed"])
def test_sign_up_outside_the_window_is_refused(applicant, phase):
    declaration_round = make_round(phase)

    with pytest.raises(DeclarationError, match="报名时间"):
        services.sign_up(applicant, declaration_round.pk, declaration_round.titles.get().pk)
    assert not Declaration.objects.exists()


def test_second_sign_up_in_a_year_is_refused_even_in_another_round(applicant, open_round):
    services.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
    other_round = make_round("signup", year=open_round.year)

    with pytest.raises(DeclarationError, match="每位申报人每年只能申报一个职称"):
        services.sign_up(applicant, other_round.pk, other_round.titles.get().pk)
    assert Declaration.objects.count() == 1


def test_database_refuses_two_declarations_of_one_applicant_in_one_year(applicant, open_round):
    make_declaration(applicant, open_round)
    with pytest.raises(IntegrityError):
        make_declaration(applicant, make_round("signup", year=open_round.year))


def test_sign_up_for_a_title_the_round_does_not_open_is_refused(applicant, open_round):
    with pytest.raises(DeclarationError, match="开放范围"):
        services.sign_up(applicant, open_round.pk, TitleFactory().pk)


def test_staff_cannot_sign_up(open_round):
    with pytest.raises(DeclarationError, match="只有申报人"):
        services.sign_up(StaffFactory(), open_round.pk, open_round.titles.get().pk)


# --- completeness ---


def test_complete_profile_has_no_problems(applicant):
    make_complete_profile(applicant)
    assert services.completeness_problems(applicant) == []


def test_empty_profile_lists_every_missing_part_with_a_link(applicant):
    problems = services.completeness_problems(applicant)

    assert [p.section_key for p in problems] == ["basic-info", "work-experience", "education", "qualifications"]
    assert problems[2].url == "/applicant/profile/education/"


@pytest.mark.parametrize(
    ("missing", "section_key", "message"),
    [
        ("photo", "basic-info", "证件照"),
        ("basic", "basic-info", "基本信息"),
        ("work", "work-experience", "工作经历"),
        ("education", "education", "学历信息"),
        ("qualification", "qualifications", "专技人员资格信息"),
    ],
)
def test_each_completeness_rule(applicant, missing, section_key, message):
    if missing != "basic":
        make_basic_info(applicant, photo=missing != "photo")
    if missing != "work":
        make_work_experience(applicant)
    if missing != "education":
        make_education(applicant)
    if missing != "qualification":
        make_qualification(applicant)

    problems = services.completeness_problems(applicant)

    assert [p.section_key for p in problems] == [section_key]
    assert message in problems[0].message


# --- submission and snapshot ---


def test_submit_freezes_a_snapshot_and_moves_to_submitted(declaration):
    result = services.submit(declaration.pk, declaration.applicant, pledge=True)

    declaration.refresh_from_db()
    assert result.submitted_now
    assert declaration.status == Status.SUBMITTED
    assert declaration.submitted_at is not None
    snapshot = declaration.snapshots.get()
    titles = [s["title"] for s in snapshot.data["sections"]]
    assert titles[0] == "基本信息" and len(titles) == 11
    education = snapshot.data["sections"][2]["entries"][0]
    assert education["values"]["level"] == "大学本科"
    assert education["raw"]["graduation_date"] == "2008-06-30"
    assert education["files"][0]["name"] == "毕业证书.pdf"


def test_submit_marks_every_referenced_file_frozen(declaration):
    services.submit(declaration.pk, declaration.applicant, pledge=True)

    refs = SnapshotFile.objects.filter(snapshot__declaration=declaration)
    assert refs.count() == 3  # photo, diploma, qualification certificate
    assert all(ref.file.frozen for ref in refs.select_related("file"))


def test_submitting_twice_submits_once(declaration):
    first = services.submit(declaration.pk, declaration.applicant, pledge=True, expected_status="signed_up")
    second = services.submit(declaration.pk, declaration.applicant, pledge=True, expected_status="signed_up")

    assert (first.submitted_now, second.submitted_now) == (True, False)
    assert DeclarationSnapshot.objects.count() == 1
    assert declaration.transitions.filter(to_status=Status.SUBMITTED).count() == 1


def test_submit_without_pledge_is_refused(declaration):
    with pytest.raises(DeclarationError, match="诚信承诺"):
        services.submit(declaration.pk, declaration.applicant, pledge=False)
    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP
    assert not DeclarationSnapshot.objects.exists()


def test_submit_of_an_incomplete_profile_is_refused(applicant, open_round):
    declaration = make_declaration(applicant, open_round)
    with pytest.raises(DeclarationError, match="不完整"):
        services.submit(declaration.pk, applicant, pledge=True)
    assert not DeclarationSnapshot.objects.exists()


def test_submit_after_the_submission_deadline_is_refused(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("review"))
    with pytest.raises(DeclarationError, match="提交时间"):
        services.submit(declaration.pk, applicant, pledge=True)


def test_submit_of_another_applicants_declaration_finds_nothing(declaration):
    with pytest.raises(Declaration.DoesNotExist):
        services.submit(declaration.pk, UserFactory(), pledge=True)


def test_snapshot_is_unchanged_by_a_later_profile_edit(declaration):
    applicant = declaration.applicant
    services.submit(declaration.pk, applicant, pledge=True)
    Declaration.objects.filter(pk=declaration.pk).update(status=Status.FAILED)  # a released failure unlocks
    assert profile_lock_reason(applicant) is None

    Education.objects.filter(owner=applicant).update(school="另一所大学")
    Education.objects.filter(owner=applicant).delete()

    snapshot = declaration.snapshots.get()
    assert snapshot.data["sections"][2]["entries"][0]["values"]["school"] == "太原理工大学"
    assert PrivateFile.objects.filter(original_name="毕业证书.pdf", frozen=True).exists()


def test_second_declaration_takes_a_second_snapshot(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("second"), status=Status.FAILED)

    result = services.submit(declaration.pk, applicant, pledge=True, expected_status="failed")

    declaration.refresh_from_db()
    assert result.submitted_now
    assert declaration.status == Status.RESUBMITTED
    assert declaration.snapshots.get().sequence == 2


def test_no_second_declaration_after_its_deadline(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("closed"), status=Status.FAILED)

    with pytest.raises(DeclarationError, match="二次申报"):
        services.submit(declaration.pk, applicant, pledge=True)


def test_only_one_second_declaration(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("second"), status=Status.FINAL_FAILED)

    with pytest.raises(DeclarationError, match="最终未通过"):
        services.submit(declaration.pk, applicant, pledge=True)


# --- the lock ---


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.IN_REVIEW, Status.RESUBMITTED])
def test_profile_is_locked_from_submission_until_release(applicant, status):
    make_declaration(applicant, status=status)

    assert "冻结" in profile_lock_reason(applicant)
    with pytest.raises(ProfileLocked):
        assert_profile_editable(applicant)


@pytest.mark.parametrize("status", [Status.SIGNED_UP, Status.FAILED, Status.PASSED, Status.FINAL_FAILED])
def test_profile_is_editable_outside_review(applicant, status):
    make_declaration(applicant, status=status)
    assert profile_lock_reason(applicant) is None
    assert_profile_editable(applicant)


# --- entry points for the review app ---


def test_decision_stays_hidden_until_release_and_a_failure_unlocks_the_profile(applicant):
    reviewer = StaffFactory(group="Reviewers")
    declaration = make_declaration(applicant, make_round("review"), status=Status.SUBMITTED)

    services.record_decision(declaration.pk, reviewer, "fail", "学历证书不清晰")
    declaration.refresh_from_db()
    assert declaration.status == Status.IN_REVIEW
    assert declaration.result_comment == ""
    assert profile_lock_reason(applicant)

    with pytest.raises(IllegalTransition, match="统一退回时间"):
        services.release_results(declaration.round)

    released = services.release_results(declaration.round, now=declaration.round.results_release_at)
    declaration.refresh_from_db()
    assert released == [declaration]
    assert (declaration.status, declaration.result_comment) == (Status.FAILED, "学历证书不清晰")
    assert profile_lock_reason(applicant) is None


def test_release_is_idempotent():
    declaration = make_declaration(declaration_round=make_round("second"), status=Status.IN_REVIEW)
    services.record_decision(declaration.pk, StaffFactory(group="Reviewers"), "pass")

    assert len(services.release_results(declaration.round)) == 1
    assert services.release_results(declaration.round) == []
    assert declaration.transitions.filter(to_status=Status.PASSED).count() == 1


def test_a_resubmitted_declaration_that_fails_again_is_final():
    declaration = make_declaration(declaration_round=make_round("second"), status=Status.RESUBMITTED)
    services.record_decision(declaration.pk, StaffFactory(group="Reviewers"), "fail", "业绩不足")

    services.release_results(declaration.round, now=timezone.now())

    declaration.refresh_from_db()
    assert declaration.status == Status.FINAL_FAILED


def test_failing_without_a_comment_is_refused():
    declaration = make_declaration(declaration_round=make_round("review"), status=Status.IN_REVIEW)
    with pytest.raises(IllegalTransition, match="审核意见"):
        services.record_decision(declaration.pk, StaffFactory(group="Reviewers"), "fail", " ")


def test_applicant_cannot_record_a_decision(applicant):
    declaration = make_declaration(applicant, make_round("review"), status=Status.IN_REVIEW)
    with pytest.raises(IllegalTransition, match="无权"):
        services.record_decision(declaration.pk, applicant, "pass")
