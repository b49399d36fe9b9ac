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
    path("werkbedrijven/", views.werkbedrijf_overview, name="overview"),
    path("<region:code>/", views.region_detail, name="detail"),
    # Werkbedrijf and members
    path("<region:code>/werkbedrijf/", views.werkbedrijf_detail, name="werkbedrijf"),
    path("<region:code>/werkbedrijf/deelnemers/nieuw/", views.member_add, name="member_add"),
    path("<region:code>/werkbedrijf/deelnemers/<int:pk>/", views.member_edit, name="member_edit"),
    path(
        "<region:code>/werkbedrijf/deelnemers/<int:pk>/vertegenwoordigers/nieuw/",
        views.representative_add,
        name="representative_add",
    ),
    path(
        "<region:code>/werkbedrijf/vertegenwoordigers/<int:pk>/",
        views.representative_edit,
        name="representative_edit",
    ),
    path(
        "<region:code>/werkbedrijf/deelnemers/export/", views.members_export, name="members_export"
    ),
    # Decisions
    path("<region:code>/werkbedrijf/besluiten/", views.decision_list, name="decisions"),
    path("<region:code>/werkbedrijf/besluiten/nieuw/", views.decision_add, name="decision_add"),
    path(
        "<region:code>/werkbedrijf/besluiten/<int:pk>/", views.decision_edit, name="decision_edit"
    ),
    path(
        "<region:code>/werkbedrijf/besluiten/<int:pk>/bijlagen/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        "<region:code>/werkbedrijf/bijlagen/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<region:code>/werkbedrijf/besluiten/export/",
        views.decisions_export,
        name="decisions_export",
    ),
    path(
        "<region:code>/werkbedrijf/geschiedenis/",
        views.werkbedrijf_history_view,
        name="werkbedrijf_history",
    ),
    path("<region:code>/werkbedrijf/realisaties/", views.realisations, name="realisations"),
    # Action plan
    path("<region:code>/plan/", views.plan_current, name="plan"),
    path("<region:code>/plan/concept/", views.plan_start, name="plan_start"),
    path("<region:code>/plannen/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<region:code>/plannen/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path(
        "<region:code>/plannen/<int:pk>/geschiedenis/", views.plan_history_view, name="plan_history"
    ),
    path("<region:code>/plannen/<int:pk>/vaststellen/", views.plan_adopt, name="plan_adopt"),
    path("<region:code>/plannen/<int:pk>/doelen/", views.goals_edit, name="goals_edit"),
    path("<region:code>/plannen/<int:pk>/acties/nieuw/", views.action_add, name="action_add"),
    path("<region:code>/plan/secties/<int:pk>/", views.section_edit, name="section_edit"),
    path("<region:code>/plan/acties/<int:pk>/", views.action_edit, name="action_edit"),
]
