"""The employer shell (单位端, SPEC 9) at /employer/: registration, the officer's queue and check of
their staff's declarations, the 单位公示, colleagues; and the applicant's choice of employer."""

import time

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts import codes
from accounts.masking import mask_id_number, mask_phone
from accounts.services import request_registration_code
from declarations.access import applicant_required
from declarations.locks import ProfileLocked, profile_lock_reason
from declarations.models import Declaration, PrivateFile, SnapshotFile
from declarations.sections import SECTIONS
from declarations.snapshots import current_snapshots, present_section, preview_kind
from declarations.views.files import file_response
from declarations.workflow import Status
from employers import affiliation, checks, publicity, registration
from employers.access import employer_declarations, officer_required, own_declaration
from employers.forms import (
    AcceptInvitationForm,
    CodeStepForm,
    EmployerForm,
    EmployerRegistrationForm,
    InvitationForm,
    PhoneStepForm,
    PublicityForm,
    RecommendForm,
    ReturnForm,
    SendCodeForm,
)
from employers.models import Employer, Officer, Publicity, Remark

REGISTER_SESSION_KEY = "employer_registration"
QUEUE_STATUSES = (Status.EMPLOYER_REVIEW, Status.EMPLOYER_RETURNED, Status.RECOMMENDED, Status.CORRECTION_EXPIRED)
PER_PAGE = 20


# --- registration -------------------------------------------------------------------------------


def register(request):
    """Step 1: the officer's phone and the captcha; the same answer whether registered or not."""
    form = PhoneStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        try:
            request_registration_code(phone, request)
        except codes.CodeRefused as error:
            form.add_error(None, str(error))
        else:
            request.session[REGISTER_SESSION_KEY] = {"phone": phone}
            messages.info(
                request,
                f"短信验证码已发往 {mask_phone(phone)}（{settings.SMS_CODE_TTL // 60} 分钟内有效）。"
                "已注册过的号码不会收到验证码，请直接登录。",
            )
            return redirect("employers:register-verify")
    return render(request, "employers/register_phone.html", {"form": form})


def register_verify(request):
    """Step 2: the SMS code proves the phone."""
    state = request.session.get(REGISTER_SESSION_KEY) or {}
    if not state.get("phone"):
        return redirect("employers:register")
    form = CodeStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration.verify_phone(state["phone"], form.cleaned_data["sms_code"], request)
        except codes.CodeInvalid as error:
            form.add_error("sms_code", str(error))
        else:
            request.session[REGISTER_SESSION_KEY] = {"phone": state["phone"], "verified_at": time.time()}
            return redirect("employers:register-details")
    return render(
        request, "employers/register_verify.html", {"form": form, "masked_phone": mask_phone(state["phone"])}
    )


def register_details(request):
    """Step 3, within the code's lifetime: the officer's name and password, the employer's data
    and its licence scan. The employer waits for the department's approval."""
    state = request.session.get(REGISTER_SESSION_KEY) or {}
    if time.time() - state.get("verified_at", 0) >= settings.SMS_CODE_TTL:
        request.session.pop(REGISTER_SESSION_KEY, None)
        messages.error(request, "手机号码验证已过期，请重新获取短信验证码。")
        return redirect("employers:register")
    form = EmployerRegistrationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            form.check_password(None)
        if not form.errors:
            try:
                registration.register_employer(
                    state["phone"],
                    form.cleaned_data["real_name"],
                    form.cleaned_data["password1"],
                    form.save(commit=False),
                    form.uploads["licence_file"],
                    request,
                )
            except registration.RegistrationRefused as error:
                form.add_error(None, str(error))
            else:
                request.session.pop(REGISTER_SESSION_KEY, None)
                messages.success(
                    request, "单位注册已提交，请等待主管部门审核；审核结果将以短信通知。请使用手机号码登录。"
                )
                return redirect("accounts:login")
    context = {"form": form, "masked_phone": mask_phone(state["phone"])}
    return render(request, "employers/register_details.html", context, status=status)


