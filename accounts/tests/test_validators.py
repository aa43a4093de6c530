import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import parse_resident_id, validate_resident_id


def test_valid_number_with_x_check_character():
    parsed = parse_resident_id("11010519491231002X")
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.sex == "F"


def test_lowercase_x_is_accepted_and_normalised():
    assert parse_resident_id(" 11010519491231002x ").number == "11010519491231002X"


def test_male_number_derives_sex_and_birth_date():
    parsed = parse_resident_id("140105198503120018")
    assert parsed.sex == "M"
    assert parsed.birth_date == dt.date(1985, 3, 12)


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("110105194912310021", "check_digit", "校验位不正确"),
        ("11010519491231002", "length", "18 位"),
        ("1101051949123100211", "length", "18 位"),
        ("11010519491231A02X", "format", "格式不正确"),
        ("110105194902300026", "birth_date", "出生日期不存在"),
        ("110105194913010020", "birth_date", "出生日期不存在"),
        ("110105290001010020", "birth_date", "出生日期不合理"),
        ("", "length", "18 位"),
    ],
)
def test_invalid_numbers_are_refused_in_chinese(value, code, message):
    with pytest.raises(ValidationError) as excinfo:
        validate_resident_id(value)
    assert excinfo.value.code == code
    assert message in excinfo.value.messages[0]
