"""The department's register of employers in the admin (SPEC 9): the list of registrations to
approve, each with its data and licence scan, and the approve / refuse / disable decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import InspectView

from declarations.views.files import file_response
from employers import registration
from employers.models import Employer

APPROVE_PERMISSION = "employers.approve_employer"


def may_approve(user) -> bool:
    return user.is_active and user.has_perm(APPROVE_PERMISSION)


class EmployerPermissionHelper(PermissionHelper):
    """Reviewers read the register and decide registrations; employers' data is their own to edit."""

    def user_can_list(self, user) -> bool:
        return may_approve(user)

    def user_can_inspect_obj(self, user, obj) -> bool:
        return may_approve(user)

    def user_can_create(self, user) -> bool:
        return False

    def user_can_edit_obj(self, user, obj) -> bool:
        return False

    def user_can_delete_obj(self, user, obj) -> bool:
        return False


class EmployerInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employer = self.instance
        context |= {
            "employer": employer,
            "officers": employer.officers.select_related("user"),
            "licence_url": reverse("employers-admin-licence", args=[employer.pk]),
            "decisions": [
                (name, label, reverse("employers-admin-decide", args=[employer.pk, name]))
                for name, label in DECISION_LABELS.items()
                if employer.status in registration.DECISIONS[name][0]
            ],
        }
        return context


DECISION_LABELS = {"approve": "审核通过（认证）", "refuse": "不予通过", "disable": "停用"}


class EmployerAdmin(ModelAdmin):
    model = Employer
    menu_label = "用人单位"
    menu_icon = "group"
    menu_order = 260
    inspect_view_enabled = True
    inspect_view_class = EmployerInspectView
    # modeladmin's views take their template from here, never from the view's `template_name`.
    inspect_template_name = "employers/admin/inspect.html"
    history_view_enabled = False
    permission_helper_class = EmployerPermissionHelper
    list_display = ("name", "credit_code", "employer_type", "contact_name", "status", "registered_at")
    list_filter = ("status", "employer_type")
    search_fields = ("name", "credit_code")
    ordering = ("status", "-registered_at")

    def register_indexing(self):
        pass


@require_POST
def decide(request, pk: int, decision: str):
    if not may_approve(request.user) or decision not in registration.DECISIONS:
        raise PermissionDenied
    employer = get_object_or_404(Employer, pk=pk)
    try:
        registration.review_employer(employer.pk, request.user, decision, request.POST.get("reason", ""))
    except registration.ReviewRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"“{employer.name}”：{DECISION_LABELS[decision]}，已短信通知单位经办人。")
    return HttpResponseRedirect(reverse("employers_employer_modeladmin_inspect", args=[pk]))


def licence(request, pk: int):
    """The licence scan of a registration, for those who decide registrations."""
    if not may_approve(request.user):
        raise PermissionDenied
    employer = get_object_or_404(Employer.objects.select_related("licence"), pk=pk)
    return file_response(request, employer.licence)
