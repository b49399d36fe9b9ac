import re

import pytest

from regions.models import Arbeidsmarktregio, Gemeente

pytestmark = pytest.mark.django_db


def test_the_migration_loads_35_regions_and_342_gemeenten():
    assert Arbeidsmarktregio.objects.count() == 35
    assert Gemeente.objects.count() == 342


def test_region_codes_have_the_documented_gaps():
    codes = set(Arbeidsmarktregio.objects.values_list("code", flat=True))
    assert {"AM04", "AM16", "AM31"}.isdisjoint(codes)
    assert {"AM01", "AM03", "AM05", "AM15", "AM17", "AM30", "AM32", "AM38"} <= codes


@pytest.mark.parametrize(
    ("gemeente", "region"),
    [
        ("Amsterdam", "AM18"),
        ("Rotterdam", "AM22"),
        ("Enschede", "AM05"),
        ("Maastricht", "AM30"),
        ("'s-Gravenhage", "AM21"),
        ("Apeldoorn", "AM06"),
        ("Nuenen, Gerwen en Nederwetten", "AM28"),
    ],
)
def test_sanity_check_gemeenten_lie_in_their_region(gemeente, region):
    assert Gemeente.objects.get(name=gemeente).region.code == region


def test_every_region_has_the_gemeente_count_of_the_source_file():
    from regions.reference import read_regions

    for row in read_regions():
        assert Gemeente.objects.filter(region__code=row.code).count() == row.gemeente_count, (
            row.code
        )


# --- issue 13 §6: the centrumgemeenten ---------------------------------------------------------

# Regions whose centrumgemeente is not recorded (see regions/data/README.md): staff fill these in.
NOT_RECORDED = {"AM15", "AM24", "AM30"}


def test_the_migration_records_each_known_centrumgemeente_inside_its_region():
    from regions.services import reference_data_ensure

    reference_data_ensure()  # a transactional test before may have flushed the tables
    regions = Arbeidsmarktregio.objects.select_related("centrumgemeente__region")
    missing = {r.code for r in regions if r.centrumgemeente is None}
    assert missing == NOT_RECORDED
    for region in regions:
        if region.centrumgemeente is not None:
            assert region.centrumgemeente.region == region, region.code
    named = {r.code: r.centrumgemeente.name for r in regions if r.centrumgemeente}
    assert named["AM18"] == "Amsterdam"
    assert named["AM21"] == "'s-Gravenhage"
    assert named["AM38"] == "Ede"


def test_the_region_page_names_its_centrumgemeente(client):
    from django.urls import reverse

    from regions.services import reference_data_ensure

    reference_data_ensure()
    page = client.get(reverse("regions:detail", kwargs={"code": "AM22"})).content.decode()
    assert re.search(
        r'<dt class="utrecht-data-list__item-key">Centrumgemeente</dt>'
        r'<dd class="utrecht-data-list__item-value[^"]*">Rotterdam</dd>',
        page,
    )
    assert "nog niet vastgelegd" not in page.split("Centrumgemeente")[1][:80]


def test_a_centrumgemeente_set_by_staff_is_kept_by_a_reload():
    from regions.services import centrumgemeenten_load, reference_data_ensure

    reference_data_ensure()
    region = Arbeidsmarktregio.objects.get(code="AM30")
    region.centrumgemeente = Gemeente.objects.get(name="Heerlen")
    region.save()
    Arbeidsmarktregio.objects.filter(code="AM22").update(centrumgemeente=None)
    assert centrumgemeenten_load() == 1  # only the emptied region is filled in again
    region.refresh_from_db()
    assert region.centrumgemeente.name == "Heerlen"
    assert Arbeidsmarktregio.objects.get(code="AM22").centrumgemeente.name == "Rotterdam"


def test_every_recorded_centrumgemeente_is_a_gemeente_of_its_region_in_the_csv_files():
    from regions.reference import read_centrumgemeenten, read_gemeenten

    gemeenten = {row.code: row for row in read_gemeenten()}
    rows = read_centrumgemeenten()
    assert len({row.region_code for row in rows}) == len(rows) == 32
    for row in rows:
        assert gemeenten[row.gemeente_code].region_code == row.region_code, row
        assert gemeenten[row.gemeente_code].name == row.gemeente_name, row
