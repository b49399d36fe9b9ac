from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from allauth.account.decorators import secure_admin_login

from banenafspraak import urls as banenafspraak_urls
from werkkamer.core.health import PortalHealthView

# The admin logs in through allauth, so MFA and allauth's rate limits cover it too.
admin.site.login = secure_admin_login(admin.site.login)

# The publications keep their URLs and names under banenafspraak (``banenafspraak:publication_*``)
# without the distribution knowing them: both are joined here, in one namespace.
banenafspraak_patterns = [
    *banenafspraak_urls.urlpatterns,
    path("publicaties/", include("banenafspraak.publications.urls")),
]

urlpatterns = [
    path("", include("werkkamer.core.urls")),
    path("regios/", include("regions.urls")),
    path("banenafspraak/", include((banenafspraak_patterns, banenafspraak_urls.app_name))),
    path("api/v1/", include("banenafspraak.api.urls")),
    path("doelgroepregister/", include("doelgroepregister.urls")),
    path("loonwaarde/", include("loonwaarde.urls")),
    path("accounts/", include("allauth.urls")),
    # Public pages are cached and shared by every anonymous visitor (banenafspraak.public_cache),
    # so their language form carries no per-visitor CSRF token; switching the language only sets
    # the language cookie (``next`` is checked against the host), so it needs none.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("health/", PortalHealthView.as_view(), name="health"),
    path("beheer/", admin.site.urls),
]
handler500 = "werkkamer.core.views.server_error"
