"""Bounds on free text (every expensive input has a bound).

A model's ``TextField`` has no length limit in the database; ``max_text`` gives it one that the
model's ``full_clean`` (and so every service and model form) enforces, with a Dutch message that
says how long the text is and how long it may be. The form re-renders with the user's input.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The bounds used across the apps (characters).
NOTE_CHARS = 2_000  # a note, a reason, a summary
DECISION_CHARS = 10_000  # the text of a Werkbedrijf decision
PLAN_SECTION_CHARS = 20_000  # one section of a plan van aanpak (about seven printed pages)


@deconstructible
class MaxTextValidator(MaxLengthValidator):
    message = _(
        "Deze tekst is te lang: %(show_value)d tekens, terwijl er hoogstens %(limit_value)d "
        "mogen. Kort de tekst in; wat u typte staat er nog."
    )


def max_text(limit: int) -> list[MaxTextValidator]:
    """The validators for a free-text model field of at most ``limit`` characters."""
    return [MaxTextValidator(limit)]
