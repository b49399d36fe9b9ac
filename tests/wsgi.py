"""WSGI entry for tests that start gunicorn: the project as deployed, but with plain static files
(the manifest that ``collectstatic`` writes for production is not made in a test run)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
application = get_wsgi_application()
