"""The publications' menu entry and region-page section (found by ``werkkamer.core.navigation``)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from banenafspraak.publications.models import Publication, PublicationStatus
from banenafspraak.publications.selectors import latest_publication
from werkkamer.core.navigation import NavItem, WorkItem, work_list


def items(user) -> list[NavItem]:
    # No section of its own: "Banenafspraak" (section /banenafspraak/) already marks these pages
    # as current, and a second aria-current="page" in one menu would confuse screen readers.
    return [NavItem(_("Publicaties"), reverse("banenafspraak:publication_list"))]


def region_sections(request, region) -> list[str]:
    """The region's one-pager from the newest publication, if there is one."""
    publication = latest_publication()
    if publication is None:
        return []
    context = {"region": region, "publication": publication}
    return [render_to_string("publications/snippets/region_section.html", context, request)]


def dashboard_sections(request) -> list[str]:
    """Staff: publications not (yet) out: queued, rendering or failed, each linked."""
    if not (request.user.is_authenticated and request.user.is_werkkamer_staff):
        return []
    waiting = Publication.objects.filter(
        status__in=[PublicationStatus.QUEUED, PublicationStatus.RENDERING, PublicationStatus.FAILED]
    ).order_by("-pk")[:10]
    work = [
        WorkItem(
            _("Publicatie „%(title)s”: %(status)s")
            % {"title": publication.title, "status": publication.get_status_display()},
            publication.get_absolute_url(),
            urgent=publication.status == PublicationStatus.FAILED,
        )
        for publication in waiting
    ]
    if not work:
        return []
    heading = _("Publicaties: wachten op u")
    return [work_list(request, slug="publicaties", heading=heading, work=work)]
