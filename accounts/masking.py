"""Masking of phone and ID numbers wherever they are logged or listed (138****8000)."""

from .validators import normalize_resident_id


def mask_phone(phone: object) -> str:
    digits = str(phone or "").strip()
    if digits.startswith("+86"):
        digits = digits[3:]
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}****{digits[-4:]}"


def mask_id_number(id_number: str | None) -> str:
    """1401**********1234: only the first and last four characters stay readable."""
    value = normalize_resident_id(id_number or "")
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_account(account: str) -> str:
    """Mask whatever was typed into an account field: a phone, an ID number or a username."""
    value = (account or "").strip()
    compact = value.replace(" ", "").replace("-", "")
    if compact.lstrip("+").isdigit() and 11 <= len(compact.lstrip("+")) <= 13:
        return mask_phone(compact)
    if len(compact) >= 15 and compact[:-1].isdigit():
        return mask_id_number(compact)
    return value[:64]
