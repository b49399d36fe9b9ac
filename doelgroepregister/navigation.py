from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from doelgroepregister import selectors
from doelgroepregister.models import CheckLog
from doelgroepregister.views import may_check
from werkkamer.core.navigation import NavItem, WorkItem, work_list


def items(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    if user.is_werkkamer_staff:
        return [
            NavItem(
                _("Doelgroepregister"),
                reverse("doelgroepregister:overview"),
                section="/doelgroepregister/",
            )
        ]
    if may_check(user):
        return [
            NavItem(
                _("Doelgroepregister controleren"),
                reverse("doelgroepregister:check"),
                section="/doelgroepregister/",
            )
        ]
    return []


def dashboard_sections(request) -> list[str]:
    """Staff: imports that failed or stalled and organisations at their daily check budget.
    Employers and coordinators who check: their latest checks and what is left of today's
    budget."""
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_werkkamer_staff:
        return _staff_section(request)
    if may_check(user):
        return [_checker_section(request)]
    return []


def _staff_section(request) -> list[str]:
    work = [
        WorkItem(
            _("Import %(name)s van %(when)s: %(status)s")
            % {
                "name": item.original_name,
                "when": date_format(localtime(item.created_at), "j F H:i"),
                "status": _("vastgelopen") if item.is_stalled else item.get_status_display(),
            },
            item.get_absolute_url(),
            urgent=True,
        )
        for item in selectors.imports_needing_attention()
    ]
    log = reverse("doelgroepregister:check_log")
    work += [
        WorkItem(
            _("%(name)s heeft het dagbudget van controles bereikt (%(count)s vandaag)")
            % {"name": row["organisation_name"], "count": row["checks"]},
            f"{log}?{urlencode({'organisation': row['organisation_name']})}",
        )
        for row in selectors.organisations_at_budget(on=timezone.localdate())
    ]
    if not work:
        return []
    heading = _("Doelgroepregister: aandacht nodig")
    return [work_list(request, slug="doelgroepregister", heading=heading, work=work)]


def _checker_section(request) -> str:
    recent = CheckLog.objects.visible_to(request.user)[:5]
    work = [
        WorkItem(
            _("%(when)s – %(bsn)s%(reference)s: %(outcome)s")
            % {
                "when": date_format(localtime(log.created_at), "j F H:i"),
                "bsn": log.bsn_masked or _("geen geldig BSN"),
                "reference": f" ({log.reference})" if log.reference else "",
                "outcome": log.get_outcome_display(),
            }
        )
        for log in recent
    ]
    left = selectors.check_budget_left(user=request.user)
    return work_list(
        request,
        slug="controles",
        heading=_("Uw controles"),
        intro=_(
            "U kunt vandaag nog %(left)s BSN's controleren (dagbudget van u en uw organisatie)."
        )
        % {"left": number_format(left, force_grouping=True)},
        work=work,
        empty=_("Nog geen controles."),
        more_url=reverse("doelgroepregister:check_history"),
        more_label=_("Alle eerdere controles"),
    )
