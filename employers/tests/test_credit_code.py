"""The unified social credit code's check character (GB 32100-2015), with FACTS.md's examples."""

import pytest
from django.core.exceptions import ValidationError

from employers.credit_code import check_character, is_valid, normalize, validate_credit_code


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"])
def test_published_codes_are_valid(code):
    assert is_valid(code)
    validate_credit_code(code)


def test_a_wrong_check_character_is_refused():
    assert not is_valid("911100001000013428")
    with pytest.raises(ValidationError, match="校验位"):
        validate_credit_code("911100001000013428")


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_letters_the_code_never_uses_are_named(letter):
    code = "91350100M000100Y4" + letter
    with pytest.raises(ValidationError, match=letter):
        validate_credit_code(code)


@pytest.mark.parametrize("code", ["", "9135010", "91350100M000100Y431"])
def test_wrong_length_is_refused(code):
    with pytest.raises(ValidationError, match="18 位"):
        validate_credit_code(code)


def test_typed_codes_are_normalised_before_checking():
    assert normalize(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert normalize("913501-00M0 00100Y43") == "91350100M000100Y43"
    validate_credit_code("91350100m000100y43")


def test_a_check_character_of_31_is_written_as_0():
    # Find a body whose weighted sum is a multiple of 31: its check character is "0".
    for n in range(10_000):
        body = f"9111000010{n:07d}"
        if check_character(body) == "0":
            assert is_valid(body + "0")
            break
    else:
        pytest.fail("no body with check character 0 found")
