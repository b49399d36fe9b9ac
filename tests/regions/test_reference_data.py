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
