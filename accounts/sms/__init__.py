"""The SMS gateway: pluggable backends (SMS_BACKEND), an outbox and queued sending.

Public API for other apps: ``accounts.sms.services.queue_sms``.
"""
