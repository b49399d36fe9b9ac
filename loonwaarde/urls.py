from django.urls import path

from loonwaarde import views

app_name = "loonwaarde"
urlpatterns = [
    path("", views.assessment_index, name="index"),
    path("nieuw/", views.assessment_create, name="create"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.assessment_edit, name="edit"),
    path("<int:pk>/definitief/", views.assessment_finalise, name="finalise"),
    path("<int:pk>/nieuwe-versie/", views.assessment_new_version, name="new_version"),
    path("<int:pk>/pdf/", views.assessment_pdf, name="pdf"),
    path("herbeoordelingen/", views.reassessments_due, name="due"),
    path("overzicht/", views.region_overview, name="overview"),
    path("overzicht.csv", views.region_overview_csv, name="overview_csv"),
    path("minimumloon/", views.minimum_wages, name="wages"),
]
