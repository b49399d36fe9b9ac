"""Publication URLs, included under ``banenafspraak/publicaties/`` in the ``banenafspraak``
namespace by ``werkkamer/urls.py``."""

from django.urls import path

from banenafspraak.publications import views
from banenafspraak.publications.feeds import PublicationFeed

urlpatterns = [
    path("", views.publication_list, name="publication_list"),
    path("feed/", PublicationFeed(), name="publication_feed"),
    path("nieuw/", views.publication_create, name="publication_create"),
    path("<int:pk>/", views.publication_detail, name="publication_detail"),
    path("<int:pk>/status/", views.publication_status, name="publication_status"),
    path("<int:pk>/rapport.pdf", views.publication_pdf, name="publication_pdf"),
    path("<int:pk>/tabel.<str:file_format>", views.publication_table, name="publication_table"),
    path(
        "<int:pk>/regio/<str:code>.pdf", views.publication_region_pdf, name="publication_region_pdf"
    ),
    path("<int:pk>/intrekken/", views.publication_withdraw, name="publication_withdraw"),
    path("<int:pk>/opnieuw/", views.publication_retry, name="publication_retry"),
]
