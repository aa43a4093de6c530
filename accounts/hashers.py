"""Password hashing at OWASP's Argon2id parameters (docs/security.md, row 4).

Django's own Argon2 hasher uses m = 100 MiB, t = 2, p = 8: about 240 ms of CPU a login on two
cores, where the eighth lane buys nothing. OWASP's Password Storage Cheat Sheet gives
m = 19 MiB, t = 2, p = 1 as the first equivalent choice for Argon2id. The algorithm name stays
`argon2`, so hashes made with other parameters still verify, and Django's `must_update` sees the
different parameters and stores a new hash at that user's next successful login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
