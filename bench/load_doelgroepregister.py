"""Load-test endpoints of the doelgroepregister: the employer's check page and the check itself
(over the hourly limit the answer is still a 200 with the Dutch refusal, and is logged)."""

from bench.loadtest import Endpoint

EMPLOYER = "werkgever@bakkerij.example"
DEMO_COUNTED = "111222333"  # doelgroepregister.demo: fictitious, passes the 11-proef


def endpoints(ctx: dict) -> list[Endpoint]:
    return [
        Endpoint("register check page", "/doelgroepregister/controle/", persona=EMPLOYER),
        Endpoint(
            "register check (POST)",
            "/doelgroepregister/controle/",
            method="POST",
            persona=EMPLOYER,
            body=f"bsn={DEMO_COUNTED}",
        ),
    ]
