"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of the code's
alphabet, the last a check character over the first 17 (weights 3^i mod 31)."""

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
VALUES = {character: value for value, character in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, position, 31) for position in range(17))
LENGTH = 18


def normalize(value: str) -> str:
    """Upper case, without spaces or hyphens: what people type from a paper licence."""
    return "".join(value.split()).replace("-", "").upper() if value else ""


def check_character(first_17: str) -> str:
    remainder = sum(VALUES[character] * weight for character, weight in zip(first_17, WEIGHTS, strict=True)) % 31
    return ALPHABET[(31 - remainder) % 31]


def is_valid(code: str) -> bool:
    return (
        len(code) == LENGTH
        and all(character in VALUES for character in code)
        and check_character(code[:17]) == code[17]
    )


def validate_credit_code(value: str) -> None:
    code = normalize(value)
    if len(code) != LENGTH:
        raise ValidationError("统一社会信用代码应为 18 位。", code="length")
    wrong = sorted({character for character in code if character not in VALUES})
    if wrong:
        raise ValidationError(
            f"统一社会信用代码不能包含“{'、'.join(wrong)}”（代码不使用字母 I、O、Z、S、V）。", code="characters"
        )
    if not is_valid(code):
        raise ValidationError("统一社会信用代码校验位不正确，请核对营业执照或法人证书上的代码。", code="check")
