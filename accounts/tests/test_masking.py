import pytest

from accounts.masking import mask_account, mask_id_number, mask_phone


@pytest.mark.parametrize(("value", "masked"), [("13800138000", "138****8000"), ("+8613800138000", "138****8000")])
def test_phone_is_masked(value, masked):
    assert mask_phone(value) == masked


def test_id_number_is_masked():
    assert mask_id_number("14010519850312123X") == "1401**********123X"


@pytest.mark.parametrize(
    ("typed", "masked"),
    [("13800138000", "138****8000"), ("11010519491231002x", "1101**********002X"), ("demo_admin", "demo_admin")],
)
def test_whatever_was_typed_is_masked(typed, masked):
    assert mask_account(typed) == masked
