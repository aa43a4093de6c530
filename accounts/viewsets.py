"""Read-only Wagtail admin views of the SMS outbox and the audit log, for superusers only."""

from django.contrib.auth import get_user_model
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import AuditEvent, SmsMessage


class SuperuserReadOnlyPolicy(BasePermissionPolicy):
    """Superusers may look; nobody may add, change or delete through the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class ChineseInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "—" if value is None else value  # not the English "None"


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    inspect_view_class = ChineseInspectView
    copy_view_enabled = False
    add_to_admin_menu = False
    # The policy refuses add/edit/delete; Wagtail still builds those views, so give them a form.
    form_fields = []


class SmsMessageViewSet(ReadOnlyViewSet):
    model = SmsMessage
    icon = "mail"
    menu_label = "短信发件箱"
    url_prefix = "accounts/sms"
    # The message text, not the template's key and parameter names (the admin is read in Chinese).
    list_display = ["created_at", "masked_phone", "safe_text", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    inspect_view_fields = [
        "masked_phone",
        "safe_text",
        "status",
        "attempts",
        "last_error",
        "provider_message_id",
        "created_at",
        "sent_at",
    ]


class AuditEventViewSet(ReadOnlyViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = "审计日志"
    url_prefix = "accounts/audit"
    list_display = ["created_at", "action", "outcome", "user", "account", "ip", "detail"]
    list_filter = ["action", "outcome", "created_at"]
    search_fields = ["account", "ip", "detail", "user__real_name", "user__username"]
    inspect_view_fields = ["created_at", "action", "outcome", "user", "account", "ip", "detail"]


class SecurityViewSetGroup(ViewSetGroup):
    menu_label = "安全与短信"
    menu_icon = "lock"
    menu_order = 900
    items = (SmsMessageViewSet, AuditEventViewSet)
