"""Test backend: keeps sent messages in ``outbox`` (like Django's locmem e-mail backend)."""

from dataclasses import dataclass

from .base import BaseSmsBackend

outbox: list["SentSms"] = []


@dataclass(frozen=True)
class SentSms:
    phone: str
    template: str
    params: dict
    text: str


class InMemoryBackend(BaseSmsBackend):
    keeps_secrets = True

    def send(self, message) -> str:
        outbox.append(SentSms(message.phone, message.template, dict(message.params), message.text))
        return f"locmem-{len(outbox)}"
