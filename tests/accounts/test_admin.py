"""The Django admin (/beheer/) for staff: creating a user, and actions with nothing selected."""

from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse

import pytest

from werkkamer.accounts.models import Role, User

pytestmark = pytest.mark.django_db(transaction=True)  # the invitation goes out on commit


@pytest.fixture
def staff_client(personas):
    client = Client()
    client.force_login(personas.staff)
    return client


def test_staff_create_a_user_on_the_add_page(staff_client, personas):
    url = reverse("admin:accounts_user_add")
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "email": "Nieuwe.Collega@Example.nl",
            "first_name": "Fatima",
            "last_name": "el Amrani",
            "role": Role.COORDINATOR,
            "regions": [personas.region_a.pk],
            "organisation": "",
        },
    )
    assert response.status_code == 302, _errors(response)
    user = User.objects.get(email="nieuwe.collega@example.nl")
    assert (user.first_name, user.last_name, user.role) == ("Fatima", "el Amrani", "coordinator")
    assert list(user.regions.all()) == [personas.region_a]
    assert not user.has_usable_password() and not user.is_staff
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nieuwe.collega@example.nl"]


def test_the_add_page_requires_a_name_and_says_so_at_the_field(staff_client):
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {"email": "zonder.naam@example.nl", "role": Role.EMPLOYER},
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"first_name", "last_name"} <= set(form.errors)
    shown = {
        field.field.name
        for fieldset in response.context["adminform"]
        for line in fieldset
        for field in line
    }
    assert set(form.errors) <= shown, f"errors on fields the page does not show: {form.errors}"
    assert not User.objects.filter(email="zonder.naam@example.nl").exists()


def _errors(response) -> str:
    context = response.context or {}
    form = context.get("adminform").form if context.get("adminform") else None
    return str(form.errors) if form is not None else response.content.decode()[:300]


def _changelists():
    for model, model_admin in admin.site._registry.items():  # noqa: SLF001
        opts = model._meta
        yield f"admin:{opts.app_label}_{opts.model_name}_changelist", model_admin


NOTHING_SELECTED = [
    {},  # no checkbox at all
    {"_selected_action": ""},  # an empty checkbox value (was a 500: pk__in=[''])
    {"_selected_action": "geen-nummer"},
    {"_selected_action": "", "select_across": "1"},
]


def test_every_admin_action_with_nothing_selected_answers_without_an_error(
    staff_client, personas, rf
):
    tried = set()
    request = rf.get("/")
    request.user = personas.staff
    for url_name, model_admin in _changelists():
        for action in model_admin.get_actions(request):
            for selection in NOTHING_SELECTED:
                data = {"action": action, "index": 0, **selection}
                response = staff_client.post(reverse(url_name), data)
                assert response.status_code in {200, 302}, f"{url_name} {data}"
            tried.add(action)
    assert {"send_invitation", "delete_selected"} <= tried
    assert User.objects.filter(pk=personas.staff.pk).exists()
