"""The declaration state machine (SPEC 6, 9): the statuses and what each means (`statuses`), the
round's chain of steps (`chain`), the transitions (`transitions`) and the one function that moves
declarations, singly or in batches, and logs every move (`engine`). Nothing else writes `status`.
"""

from declarations.workflow import chain
from declarations.workflow.chain import STEP_BY_KIND, STEPS, Step, StepKind, chain_of, statuses_before, step_of
from declarations.workflow.engine import (
    IllegalTransition,
    advice,
    allowed,
    check,
    log_sign_up,
    perform,
    perform_many,
    register_role_provider,
    roles_of,
)
from declarations.workflow.statuses import (
    CORRECTION_STATUSES,
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
    "CORRECTION_STATUSES",
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
    "chain",
    "allowed",
    "chain_of",
    "check",
    "comment_required_constraint",
    "log_sign_up",
    "perform",
    "perform_many",
    "phase_of",
    "register_role_provider",
    "release_transition",
    "released_submissions",
    "roles_of",
    "statuses_before",
    "step_of",
    "submission_number",
]
