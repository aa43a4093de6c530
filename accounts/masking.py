"""Masking of phone and ID numbers wherever they are logged or listed (138****8000)."""

import re
import unicodedata

from .validators import normalize_resident_id

# A number as people type it: digits (full-width too) with spaces, dots, dashes or slashes between
# them, an optional leading plus (+86) and a trailing X (an ID number's check character).
_GAP = r"[\s.\-_/·．－—–]{0,3}"
_DIGIT = r"[0-9０-９]"
_NUMBER = re.compile(rf"(?:[+＋]{_GAP})?{_DIGIT}(?:{_GAP}{_DIGIT})*(?:{_GAP}[XxＸｘ])?")


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


def _masked(digits: str) -> str | None:
    if len(digits) == 18:
        return mask_id_number(digits)
    if len(digits) == 11 and digits.startswith("1"):
        return mask_phone(digits)
    if len(digits) == 13 and digits.startswith("861"):
        return mask_phone(digits[2:])
    if len(digits) > 11:  # a number glued to another, or one digit short of an ID number
        return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
    return None


def _mask_number(match: re.Match) -> str:
    typed = match.group()
    normal = unicodedata.normalize("NFKC", typed).upper()
    digits = re.sub(r"[^0-9]", "", normal)
    letter = ""
    if normal.endswith("X"):
        if len(digits) == 17:
            return mask_id_number(f"{digits}X")
        letter = typed[-1]  # a letter after a number that is not an ID number's check character
    masked = _masked(digits)
    return typed if masked is None else masked + letter


def mask_personal_numbers(text: str) -> str:
    """Mask every ID number (17 digits and a digit or X) and mainland mobile number (11 digits
    starting with 1, +86 or not) wherever it stands in the text and however it is written:
    `ID1401…`, `身份证 140105.1985…`, `tel:138-0013-8000`; longer runs of digits are masked too."""
    return _NUMBER.sub(_mask_number, text or "")


def mask_account(account: str) -> str:
    """Mask whatever was typed into an account field: a phone, an ID number or a username."""
    return mask_personal_numbers((account or "").strip())[:64]
