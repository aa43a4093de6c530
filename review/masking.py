"""Masking personal numbers in lists and exports: only the ends stay readable."""


def mask_id_number(value: str | None) -> str:
    """1401**********1234: the first four and last four characters of an ID number."""
    value = (value or "").strip()
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_phone(value) -> str:
    """138****0001 for a Chinese mobile number (with or without +86)."""
    digits = str(value or "").strip()
    if digits.startswith("+86"):
        digits = digits[3:]
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
