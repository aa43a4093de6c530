"""Two reviewers deciding the same stage at the same moment: one wins, the other is told."""

import pytest

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
from tests.concurrency import run_at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_deciding_one_stage_at_once_one_wins_one_gets_a_conflict():
    restore_migrated_roles()
    declaration_round = make_round(("初审", "复审"))
    declaration = submitted_declaration(declaration_round)
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    first, second = reviewer(real_name="甲审核"), reviewer(real_name="乙审核")

    def attempt(user, sections, decision, comment):
        def decide() -> str:
            try:
                review_decisions.decide(declaration.pk, stage.pk, user, sections, decision, comment, sequence=1)
            except review_decisions.ReviewConflict as error:
                return error.message
            return "saved"

        return decide

    results = run_at_once(
        attempt(first, all_pass(), Decision.PASS, "同意"),
        attempt(second, failing(papers="不符"), Decision.FAIL, "不同意"),
    )
    outcomes = {first.real_name: results[0], second.real_name: results[1]}

    assert sorted(outcomes.values(), key=lambda v: v != "saved")[0] == "saved"
    loser_message = next(v for v in outcomes.values() if v != "saved")
    winner = StageReview.objects.get(declaration=declaration)
    assert f"已由{winner.reviewer.real_name}于" in loser_message
    assert "您的结论未保存" in loser_message
    assert StageReview.objects.filter(declaration=declaration).count() == 1
    declaration.refresh_from_db()
    expected_pending = "" if winner.decision == Decision.PASS else Decision.FAIL
    assert declaration.pending_decision == expected_pending