def accept_invitation(request, token):
    invitation = registration.open_invitation(token)
    if invitation is None:
        raise Http404
    code_form = SendCodeForm(prefix="code")
    form = AcceptInvitationForm()
    status = 200
    if request.method == "POST" and request.POST.get("action") == "send_code":
        code_form = SendCodeForm(request.POST, prefix="code")
        if code_form.is_valid():
            try:
                request_registration_code(invitation.phone, request)
            except codes.CodeRefused as error:
                code_form.add_error(None, str(error))
            else:
                messages.info(request, f"短信验证码已发往 {mask_phone(invitation.phone)}。")
                code_form = SendCodeForm(prefix="code")
    elif request.method == "POST":
        form = AcceptInvitationForm(request.POST)
        status = 400
        if form.is_valid():
            form.check_password(None)
        if not form.errors:
            try:
                registration.accept_invitation(
                    invitation, form.cleaned_data["sms_code"], form.cleaned_data["password1"], request
                )
            except codes.CodeInvalid as error:
                form.add_error("sms_code", str(error))
            except registration.RegistrationRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"您已成为“{invitation.employer.name}”的单位经办人，请使用手机号码登录。")
                return redirect("accounts:login")
    context = {
        "invitation": invitation,
        "form": form,
        "code_form": code_form,
        "masked_phone": mask_phone(invitation.phone),
    }
    return render(request, "employers/accept_invitation.html", context, status=status)


# --- the shell ----------------------------------------------------------------------------------


@officer_required(approved=False)
def home(request):
    officer = request.officer
    employer = officer.employer
    counts = {}
    if employer.is_approved:
        rows = employer_declarations(employer).values("status").annotate(n=Count("pk"))
        counts = {row["status"]: row["n"] for row in rows}
    return render(
        request,
        "employers/home.html",
        {"employer": employer, "counts": [(Status(s), counts.get(s, 0)) for s in QUEUE_STATUSES]},
    )


@officer_required(approved=False)
def employer_edit(request):
    """A pending or refused employer corrects its data and asks for approval again."""
    officer = request.officer
    employer = Employer.objects.get(pk=officer.employer_id)
    if employer.status not in (Employer.Status.PENDING, Employer.Status.REFUSED):
        messages.info(request, "单位已认证，如需变更登记信息请联系主管部门。")
        return redirect("employers:home")
    form = EmployerForm(request.POST or None, request.FILES or None, instance=employer, licence_required=False)
    if request.method == "POST":
        if form.is_valid():
            try:
                registration.resubmit_employer(officer, form.save(commit=False), form.uploads.get("licence_file"))
            except registration.RegistrationRefused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "单位信息已重新提交，请等待主管部门审核。")
                return redirect("employers:home")
        return render(request, "employers/employer_edit.html", {"form": form}, status=400)
    return render(request, "employers/employer_edit.html", {"form": form})


@officer_required()
def queue(request):
    employer = request.officer.employer
    declarations = employer_declarations(employer)
    counts = {row["status"]: row["n"] for row in declarations.values("status").annotate(n=Count("pk"))}
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()[:50]
    listed = declarations.select_related("applicant", "title", "round").order_by("-submitted_at", "-pk")
    if status in QUEUE_STATUSES:
        listed = listed.filter(status=status)
    if query:
        listed = listed.filter(Q(applicant__real_name__icontains=query) | Q(title__title_name__icontains=query))
    page = Paginator(listed, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "declaration": d,
            "id_number": mask_id_number(d.applicant.id_number),
            "phone": mask_phone(d.applicant.phone),
        }
        for d in page
    ]
    return render(
        request,
        "employers/queue.html",
        {
            "counts": [(Status(s), counts.get(s, 0)) for s in QUEUE_STATUSES],
            "total": sum(counts.values()),
            "status": status,
            "query": query,
            "page": page,
            "rows": rows,
        },
    )


