"""System checks for settings that are legal but unsafe in production."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register

CONSOLE_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"


@register()
def console_email_without_debug(app_configs, **kwargs) -> list[Warning]:
    """Without DEBUG the console backend writes invitation and reset links into the log."""
    if settings.DEBUG or settings.EMAIL_BACKEND != CONSOLE_EMAIL_BACKEND:
        return []
    return [
        Warning(
            "EMAIL_BACKEND is the console backend while DEBUG is off: invitation and "
            "password-reset links (which log a user in) are written to the log instead of "
            "being sent. / De console-e-mailbackend schrijft uitnodigings- en resetlinks in de "
            "log in plaats van ze te versturen.",
            hint="Set EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend and "
            "EMAIL_HOST; keep the console backend only for a test installation.",
            id="werkkamer.W001",
        )
    ]
