from django.urls import path, register_converter

from regions import views


class RegionCodeConverter:
    regex = "AM[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RegionCodeConverter, "region")

app_name = "regions"
urlpatterns = [
    path("", views.region_index, name="index"),
    path("<region:code>/", views.region_detail, name="detail"),
]
