from django.urls import path

from werkkamer.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("mijn/", views.dashboard, name="dashboard"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
]
