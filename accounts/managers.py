import secrets

from django.contrib.auth.models import UserManager as DjangoUserManager


class UserManager(DjangoUserManager):
    """Applicants sign in by phone or ID number; they get a generated internal username."""

    def _create_user(self, username, email, password, **extra_fields):
        if not username:
            username = self.generate_username()
        return super()._create_user(username, email, password, **extra_fields)

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        return super().create_user(username, email, password, **extra_fields)

    def generate_username(self) -> str:
        while True:
            candidate = f"u{secrets.token_hex(6)}"
            if not self.filter(username=candidate).exists():
                return candidate
