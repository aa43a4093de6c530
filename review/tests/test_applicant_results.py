"""What the applicant sees after release, and the whole second-declaration path (manual 3.2)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from declarations import workflow
from declarations.locks import profile_lock_reason
from declarations.models import DeclarationRound, Paper
from declarations.round_phases import RoundPhase
from declarations.tests.factories import move_to_phase
from declarations.workflow import Decision, Status
from review import decisions as review_decisions
from review import release as review_release
from review import stages as review_stages
from review.models import ReviewStage
from review.tests.factories import failing, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def _release_now(declaration_round: DeclarationRound) -> None:
    """Let time pass until the round's results are due, and release them, as cron would."""
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    review_release.release_round(declaration_round)


@pytest.fixture
def declaration_round():
    return make_round(("初审", "复审"))


@pytest.fixture
def failed(declaration_round):
    """A declaration failed at 初审 on the papers section by 李审核, and released."""
    declaration = submitted_declaration(declaration_round, real_name="孙未过")
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    review_decisions.decide(
        declaration.pk,
        stage.pk,
        reviewer(real_name="李审核"),
        failing(papers="论文刊物不在认定目录内，请更换。"),
        Decision.FAIL,
        "论文不符合要求",
    )
    _release_now(declaration_round)
    declaration.refresh_from_db()
    return declaration


def test_home_shows_each_failed_section_with_comment_and_link(client, failed):
    client.force_login(failed.applicant)
    page = client.get("/applicant/").content.decode()
    assert "审核结果：审核未通过" in page
    assert "2.2.7 论文" in page
    assert "论文刊物不在认定目录内，请更换。" in page
    assert 'href="/applicant/profile/papers/"' in page


def test_applicant_review_log_leaves_out_reviewer_names(client, failed):
    client.force_login(failed.applicant)
    page = client.get(f"/applicant/declarations/{failed.pk}/").content.decode()
    assert "审核记录" in page
    assert "初审" in page and "论文不符合要求" in page
    assert "李审核" not in page


def test_failed_release_unlocks_the_profile(failed):
    assert failed.status == Status.FAILED
    assert profile_lock_reason(failed.applicant) is None


@pytest.fixture
def other(declaration_round):
    """Another applicant's declaration in the same round, submitted in time."""
    return submitted_declaration(declaration_round)


def test_another_applicant_sees_nothing_of_it(client, other, failed):
    client.force_login(other.applicant)
    assert "论文刊物不在认定目录内" not in client.get("/applicant/").content.decode()
    assert client.get(f"/applicant/declarations/{failed.pk}/").status_code == 404


def test_second_declaration_path_to_final_failure(client, failed, declaration_round):
    applicant = failed.applicant
    client.force_login(applicant)
    assert 'id="second-heading"' in client.get("/applicant/titles/").content.decode()
    Paper.objects.create(
        owner=applicant,
        title="装配式建筑施工技术研究",
        journal="建筑技术",
        issn_cn="ISSN 1000-4726",
        published_date=date(2024, 5, 1),
        author_role=Paper._meta.get_field("author_role").choices[0][0],
    )
    response = client.post(
        f"/applicant/declarations/{failed.pk}/submit/", {"pledge": "on", "expected_status": "failed"}
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Status.RESUBMITTED
    assert failed.snapshots.count() == 2
    assert profile_lock_reason(applicant) is not None

    # It re-enters review at the first stage; the reviewer sees what changed.
    assert review_stages.progress(failed).current_stage.name == "初审"
    reviewer_user = reviewer()
    client.force_login(reviewer_user)
    page = client.get(f"/admin/declarations/declaration/inspect/{failed.pk}/").content.decode()
    assert "这是二次申报" in page
    assert "有修改" in page and "新增" in page

    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    review_decisions.decide(
        failed.pk, stage.pk, reviewer_user, failing(papers="仍不符合要求"), Decision.FAIL, "二次申报仍不符合要求"
    )
    # The second declaration's results wait for their own release time.
    assert review_release.release_round(declaration_round).total == 0
    move_to_phase(declaration_round, RoundPhase.CLOSED)
    review_release.release_round(declaration_round)
    failed.refresh_from_db()
    assert failed.status == Status.FINAL_FAILED

    client.force_login(applicant)
    page = client.get("/applicant/").content.decode()
    assert "最终未通过" in page
    assert workflow.PHASES[Status.FINAL_FAILED].message in page
    assert "仍不符合要求" in page
    assert "去修改" not in page


def test_second_declaration_can_be_used_only_once(client, failed):
    client.force_login(failed.applicant)
    client.post(f"/applicant/declarations/{failed.pk}/submit/", {"pledge": "on", "expected_status": "failed"})
    failed.refresh_from_db()
    first_resubmission = failed.resubmitted_at
    response = client.post(
        f"/applicant/declarations/{failed.pk}/submit/", {"pledge": "on", "expected_status": "failed"}
    )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.snapshots.count() == 2
    assert failed.resubmitted_at == first_resubmission
    assert 'id="second-heading"' not in client.get("/applicant/titles/").content.decode()


def test_second_declaration_after_the_deadline_is_refused(client, failed, declaration_round):
    DeclarationRound.objects.filter(pk=declaration_round.pk).update(
        second_declaration_ends_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(failed.applicant)
    response = client.post(
        f"/applicant/declarations/{failed.pk}/submit/", {"pledge": "on", "expected_status": "failed"}, follow=True
    )
    assert "当前不在二次申报时间内" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Status.FAILED
    assert failed.snapshots.count() == 1


def test_passed_applicant_sees_the_pass_without_failed_sections(client, declaration_round):
    declaration = submitted_declaration(declaration_round)
    for order in (1, 2):
        stage = ReviewStage.objects.get(round=declaration_round, order=order)
        review_decisions.decide(declaration.pk, stage.pk, reviewer(), failing(), Decision.PASS, "同意")
    _release_now(declaration_round)
    client.force_login(declaration.applicant)
    page = client.get("/applicant/").content.decode()
    assert "审核结果：审核通过" in page
    assert "未通过的栏目" not in page
