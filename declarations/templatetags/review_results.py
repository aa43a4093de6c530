"""`{% declaration_status declaration %}`: the applicant home's status panel (the status's advice
and the applicant's next action); `{% released_review declaration %}`: the released review result
on the applicant's pages."""

from django import template

from declarations import workflow
from declarations.results import released_result
from declarations.sections import SECTIONS_BY_KEY

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("declarations/includes/declaration_status.html", takes_context=True)
def declaration_status(context, declaration):
    if declaration is None:
        return {"declaration": None}
    name = declaration.phase.submit_transition
    corrections = []
    if declaration.phase.correction_open:
        # The sections the employer returned for correction, each with its reason and the page to fix it.
        corrections = [
            {"section": SECTIONS_BY_KEY[key], "reason": reason}
            for key, reason in (declaration.correction_sections or {}).items()
            if key in SECTIONS_BY_KEY
        ]
    return {
        "declaration": declaration,
        "advice": workflow.advice(declaration),
        "corrections": corrections,
        "may_submit": bool(name) and workflow.allowed(declaration, name, _user(context)),
    }


@register.inclusion_tag("declarations/includes/review_result.html", takes_context=True)
def released_review(context, declaration, with_comment: bool = True):
    """`with_comment=False` where the page already shows the status panel (the home): its advice
    and the overall comment are not repeated."""
    return {"result": released_result(declaration, _user(context)), "with_comment": with_comment}
