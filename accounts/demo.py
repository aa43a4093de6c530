"""Demo accounts, one per role. Other apps' demo modules look these users up by username."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .two_factor import DEVICE_NAME

# The command that prints a demo staff account's current authenticator code, as typed in the
# project's directory.
TOTP_COMMAND = ".venv/bin/python manage.py demo_totp"


def demo_url(name: str) -> str:
    """An absolute link to the demo server: scripts/start.sh sets WAGTAILADMIN_BASE_URL from its
    HOST and PORT."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name)


@dataclass(frozen=True)
class Credential:
    role: str
    login: str
    password: str
    where: str


DEMO_APPLICANT = {
    "username": "demo_applicant",
    "real_name": "张建国",
    "phone": "+8613800000001",
    "id_number": "140105198503120018",
    "employer": "山西建设工程集团有限公司",
    "email": "applicant@example.com",
}
DEMO_STAFF = (
    # username, real name, employer, group or None for superuser
    ("demo_admin", "系统管理员", "省住房和城乡建设厅", None),
    ("demo_editor", "王编辑", "省住房和城乡建设厅", "编辑"),
    ("demo_reviewer", "李审核", "省住房和城乡建设厅", "审核人"),
)
PASSWORDS = {
    "demo_applicant": "Shenbao#2026",
    "demo_admin": "Guanli#2026",
    "demo_editor": "Bianji#2026",
    "demo_reviewer": "Shenhe#2026",
}
ROLE_NAMES = {"demo_admin": "管理员", "demo_editor": "编辑", "demo_reviewer": "审核人"}


def demo_user(username: str, password: str, **fields):
    """The demo account `username`, made with `fields` and `password` the first time."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(password)
        user.save()
    return user


def seed(command) -> list[Credential]:
    applicant_fields = dict(DEMO_APPLICANT)
    username = applicant_fields.pop("username")
    demo_user(username, PASSWORDS[username], **applicant_fields)
    credentials = [Credential("申请人", DEMO_APPLICANT["phone"][3:], PASSWORDS[username], demo_url("accounts:login"))]
    for staff_username, real_name, employer, group_name in DEMO_STAFF:
        user = demo_user(
            staff_username,
            PASSWORDS[staff_username],
            real_name=real_name,
            employer=employer,
            email=f"{staff_username}@example.com",
            is_staff=True,
            is_superuser=group_name is None,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        ensure_demo_totp_device(user)
        credentials.append(
            Credential(
                ROLE_NAMES[staff_username],
                staff_username,
                PASSWORDS[staff_username],
                f"{demo_url('wagtailadmin_home')}（动态口令：{TOTP_COMMAND} {staff_username}）",
            )
        )
    return credentials


def demo_totp_key(username: str) -> str:
    """A fixed authenticator key for a demo staff account, so the demo can be reproduced."""
    return hashlib.sha1(f"zhicheng-demo-totp:{username}".encode(), usedforsecurity=False).hexdigest()


def ensure_demo_totp_device(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": DEVICE_NAME, "key": demo_totp_key(user.username)}
    )
    return device
