"""WSGI entry for the doelgroepregister bench: the project's URLs plus a bare view at
``/bench/bare/``, so both sides run in the same gunicorn with the same settings and middleware."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
settings.ROOT_URLCONF = "bench.dgr_urls"
application = get_wsgi_application()
