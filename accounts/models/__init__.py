"""Accounts models: the user, the audit log, one-time SMS codes and the SMS outbox."""

from .audit import AuditEvent
from .codes import VerificationCode
from .sms import SmsMessage
from .user import AccountType, User

__all__ = ["AccountType", "AuditEvent", "SmsMessage", "User", "VerificationCode"]
