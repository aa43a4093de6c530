from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import AuditEvent, SmsMessage
from .viewsets import SecurityViewSetGroup, SuperuserReadOnlyPolicy

register_permission_policy(SmsMessage, SuperuserReadOnlyPolicy(SmsMessage))
register_permission_policy(AuditEvent, SuperuserReadOnlyPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def register_security_viewsets():
    return SecurityViewSetGroup()
