"""The reviewers' declaration admin (wagtail-modeladmin, SPEC 7): the queue with its filters and
masked numbers, the review view (the inspect view of the queue) and the stages of each round.
Registered in `wagtail_hooks.py`.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import ButtonHelper, DjangoORMSearchHandler, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView, InspectView

from accounts import audit
from accounts.masking import mask_id_number, mask_phone
from accounts.pii import id_number_digest
from declarations import workflow
from declarations.models import Declaration, DeclarationRound, TitleCatalogue
from declarations.roles import may_read_declarations
from declarations.snapshots import current_snapshots, present_section, preview_kind
from declarations.workflow import IllegalTransition
from declarations.workflow.chain import BEFORE_DEPARTMENT
from review.decisions import ReviewConflict, ReviewError, correct, correction_refusal, decide
from review.diff import compare_snapshots
from review.forms import CorrectionForm, StageDecisionForm
from review.log import review_log
from review.models import ReviewStage, StageReview
from review.permissions import refusal as review_refusal
from review.queue import awaiting_release, awaiting_stage
from review.stages import progress

ID_NUMBER_PATTERN = re.compile(r"\d{17}[\dXx]")


class QueuePermissionHelper(PermissionHelper):
    """Reviewers and administrators read the queue; nobody edits applicant data here."""

    def user_can_list(self, user) -> bool:
        return may_read_declarations(user)

    def user_can_inspect_obj(self, user, obj) -> bool:
        return may_read_declarations(user)

    def user_can_create(self, user) -> bool:
        return False

    def user_can_edit_obj(self, user, obj) -> bool:
        return False

    def user_can_delete_obj(self, user, obj) -> bool:
        return False


class QueueButtonHelper(ButtonHelper):
    def inspect_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().inspect_button(pk, classnames_add, classnames_exclude)
        button.update(label="审核", title="查看申报材料并审核")
        return button


class QueueSearchHandler(DjangoORMSearchHandler):
    """Names and employers match in part; an ID number only whole, through its digest, since
    the number itself is stored encrypted."""

    def search_queryset(self, queryset, search_term, **kwargs):
        term = (search_term or "").strip()
        if ID_NUMBER_PATTERN.fullmatch(term):
            return queryset.filter(applicant__id_number_digest=id_number_digest(term))
        return super().search_queryset(queryset, search_term, **kwargs)


class RoundFilter(admin.SimpleListFilter):
    title = "申报批次"
    parameter_name = "round"

    def lookups(self, request, model_admin):
        return [(str(r.pk), r.name) for r in DeclarationRound.objects.order_by("-year", "-signup_starts_at")]

    def queryset(self, request, queryset):
        return queryset.filter(round_id=self.value()) if (self.value() or "").isdigit() else queryset


class TitleFilter(admin.SimpleListFilter):
    title = "申报职称"
    parameter_name = "title"

    def lookups(self, request, model_admin):
        # EXISTS stops at the first submitted declaration of each title; a DISTINCT over the join
        # would read every declaration.
        submitted = Declaration.objects.filter(title=OuterRef("pk"), submitted_at__isnull=False)
        titles = TitleCatalogue.objects.filter(Exists(submitted))
        return [(str(t.pk), f"{t.specialty} · {t.title_name}") for t in titles]

    def queryset(self, request, queryset):
        return queryset.filter(title_id=self.value()) if (self.value() or "").isdigit() else queryset


class StageFilter(admin.SimpleListFilter):
    title = "审核阶段"
    parameter_name = "stage"
    RELEASE = "release"

    def lookups(self, request, model_admin):
        stages = ReviewStage.objects.select_related("round").order_by("-round__year", "round_id", "order")
        return [(str(s.pk), f"待{s.name}（{s.round.name}）") for s in stages] + [(self.RELEASE, "已审结，待统一退回")]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value == self.RELEASE:
            return awaiting_release(queryset)
        stage = ReviewStage.objects.filter(pk=value).first() if value.isdigit() else None
        return awaiting_stage(queryset, stage) if stage else queryset.none()


def _file_preview(item: dict) -> dict:
    kind = preview_kind(item.get("content_type", ""))
    # The applicant area's permission-checked private-file view serves reviewers too.
    return {**item, "url": reverse("declarations:private-file", args=[item["file_id"]]), "kind": kind}


def review_sections(snapshot, first_snapshot=None) -> list[dict]:
    """The snapshot's 11 sections for the review page, with previews and (for a second
    declaration) what changed since the first submission."""
    changes = compare_snapshots(first_snapshot.data, snapshot.data) if first_snapshot else {}
    sections = []
    for data in snapshot.data["sections"]:
        section = present_section(data)
        section_changes = changes.get(data["key"])
        labels = {f["name"]: f["label"] for f in data["fields"]}
        for entry in section["entries"]:
            entry["files"] = [_file_preview(item) for item in entry["files"]]
            changed = section_changes.entries.get(entry["position"], set()) if section_changes else set()
            entry["changed"] = bool(changed)
            entry["changed_labels"] = sorted(labels.get(name, name) for name in changed if name != "*")
            entry["is_new"] = "*" in changed
        section["changes"] = section_changes
        sections.append(section)
    return sections


class ListIndexView(IndexView):
    """modeladmin lets a filter value the field cannot take (`?submitted_at__gte=abc`, an unknown
    parameter, an id past bigint) escape as a 500; Django's admin would catch it. It is a 400."""

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()  # the filtered queryset is read here, inside the try
        except (IncorrectLookupParameters, OverflowError, DataError) as error:
            raise BadRequest("无效的筛选条件") from error
        return response


