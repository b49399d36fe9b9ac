"""Print a JSON map e-mail -> session id for the given users (used by bench/loadtest.py).

Runs in its own process with the load test's settings, so the sessions land in its database.
"""

from __future__ import annotations

import json
import os
import sys

import django


def main(emails: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
    django.setup()
    from django.test import Client

    from werkkamer.accounts.models import User

    sessions = {}
    for email in emails:
        client = Client()
        client.force_login(User.objects.get(email=email))
        sessions[email] = client.cookies["sessionid"].value
    print(json.dumps(sessions))


if __name__ == "__main__":
    main(sys.argv[1:])
