import pytest

from accounts.tests.factories import UserFactory
from declarations import submission
from declarations.errors import DeclarationError
from declarations.locks import profile_lock_reason
from declarations.models import Declaration, DeclarationSnapshot, Education, PrivateFile, SnapshotFile
from declarations.tests.factories import (
    make_basic_info,
    make_complete_profile,
    make_declaration,
    make_education,
    make_qualification,
    make_round,
    make_work_experience,
)
from declarations.workflow import Status

pytestmark = pytest.mark.django_db


def test_complete_profile_has_no_problems(applicant):
    make_complete_profile(applicant)
    assert submission.completeness_problems(applicant) == []


def test_empty_profile_lists_every_missing_part_with_a_link(applicant):
    problems = submission.completeness_problems(applicant)

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

    problems = submission.completeness_problems(applicant)

    assert [p.section_key for p in problems] == [section_key]
    assert message in problems[0].message


def test_submit_freezes_a_snapshot_and_moves_to_submitted(declaration):
    result = submission.submit(declaration.pk, declaration.applicant, pledge=True)

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
    submission.submit(declaration.pk, declaration.applicant, pledge=True)

    refs = SnapshotFile.objects.filter(snapshot__declaration=declaration)
    assert refs.count() == 3  # photo, diploma, qualification certificate
    assert all(ref.file.frozen for ref in refs.select_related("file"))


def test_submitting_twice_submits_once(declaration):
    first = submission.submit(declaration.pk, declaration.applicant, pledge=True, expected_status="signed_up")
    second = submission.submit(declaration.pk, declaration.applicant, pledge=True, expected_status="signed_up")

    assert (first.submitted_now, second.submitted_now) == (True, False)
    assert DeclarationSnapshot.objects.count() == 1
    assert declaration.transitions.filter(to_status=Status.SUBMITTED).count() == 1


def test_submit_without_pledge_is_refused(declaration):
    with pytest.raises(DeclarationError, match="诚信承诺"):
        submission.submit(declaration.pk, declaration.applicant, pledge=False)
    declaration.refresh_from_db()
    assert declaration.status == Status.SIGNED_UP
    assert not DeclarationSnapshot.objects.exists()


def test_submit_of_an_incomplete_profile_is_refused(applicant, open_round):
    declaration = make_declaration(applicant, open_round)
    with pytest.raises(DeclarationError, match="不完整"):
        submission.submit(declaration.pk, applicant, pledge=True)
    assert not DeclarationSnapshot.objects.exists()


def test_submit_after_the_submission_deadline_is_refused(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("review"))
    with pytest.raises(DeclarationError, match="提交时间"):
        submission.submit(declaration.pk, applicant, pledge=True)


def test_submit_of_another_applicants_declaration_finds_nothing(declaration):
    with pytest.raises(Declaration.DoesNotExist):
        submission.submit(declaration.pk, UserFactory(), pledge=True)


def test_snapshot_is_unchanged_by_a_later_profile_edit(declaration):
    applicant = declaration.applicant
    submission.submit(declaration.pk, applicant, pledge=True)
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

    result = submission.submit(declaration.pk, applicant, pledge=True, expected_status="failed")

    declaration.refresh_from_db()
    assert result.submitted_now
    assert declaration.status == Status.RESUBMITTED
    assert declaration.snapshots.get().sequence == 2


def test_no_second_declaration_after_its_deadline(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("closed"), status=Status.FAILED)

    with pytest.raises(DeclarationError, match="二次申报"):
        submission.submit(declaration.pk, applicant, pledge=True)


def test_only_one_second_declaration(applicant):
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("second"), status=Status.FINAL_FAILED)

    with pytest.raises(DeclarationError, match="最终未通过"):
        submission.submit(declaration.pk, applicant, pledge=True)