class ReviewView(InspectView):
    """One declaration as submitted, the stages so far, the log and the form of the open stage (or
    of the correction of the latest decided one, `?correct=<id>`). Saving goes through a summary
    the reviewer confirms (`action=confirm`); `action=edit` goes back to the form as filled in."""

    template_name = "review/review_declaration.html"
    confirm_template_name = "review/confirm_decision.html"

    def __init__(self, model_admin, instance_pk):
        # modeladmin looks the id up unchecked: `inspect/abc/` would be a 500, not a 404.
        try:
            model_admin.model._meta.pk.clean(unquote(instance_pk), None)
        except ValidationError as error:
            raise Http404 from error
        super().__init__(model_admin, instance_pk)
        if self.instance.status in BEFORE_DEPARTMENT:
            raise Http404  # still with the employer: not the department's yet

    def get_page_title(self):
        return "申报审核"

    def get_meta_title(self):
        return f"申报审核 - {self.instance.applicant.real_name}"

    def _declaration(self) -> Declaration:
        return (
            Declaration.objects.select_related("round", "title", "applicant")
            .prefetch_related(
                "round__review_stages__reviewers",
                "stage_reviews__verdicts",
                "stage_reviews__reviewer",
                "stage_reviews__stage",
                "stage_reviews__corrections",
            )
            .get(pk=self.instance.pk)
        )

    def _correctable(self, declaration, stage_progress) -> StageReview | None:
        """The stage review this user may correct now: the latest decided stage of the submission."""
        decided = [review for _, review in stage_progress.rows if review is not None]
        if not decided:
            return None
        latest = decided[-1]
        return None if correction_refusal(self.request.user, latest) else latest

    def _correcting(self, declaration, stage_progress, review_id) -> StageReview | None:
        correctable = self._correctable(declaration, stage_progress)
        if correctable is None or str(correctable.pk) != str(review_id):
            return None
        return correctable

    def _context(self, form=None, correcting_id=None) -> dict:
        declaration = self._declaration()
        snapshots = current_snapshots(declaration)
        snapshot = snapshots[-1] if snapshots else None
        first = snapshots[0] if len(snapshots) > 1 else None
        stage_progress = progress(declaration)
        refusal = review_refusal(self.request.user, declaration, stage_progress)
        correctable = self._correctable(declaration, stage_progress)
        correcting = self._correcting(declaration, stage_progress, correcting_id) if correcting_id else None
        if correcting is not None:
            refusal = ""
            if form is None:
                form = CorrectionForm(initial=CorrectionForm.initial_for(correcting))
        elif form is None and not refusal:
            form = StageDecisionForm(
                initial={"stage_id": stage_progress.current_stage.pk, "sequence": stage_progress.sequence}
            )
        elif isinstance(form, CorrectionForm) or refusal:
            form = None
        sections = review_sections(snapshot, first) if snapshot else []
        if form is not None:
            for section in sections:
                section["verdict_field"], section["comment_field"] = form.section_fields(section["key"])
        applicant = snapshot.data["applicant"] if snapshot else {}
        # The basic-info section shows the full number: every such viewing is on record.
        audit.record_id_number_view(self.request, applicant.get("id_number"), f"审核申报 #{declaration.pk}")
        return {
            "view": self,
            "declaration": declaration,
            "snapshot": snapshot,
            "is_second": workflow.submission_number(declaration) == 2,
            "sections": sections,
            "applicant": applicant,
            "masked_id_number": mask_id_number(applicant.get("id_number")),
            "masked_phone": mask_phone(applicant.get("phone")),
            "progress": stage_progress,
            "refusal": refusal,
            "form": form,
            "correcting": correcting,
            "correctable": None if correcting else correctable,
            "release_at": declaration.round.release_at(workflow.submission_number(declaration)),
            "log": review_log(declaration),
        }

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, self._context(correcting_id=request.GET.get("correct")))

    def post(self, request, *args, **kwargs):
        correcting_id = request.POST.get("review_id")
        form = CorrectionForm(request.POST) if correcting_id else StageDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "审核结论未保存，请按提示修改。")
            return TemplateResponse(request, self.template_name, self._context(form, correcting_id), status=400)
        action = request.POST.get("action", "")
        if action == "edit":
            return TemplateResponse(request, self.template_name, self._context(form, correcting_id))
        if action != "confirm":
            # The overall decision is confirmed on a summary before anything is saved.
            context = self._context(form, correcting_id)
            if context["form"] is None:
                return TemplateResponse(request, self.template_name, context, status=403)
            return TemplateResponse(request, self.confirm_template_name, {**context, "form": form})
        try:
            if correcting_id:
                data = form.cleaned_data
                correct(
                    data["review_id"],
                    request.user,
                    form.section_inputs(),
                    data["decision"],
                    data["comment"],
                    data["reason"],
                    expected_decided_at=data["expected_decided_at"],
                )
            else:
                decide(
                    self.instance.pk,
                    form.cleaned_data["stage_id"],
                    request.user,
                    form.section_inputs(),
                    form.cleaned_data["decision"],
                    form.cleaned_data["comment"],
                    sequence=form.cleaned_data["sequence"],
                )
        except ReviewConflict as error:
            messages.error(request, error.message)
            return TemplateResponse(request, self.template_name, self._context(), status=409)
        except (ReviewError, IllegalTransition) as error:
            messages.error(request, error.message)
            return TemplateResponse(request, self.template_name, self._context(), status=403)
        except StageReview.DoesNotExist as error:
            raise Http404 from error
        if correcting_id:
            messages.success(request, "审核结论已更正，原结论已保留在审核记录中。结论在统一退回时间前对申报人不可见。")
        else:
            messages.success(request, "审核结论已保存。结论在统一退回时间前对申报人不可见。")
        return HttpResponseRedirect(self.url_helper.get_action_url("inspect", self.instance.pk))


