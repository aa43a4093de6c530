"""Chinese resident identity number (GB 11643-1999): format, birth date and check digit."""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: dt.date
    sex: str  # "M" or "F": the 17th digit is odd for men, even for women


def normalize_resident_id(value: str) -> str:
    return (value or "").strip().upper()


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def parse_resident_id(value: str) -> ResidentId:
    """Return the parsed number or raise ValidationError with a Chinese message."""
    number = normalize_resident_id(value)
    if len(number) != 18:
        raise ValidationError("身份证号码应为 18 位。", code="length")
    if not _PATTERN.match(number):
        raise ValidationError("身份证号码格式不正确：前 17 位应为数字，最后一位为数字或 X。", code="format")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期不存在。", code="birth_date") from None
    if birth.year < 1900 or birth > dt.date.today():
        raise ValidationError("身份证号码中的出生日期不合理。", code="birth_date")
    if check_digit(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对后重新输入。", code="check_digit")
    return ResidentId(number=number, birth_date=birth, sex="M" if int(number[16]) % 2 else "F")


def validate_resident_id(value: str) -> None:
    parse_resident_id(value)
