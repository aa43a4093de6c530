"""Two reviewers deciding the same stage at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection

from declarations.workflow import Decision
from review import decisions as review_decisions
from review.models import ReviewStage, StageReview
from review.tests.factories import (
    all_pass,
    failing,
    make_round,
    restore_migrated_roles,
    reviewer,
    submitted_declaration,
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_one_stage_at_once_one_wins_one_gets_a_conflict():
    restore_migrated_roles()
    declaration_round = make_round(("初审", "复审"))
    declaration = submitted_declaration(declaration_round)
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    first, second = reviewer(real_name="甲审核"), reviewer(real_name="乙审核")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def attempt(user, sections, decision, comment):
        try:
            barrier.wait(timeout=10)
            review_decisions.decide(declaration.pk, stage.pk, user, sections, decision, comment, sequence=1)
            outcomes[user.real_name] = "saved"
        except review_decisions.ReviewConflict as error:
            outcomes[user.real_name] = error.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(first, all_pass(), Decision.PASS, "同意")),
        threading.Thread(target=attempt, args=(second, failing(papers="不符"), Decision.FAIL, "不同意")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values(), key=lambda v: v != "saved")[0] == "saved"
    loser_message = next(v for v in outcomes.values() if v != "saved")
    winner = StageReview.objects.get(declaration=declaration)
    assert f"已由{winner.reviewer.real_name}于" in loser_message
    assert "您的结论未保存" in loser_message
    assert StageReview.objects.filter(declaration=declaration).count() == 1
    declaration.refresh_from_db()
    expected_pending = "" if winner.decision == Decision.PASS else Decision.FAIL
    assert declaration.pending_decision == expected_pending
