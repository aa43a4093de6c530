"""Re-encrypt every stored ID number with the first of FIELD_ENCRYPTION_KEYS and recompute every
digest with the current ID_NUMBER_HASH_KEY: the second half of a key rotation (docs/deploy.md)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.pii import EncryptedIdNumberField, IdNumberJSONField


class Command(BaseCommand):
    help = "用当前密钥重新加密所有身份证号码并重算摘要（密钥轮换的第二步）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            for model in apps.get_models():
                fields = [
                    f.name
                    for f in model._meta.concrete_fields
                    if isinstance(f, EncryptedIdNumberField | IdNumberJSONField)
                ]
                if not fields:
                    continue
                count = 0
                for obj in model._default_manager.select_for_update().iterator():
                    # Reading decrypted with any listed key; saving encrypts with the first one.
                    # The user's save() also recomputes the digest.
                    extra = ["id_number_digest"] if hasattr(obj, "id_number_digest") else []
                    obj.save(update_fields=fields + extra)
                    count += 1
                self.stdout.write(f"{model._meta.label}: {count}")
