import pytest


@pytest.fixture
def own(personas):
    """What an assessment by the assessor persona, for employer A in region A, is made with."""
    return {
        "assessor": personas.assessor,
        "employer": personas.organisation_a,
        "region": personas.region_a,
    }
