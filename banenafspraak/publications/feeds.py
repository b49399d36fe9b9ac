"""Atom feed of the published distribution reports (newest first)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from banenafspraak.publications.models import Publication

FEED_SIZE = 30


class PublicationFeed(Feed):
    feed_type = Atom1Feed
    title = _("Publicaties van De Werkkamer: indicatieve verdeling Banenafspraak")
    subtitle = _("Regionale verdelingen van de Banenafspraak, als PDF en als tabel.")
    link = reverse_lazy("banenafspraak:publication_list")
    author_name = _("De Werkkamer")

    def items(self):
        return Publication.objects.public().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: Publication) -> str:
        return f"{item.title} – {_('fictief (demo)')}" if item.is_demo else item.title

    def item_description(self, item: Publication) -> str:
        return item.summary

    def item_pubdate(self, item: Publication):
        return item.published_at

    def item_updateddate(self, item: Publication):
        return item.published_at

    def item_enclosure_url(self, item: Publication) -> str:
        return reverse("banenafspraak:publication_pdf", kwargs={"pk": item.pk})

    def item_enclosure_length(self, item: Publication) -> int:
        return item.pdf_size or 0

    item_enclosure_mime_type = "application/pdf"
