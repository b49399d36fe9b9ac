"""Walk every URL pattern of the project for every persona (see tests/matrix.py)."""

from __future__ import annotations

from importlib import import_module

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from tests.matrix import LOGIN, Expect, World
from tests.personas import PERSONA_NAMES

PROJECT_MODULES = ("werkkamer", "regions", "banenafspraak", "doelgroepregister", "loonwaarde")
MATRIX_MODULES = ("core", "regions", "banenafspraak", "doelgroepregister", "loonwaarde")


def _walk(patterns, namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _walk(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern):
            module = getattr(p.callback, "__module__", "") or ""
            view_class = getattr(p.callback, "view_class", None)
            if view_class is not None:
                module = view_class.__module__
            if module.split(".")[0] in PROJECT_MODULES:
                yield f"{namespace}{p.name}" if p.name else f"<unnamed {p.pattern}>"


def project_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def _matrix_modules():
    for name in MATRIX_MODULES:
        try:
            yield import_module(f"tests.{name}.matrix")
        except ModuleNotFoundError:
            continue


def build_world(personas) -> World:
    world = World(personas=personas)
    for module in _matrix_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


def all_expectations(world: World) -> dict[str, list[Expect]]:
    result: dict[str, list[Expect]] = {}
    for module in _matrix_modules():
        for name, expect in module.expectations(world).items():
            result.setdefault(name, []).extend(expect if isinstance(expect, list) else [expect])
    return result


def check(expect: Expect, persona: str, client: Client) -> str | None:
    response = getattr(client, expect.method)(expect.path, data=expect.data or {})
    wanted = expect.outcomes[persona]
    if wanted == LOGIN:
        ok = response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        )
    elif isinstance(wanted, frozenset):
        ok = response.status_code in wanted
    else:
        ok = response.status_code == wanted
    if ok:
        return None
    where = response.get("Location", "")
    got = f"{response.status_code} {where}"
    return f"{expect.method.upper()} {expect.path} as {persona}: wanted {wanted}, got {got}"


@pytest.mark.django_db
def test_every_project_url_has_an_expectation(personas):
    declared = set(all_expectations(build_world(personas)))
    existing = project_url_names()
    assert not existing - declared, f"URLs without an expectation: {sorted(existing - declared)}"
    assert not declared - existing, (
        f"expectations for URLs that do not exist: {sorted(declared - existing)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(project_url_names()))
def test_authorisation_matrix(url_name, personas):
    world = build_world(personas)
    expects = all_expectations(world).get(url_name)
    assert expects, f"{url_name} has no expectation in tests/<app>/matrix.py"
    failures = []
    for persona in PERSONA_NAMES:
        client = Client()
        user = personas.user(persona)
        if user is not None:
            client.force_login(user)
        for expect in expects:
            failure = check(expect, persona, client)
            if failure:
                failures.append(failure)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 200),
        ("coordinator_a", 403),
        ("employer", 403),
        ("assessor", 403),
        ("staff", 200),
    ],
)
def test_the_admin_is_for_staff_only_and_logs_in_through_allauth(personas, persona, status):
    client = Client()
    if persona != "anonymous":
        client.force_login(personas.user(persona))
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == status
    if persona == "anonymous":
        # the admin's own login form is replaced by allauth's (MFA and rate limits apply)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.app_label != "sessions"
    }


@pytest.mark.django_db
def test_every_post_without_a_csrf_token_is_refused_and_changes_nothing(personas):
    """Replays each POST of the matrix, as a persona allowed to make it, without a CSRF token."""
    world = build_world(personas)
    posts = [
        (name, expect, persona)
        for name, expects in all_expectations(world).items()
        for expect in expects
        if expect.method == "post"
        for persona, outcome in expect.outcomes.items()
        if persona != "anonymous" and outcome not in (LOGIN, 403, 404, 405)
    ]
    failures = []
    for name, expect, persona in posts:
        client = Client(enforce_csrf_checks=True)
        client.force_login(personas.user(persona))
        before = _row_counts()
        response = client.post(expect.path, data=expect.data or {})
        if response.status_code != 403 or _row_counts() != before:
            failures.append(f"{name} {expect.path} as {persona}: {response.status_code}")
    assert not failures, "\n".join(failures)
