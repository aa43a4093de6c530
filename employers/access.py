"""Who is an employer's officer, and which declarations are the employer's (SPEC 9): those of the
applicants who chose it while at the employer's check, and those it has recommended. An officer
reaches nothing else: another employer's declaration or file is a 404, the same as none."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect, resolve_url

from accounts.landing import landing_url
from declarations import workflow
from declarations.models import Declaration
from declarations.workflow import Role, StepKind
from employers.models import Employer, Officer

# The statuses of a declaration at the employer's check (单位审核中, 单位退回补正, 逾期未补正).
AT_EMPLOYER = workflow.STEP_BY_KIND[StepKind.EMPLOYER_CHECK].statuses


def officer_of(user) -> Officer | None:
    if not getattr(user, "is_authenticated", False) or not user.is_employer_officer:
        return None
    return Officer.objects.select_related("employer").filter(user=user).first()


def employer_declarations(employer: Employer) -> QuerySet:
    """Every declaration that is `employer`'s to see: at its check, or recommended by it."""
    return Declaration.objects.filter(
        Q(applicant__affiliation__employer=employer, status__in=AT_EMPLOYER)
        | Q(employer_recommendation__employer=employer)
    )


def employer_roles(actor, declaration) -> set:
    """The workflow's role provider: an approved employer's officer acts as 单位经办人 on the
    declarations at that employer's check."""
    officer = officer_of(actor)
    if officer is None or not officer.employer.is_approved:
        return set()
    if declaration.status not in AT_EMPLOYER:
        return set()
    if not employer_declarations(officer.employer).filter(pk=declaration.pk).exists():
        return set()
    return {Role.EMPLOYER}


def officer_required(approved: bool = True):
    """The employer shell's door: anonymous visitors log in, other account types go where they
    work; with `approved`, an employer still waiting for (or refused) approval sees its home only."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
            officer = officer_of(user)
            if officer is None:
                return redirect(landing_url(user))
            if approved and not officer.employer.is_approved:
                return redirect("employers:home")
            request.officer = officer
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def own_declaration(officer: Officer, pk: int, *, for_update: bool = False) -> Declaration:
    queryset = employer_declarations(officer.employer).select_related("round", "title", "applicant")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    try:
        return queryset.get(pk=pk)
    except Declaration.DoesNotExist:
        raise Http404 from None
