from django.urls import path

from banenafspraak import views

app_name = "banenafspraak"
urlpatterns = [
    path("", views.distribution, name="distribution"),
    path("status/", views.status, name="status"),
    path("versies/", views.run_list, name="run_list"),
    path("versies/<int:pk>/", views.run_detail, name="run_detail"),
    path("vergelijken/", views.compare, name="compare"),
    path("wat-als/", views.whatif, name="whatif"),
    path("methode/", views.method, name="method"),
    path("basisgegevens/", views.basedata, name="basedata"),
    path("basisgegevens/importeren/", views.basedata_import, name="basedata_import"),
    path("basisgegevens/export.<str:file_format>", views.basedata_export, name="basedata_export"),
    path("basisgegevens/<str:code>/", views.figures_edit, name="figures_edit"),
    path("doelstellingen/", views.targets, name="targets"),
    path("doelstellingen/importeren/", views.targets_import, name="targets_import"),
    path("doelstellingen/export.<str:file_format>", views.targets_export, name="targets_export"),
]