class DeclarationQueueAdmin(ModelAdmin):
    model = Declaration
    menu_label = "审核队列"
    menu_icon = "list-ul"
    menu_order = 100
    list_per_page = 20
    inspect_view_enabled = True
    inspect_view_class = ReviewView
    index_view_class = ListIndexView
    # The library's history view checks no permission; declarations keep their own log.
    history_view_enabled = False
    permission_helper_class = QueuePermissionHelper
    button_helper_class = QueueButtonHelper
    list_display = (
        "applicant_name",
        "masked_id_number",
        "masked_phone",
        "employer",
        "title_name",
        "status",
        "current_stage",
        "submitted_at",
    )
    list_filter = (RoundFilter, TitleFilter, "status", "submitted_at", StageFilter)
    search_fields = ("applicant__real_name", "applicant__employer")
    search_handler_class = QueueSearchHandler
    ordering = ("submitted_at", "pk")

    def get_queryset(self, request):
        # Only submitted declarations that reached the department (not those still with the employer).
        return (
            super()
            .get_queryset(request)
            .filter(submitted_at__isnull=False)
            .exclude(status__in=BEFORE_DEPARTMENT)
            .select_related("applicant", "title", "round")
            .prefetch_related("round__review_stages", "stage_reviews")
        )

    @admin.display(description="申报人")
    def applicant_name(self, obj):
        return obj.applicant.get_short_name()

    @admin.display(description="身份证号")
    def masked_id_number(self, obj):
        return mask_id_number(obj.applicant.id_number)

    @admin.display(description="手机号码")
    def masked_phone(self, obj):
        return mask_phone(obj.applicant.phone)

    @admin.display(description="工作单位")
    def employer(self, obj):
        return obj.applicant.employer

    @admin.display(description="申报职称", ordering="title__title_name")
    def title_name(self, obj):
        return f"{obj.title.title_name}（{obj.title.specialty}）"

    @admin.display(description="当前阶段")
    def current_stage(self, obj):
        stage_progress = progress(obj)
        if stage_progress.current_stage:
            return f"待{stage_progress.current_stage.name}"
        return "待统一退回" if obj.pending_decision else "—"


class ReviewStageAdmin(ModelAdmin):
    model = ReviewStage
    index_view_class = ListIndexView
    history_view_enabled = False  # the library's history view checks no permission
    menu_label = "审核阶段"
    menu_icon = "list-ol"
    menu_order = 200
    list_display = ("round", "order", "name", "reviewer_names")
    list_filter = (RoundFilter,)
    panels = [
        FieldPanel("round"),
        FieldPanel("order"),
        FieldPanel("name"),
        FieldPanel("reviewers", widget=forms.CheckboxSelectMultiple),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round").prefetch_related("reviewers")

    @admin.display(description="审核人")
    def reviewer_names(self, obj):
        return "、".join(u.get_short_name() for u in obj.reviewers.all()) or "全体审核人"
