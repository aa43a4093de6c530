"""The SMS texts we send: the registry, and the accounts app's own verification code; other apps
register theirs (review/sms.py). The provider's approved template code for each key comes from
``SMS_TEMPLATE_CODES``; the text here is what the console backend prints and the outbox shows."""

from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class SmsTemplate:
    key: str
    text: str
    # Parameters that are secrets (one-time codes): redacted in the outbox once really sent.
    secret_params: tuple[str, ...] = field(default=())


TEMPLATES: dict[str, SmsTemplate] = {}


def register(template: SmsTemplate) -> SmsTemplate:
    TEMPLATES[template.key] = template
    return template


VERIFICATION_CODE = register(
    SmsTemplate(
        "verification_code",
        "【职称申报】您的验证码为 {code}，{minutes} 分钟内有效。如非本人操作，请忽略本短信。",
        secret_params=("code",),
    )
)


def get_template(key: str) -> SmsTemplate:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise ValueError(f"Unknown SMS template {key!r}") from None


def render(key: str, params: dict) -> str:
    try:
        return get_template(key).text.format(**params)
    except (ValueError, KeyError):
        return f"[{key}] {params}"


def provider_template_code(key: str) -> str:
    return getattr(settings, "SMS_TEMPLATE_CODES", {}).get(key, "")
