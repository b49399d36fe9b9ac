"""Load-test endpoints of the public region pages."""

from bench.loadtest import Endpoint


def endpoints(ctx: dict) -> list[Endpoint]:
    return [
        Endpoint("home", "/"),
        Endpoint("region list", "/regios/"),
        Endpoint("region page", "/regios/AM18/"),
    ]
