"""Admin pages of 职称评审 beside the modeladmin queue: the rounds with their release button
(administrators only) and the XLSX export. Rules live in `declarations.roles`, `review.release` and `review.queue`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from declarations import release
from declarations.models import DeclarationRound
from declarations.roles import is_administrator, may_read_declarations
from declarations.workflow import IllegalTransition
from review.export import round_workbook
from review.queue import status_counts
from review.release import preview_round
from review.release import release_round as release_round_results
from review.stages import ensure_stages

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rounds(request: HttpRequest) -> HttpResponse:
    if not may_read_declarations(request.user):
        raise PermissionDenied
    now = timezone.now()
    rows = [
        {
            "round": r,
            "stages": ensure_stages(r),
            "counts": status_counts(r),
            "pending": release.pending_release(r).count(),
            "due": bool(release.due_statuses(r, now)),
        }
        for r in DeclarationRound.objects.order_by("-year", "-signup_starts_at")
    ]
    return TemplateResponse(
        request, "review/rounds.html", {"rows": rows, "can_release": is_administrator(request.user)}
    )


@require_http_methods(["GET", "POST"])
def release_round(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what a release would do now, per outcome, with the button to confirm. POST: release,
    provided the numbers confirmed are still the numbers pending (another decision may have been
    recorded meanwhile)."""
    if not is_administrator(request.user):
        raise PermissionDenied
    declaration_round = get_object_or_404(DeclarationRound, pk=pk)
    preview = preview_round(declaration_round)
    if request.method == "POST":
        if request.POST.get("confirmed_total") != str(preview.total):
            messages.warning(request, "待退回的申报数量已变化，请核对后重新确认。")
        else:
            try:
                summary = release_round_results(declaration_round, actor=request.user)
            except IllegalTransition as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    f"{declaration_round.name}：已统一退回 {summary.total} 份申报（通过 {summary.passed}，"
                    f"未通过 {summary.failed}，最终未通过 {summary.final_failed}）；通知短信已进入发送队列。",
                )
            return redirect("review-rounds")
    return TemplateResponse(
        request,
        "review/release_confirm.html",
        {
            "round": declaration_round,
            "preview": preview,
            "due": declaration_round.is_release_due(timezone.now()),
        },
    )


def export_round(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_read_declarations(request.user):
        raise PermissionDenied
    declaration_round = get_object_or_404(DeclarationRound, pk=pk)
    response = HttpResponse(round_workbook(declaration_round), content_type=XLSX)
    response.headers["Content-Disposition"] = content_disposition_header(
        True, f"{declaration_round.name}-审核结果.xlsx"
    )
    return response