def _file_item(item: dict) -> dict:
    return {
        **item,
        "url": reverse("employers:file", args=[item["file_id"]]),
        "kind": preview_kind(item.get("content_type", "")),
    }


def _sections(snapshot) -> list[dict]:
    sections = []
    for data in snapshot.data["sections"]:
        section = present_section(data)
        for entry in section["entries"]:
            entry["files"] = [_file_item(item) for item in entry["files"]]
        sections.append(section)
    return sections


def _declaration_page(request, declaration, return_form=None, recommend_form=None, status=200):
    officer = request.officer
    snapshots = current_snapshots(declaration)
    snapshot = snapshots[-1] if snapshots else None
    remarks = {r.section_key: r.text for r in Remark.objects.filter(declaration=declaration)}
    sections = _sections(snapshot) if snapshot else []
    for section in sections:
        section["remark"] = remarks.get(section["key"], "")
    deciding = declaration.status == Status.EMPLOYER_REVIEW
    if deciding and return_form is None:
        initial = {"due_date": checks.default_due_date(declaration)}
        initial |= {f"reason_{key}": text for key, text in remarks.items()}
        return_form = ReturnForm(initial=initial)
    for section in sections:
        if return_form is not None:
            section["return_field"] = return_form[f"return_{section['key']}"]
            section["reason_field"] = return_form[f"reason_{section['key']}"]
    found = publicity.publicity_of(declaration, officer.employer)
    applicant = snapshot.data["applicant"] if snapshot else {}
    return render(
        request,
        "employers/declaration.html",
        {
            "declaration": declaration,
            "snapshot": snapshot,
            "sections": sections,
            "masked_id_number": mask_id_number(applicant.get("id_number")),
            "masked_phone": mask_phone(applicant.get("phone")),
            "deciding": deciding,
            "return_form": return_form,
            "recommend_form": recommend_form or (RecommendForm() if deciding else None),
            "recommend_refusal": checks.recommendation_refusal(declaration, officer) if deciding else "",
            "guarantee": checks.GUARANTEE,
            "publicity": found,
            "publicity_days": publicity.working_days(found) if found else None,
            "corrections": declaration.correction_requests.select_related("officer"),
            "transitions": declaration.transitions.all(),
        },
        status=status,
    )


@officer_required()
def declaration_view(request, pk):
    return _declaration_page(request, own_declaration(request.officer, pk))


@require_POST
@officer_required()
def save_remarks(request, pk):
    remarks = {s.key: request.POST.get(f"reason_{s.key}", "") for s in SECTIONS}
    try:
        checks.save_remarks(request.officer, pk, remarks)
    except checks.CheckRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "审核意见已保存（仅本单位可见，退回补正时才发送给申报人）。")
    return redirect("employers:declaration", pk)


@require_POST
@officer_required()
def return_declaration(request, pk):
    declaration = own_declaration(request.officer, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            checks.return_for_correction(request.officer, pk, form.reasons, form.cleaned_data["due_date"])
        except checks.CheckRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "已退回补正，申报人将收到短信通知。")
            return redirect("employers:declaration", pk)
    messages.error(request, "未能退回补正，请按提示修改。")
    return _declaration_page(request, declaration, return_form=form, status=400)


@require_POST
@officer_required()
def recommend_declaration(request, pk):
    declaration = own_declaration(request.officer, pk)
    form = RecommendForm(request.POST)
    try:
        checks.recommend(request.officer, pk, form.is_valid())
    except checks.CheckRefused as error:
        messages.error(request, str(error))
        return _declaration_page(request, declaration, recommend_form=form, status=400)
    messages.success(request, "已推荐，申报已报送主管部门资格审查。")
    return redirect("employers:declaration", pk)


@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
@officer_required(approved=False)
def private_file(request, file_id):
    """A file the employer may read: its own licence, its 公示 reports, and the evidence in the
    snapshots of its declarations. Anything else is a 404, the same as no file."""
    stored = get_object_or_404(PrivateFile, pk=file_id)
    employer = request.officer.employer
    allowed = (
        employer.licence_id == stored.pk
        or Publicity.objects.filter(employer=employer, report=stored).exists()
        or (
            employer.is_approved
            and SnapshotFile.objects.filter(
                file=stored, snapshot__declaration__in=employer_declarations(employer)
            ).exists()
        )
    )
    if not allowed:
        raise Http404
    return file_response(request, stored)


