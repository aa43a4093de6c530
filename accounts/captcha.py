"""The image captcha's challenge (django-simple-captcha's CAPTCHA_CHALLENGE_FUNCT) and its refresh
without JavaScript: characters nobody confuses, and a 看不清，换一张 button every form handles."""

import secrets

# Digits and capitals without look-alikes: no 0/O/Q/D, 1/I/L/J, 2/Z, 5/S, 6/G, 8/B, U/V, X/K.
READABLE_CHARACTERS = "2345679ACEFHMNPRTWY"
# The name of the 看不清，换一张 button: a form posted with it only gets a new image.
REFRESH_FIELD = "captcha_refresh"


def readable_challenge() -> tuple[str, str]:
    from django.conf import settings

    challenge = "".join(secrets.choice(READABLE_CHARACTERS) for _ in range(settings.CAPTCHA_LENGTH))
    return challenge, challenge


def refresh_requested(request) -> bool:
    """The visitor asked for another image (the button works without JavaScript): nothing of the
    form is checked, no password tried, no code sent; the page comes back with what was typed."""
    return request.method == "POST" and REFRESH_FIELD in request.POST
