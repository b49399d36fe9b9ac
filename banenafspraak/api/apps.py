from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "banenafspraak.api"
    label = "banenafspraak_api"
    verbose_name = "Open data API"
