"""`{% released_review declaration %}`: the released review result on the applicant's pages."""

from django import template

from declarations.results import released_result

register = template.Library()


@register.inclusion_tag("declarations/includes/review_result.html", takes_context=True)
def released_review(context, declaration, with_comment: bool = True):
    """`with_comment=False` where the page already shows the overall comment (the home's status)."""
    request = context.get("request")
    return {"result": released_result(declaration, getattr(request, "user", None)), "with_comment": with_comment}
