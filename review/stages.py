"""The department's review step of a round's chain: its ordered stages (初审 → 复审) and where a
declaration's current submission stands among them. Reads, except that a round without stages
gets its single default stage 厅审核.
"""

from dataclasses import dataclass

from declarations import workflow
from declarations.models import Declaration, DeclarationRound
from declarations.workflow import Decision, StepKind
from review.models import DEFAULT_STAGE_NAME, ReviewStage, StageReview

# Statuses in which a declaration waits for (or is in) the department's review.
REVIEWABLE_STATUSES = workflow.STEP_BY_KIND[StepKind.DEPARTMENT_REVIEW].statuses


def ensure_stages(declaration_round: DeclarationRound) -> list[ReviewStage]:
    """The round's stages in order; a round without any gets the single default stage 厅审核."""
    stages = list(declaration_round.review_stages.all())
    if not stages:
        stage, _ = ReviewStage.objects.get_or_create(
            round=declaration_round, order=1, defaults={"name": DEFAULT_STAGE_NAME}
        )
        stages = [stage]
    return stages


@dataclass
class Progress:
    sequence: int
    stages: list[ReviewStage]
    reviews: dict[int, StageReview]  # by stage id, for this submission
    current_stage: ReviewStage | None  # the stage that decides next; None when nothing is open

    @property
    def rows(self) -> list[tuple[ReviewStage, StageReview | None]]:
        return [(stage, self.reviews.get(stage.pk)) for stage in self.stages]


def progress(declaration: Declaration) -> Progress:
    """Where the declaration's current submission stands in the round's chain of stages.
    Reads prefetched `round.review_stages` and `stage_reviews` when the caller has them.
    """
    sequence = workflow.submission_number(declaration)
    stages = ensure_stages(declaration.round)
    reviews = {r.stage_id: r for r in declaration.stage_reviews.all() if r.sequence == sequence}
    current = None
    if declaration.status in REVIEWABLE_STATUSES and not declaration.pending_decision:
        for stage in stages:
            review = reviews.get(stage.pk)
            if review is None:
                current = stage
                break
            if review.decision == Decision.FAIL:
                break
    return Progress(sequence, stages, reviews, current)
