from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import SmsMessage
from accounts.sms.templates import TEMPLATES as SMS_TEMPLATES
from declarations.models import Declaration, DeclarationTransition
from declarations.release import record_decision
from declarations.results import released_result
from declarations.round_phases import RoundPhase
from declarations.tests.factories import RoundFactory, make_declaration, move_to_phase
from declarations.workflow import Decision, IllegalTransition, Status
from review import release as review_release
from review.tasks import notify_failed, notify_passed
from review.tests.factories import after_release, decide_all, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


def run_queued_notifications() -> None:
    """Run the queued fan-out jobs with exactly the arguments they were queued with (what the
    database worker does; the worker itself closes the test's connection on PostgreSQL)."""
    for task in (notify_passed, notify_failed):
        for job in DBTaskResult.objects.filter(task_path=f"review.tasks.{task.name}"):
            task.call(*job.args_kwargs["args"], **job.args_kwargs["kwargs"])


@pytest.fixture
def declaration_round():
    return make_round()


@pytest.fixture
def decided(declaration_round):
    """One passed and one failed declaration, decided but not released."""
    by = reviewer()
    passed = submitted_declaration(declaration_round, real_name="钱通过", phone="+8613900000001")
    failed = submitted_declaration(declaration_round, real_name="孙未过", phone="+8613900000002")
    decide_all(passed, by, Decision.PASS, "材料齐全，同意")
    decide_all(failed, by, Decision.FAIL, "论文不符合要求")
    passed.refresh_from_db()
    failed.refresh_from_db()
    return passed, failed


def test_decisions_stay_hidden_before_release(client, decided):
    passed, failed = decided
    assert released_result(failed) is None
    client.force_login(failed.applicant)
    for url in ("/applicant/", f"/applicant/declarations/{failed.pk}/"):
        page = client.get(url).content.decode()
        assert "论文不符合要求" not in page
        assert "审核未通过" not in page
    assert failed.status == Status.IN_REVIEW


def test_release_before_the_release_time_is_refused(declaration_round, decided):
    with pytest.raises(IllegalTransition, match="尚未到审核结果统一退回时间"):
        review_release.release_round(
            declaration_round, now=declaration_round.results_release_at - timedelta(minutes=1)
        )
    assert not Declaration.objects.filter(released_at__isnull=False).exists()


def test_release_sets_the_results_together(declaration_round, decided):
    passed, failed = decided
    summary = review_release.release_round(declaration_round, now=after_release(declaration_round))
    assert (summary.passed, summary.failed) == (1, 1)
    passed.refresh_from_db()
    failed.refresh_from_db()
    assert (passed.status, passed.result_comment) == (Status.PASSED, "材料齐全，同意")
    assert (failed.status, failed.result_comment) == (Status.FAILED, "论文不符合要求")
    assert failed.pending_decision == ""


def test_release_is_idempotent(declaration_round, decided):
    moment = after_release(declaration_round)
    review_release.release_round(declaration_round, now=moment)
    transitions = DeclarationTransition.objects.count()
    jobs = DBTaskResult.objects.count()
    again = review_release.release_round(declaration_round, now=moment)
    assert again.total == 0
    assert DeclarationTransition.objects.count() == transitions
    assert DBTaskResult.objects.count() == jobs


def test_undecided_declarations_are_not_released(declaration_round, decided):
    waiting = submitted_declaration(declaration_round)
    review_release.release_round(declaration_round, now=after_release(declaration_round))
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


def test_release_command_releases_only_due_rounds(declaration_round, decided):
    later_round = make_round(year=timezone.localdate().year + 1)
    later = submitted_declaration(later_round)
    decide_all(later, reviewer(), Decision.PASS)
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    call_command("release_results")
    statuses = dict(Declaration.objects.values_list("applicant__real_name", "status"))
    assert statuses["钱通过"] == Status.PASSED and statuses["孙未过"] == Status.FAILED
    later.refresh_from_db()
    assert later.status == Status.IN_REVIEW


def test_release_command_twice_changes_nothing_the_second_time(declaration_round, decided, capsys):
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    call_command("release_results")
    call_command("release_results")
    assert "没有需要退回的审核结果" in capsys.readouterr().out
    assert DeclarationTransition.objects.filter(name__startswith="release").count() == 2


