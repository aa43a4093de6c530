"""Applicant pages of 职称管理: sign-up (职称申报), my declarations (我申报的), check and submit,
the submitted declaration and its PDF and ZIP downloads. Rules live in `signup`, `submission` and
`workflow`.
"""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from declarations import workflow
from declarations.access import applicant_required
from declarations.downloads import attachments_zip, stored_form_pdf
from declarations.errors import DeclarationError
from declarations.forms import SubmitForm
from declarations.models import Declaration, DeclarationRound
from declarations.queries import open_rounds
from declarations.signup import sign_up as sign_up_for_title
from declarations.signup import sign_up_refusal
from declarations.snapshots import present_section, read_profile
from declarations.submission import completeness_problems, submission_made, submit, submit_refusal


def _own_declaration(request: HttpRequest, pk: int) -> Declaration:
    # Someone else's declaration is simply not found.
    return get_object_or_404(Declaration.objects.select_related("round", "title"), pk=pk, applicant=request.user)


@applicant_required
def title_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    declarations = list(Declaration.objects.filter(applicant=request.user).select_related("round", "title"))
    declared_years = {d.year for d in declarations}
    rounds = [
        {"round": r, "titles": r.titles.all(), "may_sign_up": r.year not in declared_years} for r in open_rounds(now)
    ]
    second_chances = [d for d in declarations if workflow.allowed(d, "resubmit", request.user, now)]
    return render(
        request,
        "declarations/title_list.html",
        {"rounds": rounds, "second_chances": second_chances},
    )


@applicant_required
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest, round_id: int, title_id: int) -> HttpResponse:
    declaration_round = get_object_or_404(DeclarationRound, pk=round_id)
    title = get_object_or_404(declaration_round.titles, pk=title_id)
    if request.method == "POST":
        try:
            sign_up_for_title(request.user, round_id, title_id)
        except DeclarationError as error:
            messages.error(request, error.message)
            return redirect("declarations:titles")
        messages.success(request, f"报名成功：{title.title_name}。请完善个人信息后在“我申报的”中提交申报。")
        return redirect("declarations:declaration-list")
    refusal = sign_up_refusal(request.user, declaration_round)
    if refusal:
        messages.error(request, refusal)
        return redirect("declarations:titles")
    return render(request, "declarations/sign_up_confirm.html", {"round": declaration_round, "title": title})


@applicant_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    declarations = Declaration.objects.filter(applicant=request.user).select_related("round", "title")
    rows = [
        {
            "declaration": d,
            "may_submit": bool(d.phase.submit_transition)
            and workflow.allowed(d, d.phase.submit_transition, request.user, now),
            "has_snapshot": d.submitted_at is not None,
        }
        for d in declarations
    ]
    return render(request, "declarations/declaration_list.html", {"rows": rows})


@applicant_required
@require_http_methods(["GET", "POST"])
def check_and_submit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _own_declaration(request, pk)
    if request.method == "POST":
        form = SubmitForm(request.POST)
        if form.is_valid():
            try:
                result = submit(
                    declaration.pk, request.user, pledge=True, expected_status=form.cleaned_data["expected_status"]
                )
            except DeclarationError as error:
                messages.error(request, error.message)
                return redirect("declarations:declaration-submit", pk=declaration.pk)
            if result.submitted_now:
                # What happens next depends on where the submission went (the employer, the department).
                messages.success(request, workflow.advice(result.declaration))
            else:
                messages.info(request, "该申报已提交，无需重复提交。")
            return redirect("declarations:declaration-detail", pk=declaration.pk)
    else:
        form = SubmitForm(initial={"expected_status": declaration.status})
    if not declaration.phase.submit_transition:
        # Already submitted (or decided): there is nothing to check and submit, show what was sent.
        return redirect("declarations:declaration-detail", pk=declaration.pk)
    return render(
        request,
        "declarations/check_and_submit.html",
        {
            "declaration": declaration,
            "sections": [present_section(s) for s in read_profile(request.user)],
            "problems": completeness_problems(request.user),
            "refusal": submit_refusal(declaration, request.user),
            "form": form,
            "is_second": submission_made(declaration) == 2,
        },
    )


@applicant_required
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _own_declaration(request, pk)
    snapshot = declaration.latest_snapshot
    return render(
        request,
        "declarations/declaration_detail.html",
        {
            "declaration": declaration,
            "snapshot": snapshot,
            "sections": [present_section(s) for s in snapshot.data["sections"]] if snapshot else [],
            "transitions": declaration.transitions.select_related("actor"),
        },
    )


def _submitted_snapshot(request: HttpRequest, pk: int):
    declaration = _own_declaration(request, pk)
    snapshot = declaration.latest_snapshot
    if snapshot is None:
        messages.error(request, "该申报尚未提交，还没有可下载的申报材料。")
    return declaration, snapshot


@applicant_required
def declaration_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    declaration, snapshot = _submitted_snapshot(request, pk)
    if snapshot is None:
        return redirect("declarations:declaration-list")
    snapshot = stored_form_pdf(snapshot)
    etag = f'"{snapshot.form_pdf_sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        # The button says 下载: a download, not a PDF viewer replacing the applicant's page.
        filename = f"{declaration.year}年职称申报表-{snapshot.data['applicant']['real_name']}.pdf"
        response = FileResponse(
            snapshot.form_pdf.storage.open(snapshot.form_pdf.name, "rb"),
            as_attachment=True,
            filename=filename,
            content_type="application/pdf",
        )
    response.headers["ETag"] = etag
    return response


@applicant_required
def declaration_zip_view(request: HttpRequest, pk: int) -> HttpResponse:
    declaration, snapshot = _submitted_snapshot(request, pk)
    if snapshot is None:
        return redirect("declarations:declaration-list")
    filename = f"{declaration.year}年职称申报附件-{snapshot.data['applicant']['real_name']}.zip"
    return FileResponse(
        attachments_zip(snapshot), as_attachment=True, filename=filename, content_type="application/zip"
    )
