"""The declaration state machine (SPEC 6, 9): the statuses and what each means (`statuses`), the
round's chain of steps (`chain`), the transitions (`transitions`) and the one function that moves
declarations, singly or in batches, and logs every move (`engine`). Nothing else writes `status`.
"""

from declarations.workflow.chain import STEP_BY_KIND, STEPS, Step, StepKind, chain_of, step_of
from declarations.workflow.engine import (
    IllegalTransition,
    advice,
    allowed,
    check,
    log_sign_up,
    perform,
    perform_many,
    roles_of,
)
from declarations.workflow.statuses import (
    DECIDABLE_STATUSES,
    LOCKED_STATUSES,
    PHASES,
    SUBMISSION_NUMBER,
    SUBMITTABLE_STATUSES,
    Decision,
    Phase,
    Status,
    comment_required_constraint,
    phase_of,
    released_submissions,
    submission_number,
)
from declarations.workflow.transitions import SIGN_UP, TRANSITIONS, Role, Transition, release_transition

__all__ = [
    "DECIDABLE_STATUSES",
    "LOCKED_STATUSES",
    "PHASES",
    "SIGN_UP",
    "STEP_BY_KIND",
    "SUBMISSION_NUMBER",
    "STEPS",
    "SUBMITTABLE_STATUSES",
    "TRANSITIONS",
    "Decision",
    "IllegalTransition",
    "Phase",
    "Role",
    "Status",
    "Step",
    "StepKind",
    "Transition",
    "advice",
    "allowed",
    "chain_of",
    "check",
    "comment_required_constraint",
    "log_sign_up",
    "perform",
    "perform_many",
    "phase_of",
    "release_transition",
    "released_submissions",
    "roles_of",
    "step_of",
    "submission_number",
]
