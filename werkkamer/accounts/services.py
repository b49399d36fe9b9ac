"""Account services: staff invite users; nobody signs up."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from allauth.account.forms import ResetPasswordForm
from allauth.core import context

from regions.models import Arbeidsmarktregio
from werkkamer.accounts.models import Organisation, Role, User


@transaction.atomic
def user_invite(
    *,
    email: str,
    role: Role | str,
    first_name: str,
    last_name: str,
    regions: Iterable[Arbeidsmarktregio] = (),
    organisation: Organisation | None = None,
    request: HttpRequest | None = None,
) -> User:
    """Create a user without a usable password and mail them a link to choose one.

    The name is required: people are shown by name, the e-mail address is only contact data.
    """
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(
            {"first_name": _("Vul voornaam en achternaam in: een account heeft een naam.")}
        )
    user = User(
        email=email.strip().lower(),
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation,
        is_staff=role == Role.STAFF,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.regions.set(regions)
    if request is not None:
        transaction.on_commit(lambda: user_send_invitation(user=user, request=request))
    return user


def user_send_invitation(*, user: User, request: HttpRequest) -> None:
    """Send allauth's password-set mail, which doubles as the invitation."""
    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        # allauth reads the request from its context, set by its middleware during a request;
        # set it explicitly so this also works from the admin action and from scripts.
        with context.request_context(request):
            form.save(request)
