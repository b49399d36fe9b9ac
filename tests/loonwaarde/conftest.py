import pytest

from loonwaarde.services import reference_data_ensure


@pytest.fixture
def personas(personas):
    """The shared personas, plus the loonwaarde reference data (a test that flushes the
    database, such as a browser test, removes what the migration loaded)."""
    reference_data_ensure()
    return personas


@pytest.fixture
def own(personas):
    """What an assessment by the assessor persona, for employer A in region A, is made with."""
    return {
        "assessor": personas.assessor,
        "employer": personas.organisation_a,
        "region": personas.region_a,
    }
