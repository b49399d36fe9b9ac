"""Load-test endpoints of the public distribution and publications pages."""

from bench.loadtest import Endpoint


def endpoints(ctx: dict) -> list[Endpoint]:
    return [
        Endpoint("distribution page", "/banenafspraak/"),
        Endpoint("publications page", "/banenafspraak/publicaties/"),
    ]
