"""Protection of resident ID numbers at rest: the encrypted model field, the encryption of single
values (for frozen snapshots) and the keyed digest that uniqueness and lookups use instead.

Keys come from settings (FIELD_ENCRYPTION_KEYS, ID_NUMBER_HASH_KEY; see docs/deploy.md). The
first encryption key encrypts, every listed key decrypts, so keys can be rotated in place.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from encrypted_fields.fields import EncryptedCharField

from .validators import normalize_resident_id

# Every Fernet token starts with its version byte 0x80, which base64 spells "gAAAAA".
_FERNET_PREFIX = "gAAAAA"


@functools.lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: set at least one key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS holds a malformed key: {error}") from None


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def is_token(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_FERNET_PREFIX)


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    """The plaintext of a token; a value that is not a token (not yet encrypted) comes back as is.
    A token none of the keys opens is an error, never shown or re-saved as if it were data."""
    if not is_token(value):
        return value
    try:
        return fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "An encrypted value could not be decrypted with FIELD_ENCRYPTION_KEYS: a key is missing."
        ) from None


def id_number_digest(value: str | None) -> str | None:
    """HMAC-SHA256 of the normalized ID number: equal numbers give equal digests, and without
    ID_NUMBER_HASH_KEY nobody can test candidate numbers against a stolen table."""
    number = normalize_resident_id(value or "")
    if not number:
        return None
    return hmac.new(settings.ID_NUMBER_HASH_KEY.encode(), number.encode(), hashlib.sha256).hexdigest()


class EncryptedIdNumberField(EncryptedCharField):
    """django-fernet-encrypted-fields' CharField with our own key list (the library derives its
    keys from SECRET_KEY, which would tie the data to the session-signing secret), and with an
    error instead of the library's silent pass-through when a stored token cannot be opened.
    The column is text holding a Fernet token; it cannot be filtered on: use the digest."""

    @property
    def f(self) -> MultiFernet:
        return fernet()

    def to_python(self, value):
        return models.CharField.to_python(self, decrypt(value) if isinstance(value, str) else value)

    def clean(self, value, model_instance):
        # The library marks the shared field object while a form cleans (so that to_python
        # skips decryption); another thread reading rows at that moment would then get tokens.
        # Tokens are recognisable and an ID number never looks like one, so no mark is needed.
        return models.CharField.clean(self, value, model_instance)


# Keys of a JSON document whose string values are ID numbers, wherever they are nested.
ID_NUMBER_JSON_KEYS = frozenset({"id_number"})


def map_id_numbers(value, transform):
    """A copy of a JSON document with `transform` applied to the value of every ID-number key."""
    if isinstance(value, dict):
        return {
            key: transform(item)
            if key in ID_NUMBER_JSON_KEYS and isinstance(item, str) and item
            else map_id_numbers(item, transform)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [map_id_numbers(item, transform) for item in value]
    return value


def _encrypt_once(value: str) -> str:
    return value if is_token(value) else encrypt(value)


class IdNumberJSONField(models.JSONField):
    """A JSONField that stores the ID numbers inside the document encrypted (for the frozen
    declaration snapshots) and hands them back decrypted; the rest stays plain JSON."""

    def get_prep_value(self, value):
        return super().get_prep_value(map_id_numbers(value, _encrypt_once))

    def from_db_value(self, value, expression, connection):
        return map_id_numbers(super().from_db_value(value, expression, connection), decrypt)


def encrypt_column(connection, table: str, column: str, digest_column: str | None = None) -> int:
    """Encrypt the plaintext values of one column in place (and fill its digest column), with
    raw SQL so that it runs the same at any migration state. Values already encrypted are left
    alone, so a migration interrupted half way can be run again. Returns the rows changed."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {qn(column)} FROM {qn(table)} WHERE {qn(column)} IS NOT NULL")  # noqa: S608
        rows = [(pk, value) for pk, value in cursor.fetchall() if value and not is_token(value)]
        for pk, value in rows:
            number = normalize_resident_id(value)
            if digest_column:
                cursor.execute(
                    f"UPDATE {qn(table)} SET {qn(column)} = %s, {qn(digest_column)} = %s WHERE id = %s",  # noqa: S608
                    [encrypt(number), id_number_digest(number), pk],
                )
            else:
                cursor.execute(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s", [encrypt(number), pk])  # noqa: S608
    return len(rows)


def decrypt_column(connection, table: str, column: str) -> int:
    """The reverse of encrypt_column, for migrating back: the plaintext returns to the column."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {qn(column)} FROM {qn(table)} WHERE {qn(column)} IS NOT NULL")  # noqa: S608
        rows = [(pk, value) for pk, value in cursor.fetchall() if is_token(value)]
        for pk, value in rows:
            cursor.execute(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s", [decrypt(value), pk])  # noqa: S608
    return len(rows)
