"""Panels that the apps of later chain steps add to a profile section's page (the employers app's
所在单位 on 基本信息), so the applicant side shows them without importing those apps. A provider
is `(request) -> dict` with the panel's `template` and its context."""

from collections.abc import Callable

_providers: dict[str, list[Callable]] = {}


def register(section_key: str, provider: Callable) -> None:
    providers = _providers.setdefault(section_key, [])
    if provider not in providers:
        providers.append(provider)


def panels_for(section_key: str, request) -> list[dict]:
    return [provider(request) for provider in _providers.get(section_key, ())]
