"""Authorisation expectations of the banenafspraak URLs (see tests/matrix.py)."""

from __future__ import annotations

from tests.banenafspraak import matrix_publications
from tests.matrix import World


def build(world: World) -> None:
    matrix_publications.build(world)


def expectations(world: World) -> dict:
    return {**matrix_publications.expectations(world)}