def test_release_queues_sms_for_passed_applicants_and_failed_ones_with_their_deadline(declaration_round, decided):
    passed, failed = decided
    review_release.release_round(declaration_round, now=after_release(declaration_round))
    assert not SmsMessage.objects.exists()  # nothing is sent or even written inline
    assert DBTaskResult.objects.filter(task_path="review.tasks.notify_passed").count() == 1
    assert DBTaskResult.objects.filter(task_path="review.tasks.notify_failed").count() == 1
    run_queued_notifications()
    messages = {m.phone: m for m in SmsMessage.objects.all()}
    assert {phone: m.template for phone, m in messages.items()} == {
        "+8613900000001": "review_passed",
        "+8613900000002": "review_failed",
    }
    assert messages["+8613900000001"].params == {"name": "钱通过", "title": "工程师"}
    deadline = timezone.localtime(declaration_round.second_declaration_ends_at)
    named = f"{deadline.year}年{deadline.month}月{deadline.day}日{deadline:%H:%M}"
    assert messages["+8613900000002"].params == {"name": "孙未过", "title": "工程师", "deadline": named}
    text = SMS_TEMPLATES["review_failed"].text.format(**messages["+8613900000002"].params)
    assert "审核未通过" in text and f"在{named}前完成二次申报" in text
    for message in messages.values():
        assert (
            DBTaskResult.objects.filter(task_path="accounts.tasks.send_sms", args_kwargs__args=[message.pk]).count()
            == 1
        )


def test_release_runs_a_bounded_number_of_queries_per_batch(declaration_round, django_assert_max_num_queries):
    by = reviewer()
    template = submitted_declaration(declaration_round)
    decide_all(template, by, Decision.PASS)
    bound = 20
    for size in (50, 500):
        other_round = RoundFactory(year=2000 + size, name=f"批量{size}")
        _clone_decided(template, other_round, size)
        with django_assert_max_num_queries(bound):
            summary = review_release.release_round(other_round, now=after_release(other_round), batch_size=500)
        assert (summary.total, summary.batches) == (size, 1)
        assert Declaration.objects.filter(round=other_round, status=Status.PASSED).count() == size


def _clone_decided(template: Declaration, declaration_round, count: int) -> None:
    """`count` decided declarations like `template`, written in bulk (the applicants are bulk copies)."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        user_model(username=f"bulk{declaration_round.pk}-{i}", real_name=f"批量{i}", employer="某单位")
        for i in range(count)
    )
    Declaration.objects.bulk_create(
        Declaration(
            applicant=user,
            round=declaration_round,
            title=template.title,
            year=declaration_round.year,
            status=Status.IN_REVIEW,
            submitted_at=template.submitted_at,
            pending_decision=Decision.PASS,
            pending_comment="同意",
        )
        for user in users
    )


def test_release_command_on_ten_thousand_declarations_stays_within_a_bound_per_batch(
    declaration_round, django_assert_max_num_queries
):
    from declarations.release import DEFAULT_BATCH_SIZE

    template = submitted_declaration(declaration_round)
    decide_all(template, reviewer(), Decision.PASS)
    _clone_decided(template, declaration_round, 9_999)
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    batches = 10_000 // DEFAULT_BATCH_SIZE
    per_batch = 20
    with django_assert_max_num_queries(batches * per_batch + 10):
        call_command("release_results")
    assert Declaration.objects.filter(round=declaration_round, status=Status.PASSED).count() == 10_000
    assert DBTaskResult.objects.filter(task_path="review.tasks.notify_passed").count() == batches


def test_the_scheduled_release_leaves_a_second_declaration_for_its_own_time():
    declaration_round = RoundFactory(second_declaration_closed=True)
    declaration = make_declaration(declaration_round=declaration_round, status=Status.RESUBMITTED)
    record_decision(declaration.pk, reviewer(), "pass")

    assert review_release.due_rounds() == []
    assert review_release.due_rounds(now=declaration_round.second_results_release_at) == [declaration_round]
