from django.contrib import admin
from django.urls import include, path

from allauth.account.decorators import secure_admin_login

from werkkamer.core.health import PortalHealthView

# The admin logs in through allauth, so MFA and allauth's rate limits cover it too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Werkkamer portaal – beheer"

urlpatterns = [
    path("", include("werkkamer.core.urls")),
    path("regios/", include("regions.urls")),
    path("banenafspraak/", include("banenafspraak.urls")),
    path("api/v1/", include("banenafspraak.api.urls")),
    path("doelgroepregister/", include("doelgroepregister.urls")),
    path("loonwaarde/", include("loonwaarde.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", PortalHealthView.as_view(), name="health"),
    path("beheer/", admin.site.urls),
]
handler500 = "werkkamer.core.views.server_error"
