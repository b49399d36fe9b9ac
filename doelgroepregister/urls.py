from django.urls import path

from doelgroepregister import views

app_name = "doelgroepregister"
urlpatterns = [
    path("controle/", views.check, name="check"),
    path("controle/lijst/", views.bulk_check, name="bulk_check"),
    path("controle/lijst/<uuid:token>/", views.bulk_result, name="bulk_result"),
    path("controle/historie/", views.check_history, name="check_history"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/voortgang/", views.import_progress, name="import_progress"),
    path("imports/<int:pk>/rapport/", views.import_report, name="import_report"),
    path("imports/<int:pk>/inlezen/", views.import_commit, name="import_commit"),
    path("imports/<int:pk>/opnieuw/", views.import_retry, name="import_retry"),
    path("imports/<int:pk>/annuleren/", views.import_cancel, name="import_cancel"),
    path("overzicht/", views.overview, name="overview"),
    path("verwijderen/", views.removal, name="removal"),
    path("controlelog/", views.check_log, name="check_log"),
]
