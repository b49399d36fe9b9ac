from django.urls import include, path

app_name = "banenafspraak"
urlpatterns: list = [
    path("publicaties/", include("banenafspraak.urls_publications")),
]
