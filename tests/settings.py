"""Settings for the test run: the production settings (DEBUG off, as in CI), served over plain HTTP.

Without DEBUG the portal redirects to HTTPS and sets Secure cookies by default; the test client,
the live server and the browser talk plain HTTP, so the run switches exactly those two off, as an
installation without a TLS proxy would (SECURE_SSL_REDIRECT=false, SECURE_COOKIES=false).
"""

from werkkamer.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Also for a worker process the tests start (it inherits this settings module): no SMTP server here.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
