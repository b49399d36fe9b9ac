"""A burst of concurrent saves of one plan section (run by bench/loadtest.py after the wrk runs).

N editors open the same version of a section of region AM01's draft plan and save at the same
moment. Optimistic locking must accept exactly one and answer every other with the conflict page
(409, their text shown back to them): no update is lost silently. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import django


def main(port: int, session: str, csrf: str, editors: int = 20) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
    django.setup()
    from regions import services
    from regions.models import Werkbedrijf
    from werkkamer.accounts.models import User

    user = User.objects.get(email="coordinator.groningen@werkkamer.example")
    werkbedrijf = Werkbedrijf.objects.get(region__code="AM01")
    plan = services.plan_start(werkbedrijf=werkbedrijf, user=user)
    section = plan.sections.order_by("pk").first()
    version, history_before = section.version, section.history.count()
    url = f"http://127.0.0.1:{port}/regios/AM01/plan/secties/{section.pk}/"
    statuses: dict[str, int] = {}
    barrier = threading.Barrier(editors)

    def save(i: int) -> None:
        body = urllib.parse.urlencode({"body": f"burst editor {i}", "version": version}).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Cookie", f"sessionid={session}; csrftoken={csrf}")
        request.add_header("X-CSRFToken", csrf)
        request.add_header("Referer", f"http://127.0.0.1:{port}/")
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                statuses[f"burst editor {i}"] = response.status
        except urllib.error.HTTPError as error:
            statuses[f"burst editor {i}"] = error.code

    threads = [threading.Thread(target=save, args=(i,)) for i in range(editors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    section.refresh_from_db()
    accepted = [text for text, status in statuses.items() if status in (200, 302)]
    conflicts = [text for text, status in statuses.items() if status == 409]
    result = {
        "editors": editors,
        "accepted": len(accepted),
        "conflict_pages": len(conflicts),
        "other": sorted(s for s in statuses.values() if s not in (200, 302, 409)),
        "final_text_is_the_accepted_one": accepted == [section.body],
        "version_advanced_by": section.version - version,
        "history_entries_added": section.history.count() - history_before,
    }
    result["lost_updates"] = (
        0
        if (
            len(accepted) == 1
            and len(conflicts) == editors - 1
            and result["final_text_is_the_accepted_one"]
            and result["version_advanced_by"] == 1
            and result["history_entries_added"] == 1
        )
        else 1
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], sys.argv[3])