# --- 单位公示 ---------------------------------------------------------------------------------------


@officer_required()
def publicity_list(request):
    employer = request.officer.employer
    items = [
        {"publicity": p, "days": publicity.working_days(p), "count": p.n}
        for p in Publicity.objects.filter(employer=employer).select_related("round").annotate(n=Count("declarations"))
    ]
    return render(request, "employers/publicity_list.html", {"items": items})


@officer_required()
def publicity_edit(request, pk=None):
    officer = request.officer
    instance = get_object_or_404(Publicity, pk=pk, employer=officer.employer) if pk else Publicity()
    eligible = publicity.eligible_declarations(employer_declarations(officer.employer))
    if instance.pk:
        eligible = Declaration.objects.filter(Q(pk__in=eligible.values("pk")) | Q(pk__in=instance.declarations.all()))
        eligible = eligible.select_related("applicant", "title", "round")
    form = PublicityForm(request.POST or None, request.FILES or None, instance=instance, eligible=eligible)
    if request.method == "POST":
        if form.is_valid():
            chosen = list(form.cleaned_data["declarations"])
            item = form.save(commit=False)
            item.round_id = chosen[0].round_id
            publicity.save_publicity(officer, item, chosen, form.uploads.get("report_file"))
            messages.success(request, "单位公示已登记。")
            return redirect("employers:publicity-list")
        return render(request, "employers/publicity_form.html", {"form": form, "item": instance}, status=400)
    return render(request, "employers/publicity_form.html", {"form": form, "item": instance})


# --- colleagues ---------------------------------------------------------------------------------


@officer_required()
def officers(request):
    officer = request.officer
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registration.invite_officer(
            officer,
            form.cleaned_data["real_name"],
            form.cleaned_data["phone"],
            lambda invitation: request.build_absolute_uri(reverse("employers:invitation", args=[invitation.token])),
        )
        messages.success(request, f"邀请短信已发往 {mask_phone(form.cleaned_data['phone'])}，7 天内有效。")
        return redirect("employers:officers")
    colleagues = Officer.objects.filter(employer=officer.employer).select_related("user")
    pending = officer.employer.invitations.filter(accepted_at=None, expires_at__gt=timezone.now())
    context = {"form": form, "colleagues": colleagues, "pending": pending}
    return render(request, "employers/officers.html", context, status=400 if form.errors else 200)


# --- the applicant's choice ---------------------------------------------------------------------


@applicant_required
def choose_employer(request):
    """基本信息 → 所在单位: search the register by name or code and choose an approved employer."""
    user = request.user
    query = request.GET.get("q", "").strip()[:100]
    status = 200
    if request.method == "POST":
        employer_id = request.POST.get("employer", "")
        try:
            affiliation.choose_employer(user, int(employer_id) if employer_id.isdigit() else 0)
        except affiliation.AffiliationRefused as error:
            messages.error(request, str(error))
            status = 400
        except ProfileLocked as error:
            messages.error(request, str(error))
            status = 403
        else:
            messages.success(request, "所在单位已保存。")
            return redirect("declarations:basic-info")
    return render(
        request,
        "employers/choose_employer.html",
        {
            "current": affiliation.chosen_employer(user),
            "query": query,
            "results": list(affiliation.search_register(query)) if query else [],
            "lock_reason": profile_lock_reason(user, affiliation.BASIC_INFO),
        },
        status=status,
    )


def affiliation_panel(request) -> dict:
    """The 基本信息 page's panel (registered with `declarations.panels`): the chosen employer."""
    return {
        "template": "employers/includes/affiliation_panel.html",
        "current": affiliation.chosen_employer(request.user),
    }
