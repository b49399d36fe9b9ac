"""The shared page frame: Dutch first, English on request, accessible, no CDN."""

import re

from django.test import Client
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_by_default():
    html = Client().get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "Naar de inhoud" in html


def test_the_language_switch_turns_the_portal_english():
    client = Client()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/regios/"})
    assert response.status_code == 302 and response["Location"] == "/regios/"
    html = client.get("/regios/").content.decode()
    assert '<html lang="en">' in html
    assert "Labour market regions" in html and "Skip to content" in html


def test_the_frame_has_landmarks_a_skip_link_and_labelled_inputs():
    html = Client().get("/regios/").content.decode()
    for landmark in ("<header", "<nav", '<main id="inhoud"', "<footer"):
        assert landmark in html
    assert 'href="#inhoud"' in html
    for input_id in re.findall(r'<(?:select|input)[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id


def test_nothing_is_loaded_from_another_host():
    html = Client().get("/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and not [s for s in sources if s.startswith(("http://", "https://", "//"))]


def test_the_region_list_shows_35_regions_with_counts_and_the_map():
    html = Client().get("/regios/").content.decode()
    assert html.count('class="region') >= 35
    assert "Groot Amsterdam" in html and "342" in html
    assert "<svg" in html and 'data-code="AM38"' in html


def test_a_region_page_lists_its_gemeenten():
    html = Client().get("/regios/AM18/").content.decode()
    for name in ["Amsterdam", "Amstelveen", "Diemen"]:
        assert name in html
    assert "Groningen" not in html.split("<main")[1].split("</main>")[0].split("<svg")[0]


def test_an_unknown_region_is_404():
    assert Client().get("/regios/AM04/").status_code == 404


def test_navigation_shows_each_role_what_it_may_do(client_for):
    anonymous = client_for("anonymous").get("/").content.decode()
    staff = client_for("staff").get("/").content.decode()
    assert "Inloggen" in anonymous and "Beheer" not in anonymous
    assert "Beheer" in staff and "Uitloggen" in staff
    coordinator = client_for("coordinator_a").get("/mijn/").content.decode()
    assert "Groningen" in coordinator


def test_every_page_links_the_public_accessibility_statement():
    home = Client().get("/").content.decode()
    url = reverse("core:accessibility")
    assert f'href="{url}"' in home.split("<footer")[1]
    statement = Client().get(url).content.decode()
    for part in ("Nalevingsstatus", "WCAG 2.1, niveau AA", "axe-core", "toetsenbord"):
        assert part in statement, part
    assert "Bekende problemen" in statement and "Neem contact op met De Werkkamer" in statement
    assert not re.search(r"\b0\d{2,3}[- ]?\d{6,7}\b|https?://", statement.split("<main")[1])


def test_the_menu_marks_only_the_section_you_are_in(client_for):
    def current(persona, path):
        html = client_for(persona).get(path).content.decode()
        menu = html.split('aria-label="Hoofdmenu"')[1].split("</nav>")[0]
        return re.findall(r'<a [^>]*href="([^"]+)" aria-current="(\w+)"', menu)

    # before: Publicaties and Banenafspraak were both current, Basisgegevens never
    assert current("anonymous", "/banenafspraak/publicaties/") == [
        ("/banenafspraak/publicaties/", "page")
    ]
    assert current("staff", "/banenafspraak/basisgegevens/AM01/") == [
        ("/banenafspraak/basisgegevens/", "true")
    ]
    assert current("anonymous", "/banenafspraak/versies/") == [("/banenafspraak/", "true")]


def _html_templates():
    from django.conf import settings

    root = settings.BASE_DIR / "templates"
    # PDF templates are laid out for WeasyPrint, not the web components
    return [p for p in sorted(root.rglob("*.html")) if "pdf" not in p.relative_to(root).parts]


def test_every_page_template_uses_the_nl_design_system_breadcrumbs_and_data_lists():
    templates = _html_templates()
    assert len(templates) > 50
    for path in templates:
        text = path.read_text()
        assert 'class="breadcrumbs"' not in text, path
        for nav in re.findall(r"<nav [^>]*Kruimelpad.*?</nav>", text):
            assert 'class="utrecht-breadcrumb-nav"' in nav, path
            assert 'aria-current="page"' in nav, f"{path}: the breadcrumbs name the page"
        for dl in re.findall(r"<dl\b[^>]*>", text):
            assert dl == '<dl class="utrecht-data-list utrecht-data-list--rows">', path
        # every key and value sits in an item of its own
        items = text.count('<div class="utrecht-data-list__item">')
        assert len(re.findall(r"<dt\b[^>]*>", text)) == items, path
        assert text.count('<dt class="utrecht-data-list__item-key">') == items, path
        assert (
            text.count(
                '<dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd"'
            )
            == items
        ), path
        assert len(re.findall(r"<dd\b", text)) == items, path


def test_the_accessibility_statement_names_itself_in_the_breadcrumbs_and_lists_its_status():
    html = Client().get(reverse("core:accessibility")).content.decode()
    crumbs = html.split('class="utrecht-breadcrumb-nav"')[1].split("</nav>")[0]
    assert re.search(r'<a class="utrecht-breadcrumb-nav__link" href="/">Start</a>', crumbs)
    assert 'aria-current="page">Toegankelijkheidsverklaring</span>' in crumbs
    facts = html.split('<dl class="utrecht-data-list utrecht-data-list--rows">')[1].split("</dl>")[
        0
    ]
    assert facts.count('<div class="utrecht-data-list__item">') == 3
    assert "Nalevingsstatus" in facts
