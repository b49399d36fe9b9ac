"""Who gets what on the regions URLs.

Region B (coordinator_b's) holds a Werkbedrijf with a member, a decision with an attachment and
a draft plan; region A holds an adopted plan (and nothing else may change it). Every edit URL of
region B is tried by GET and by direct POST: coordinator_a gets 403 on all of them.
"""

from __future__ import annotations

from django.urls import reverse

from regions import services
from regions.models import Decision
from tests.matrix import LOGIN, PUBLIC, STAFF_ONLY, Expect, World, outcomes
from tests.regions import factories

# the region's editors (coordinator_b for region B, staff) get ``ok``; everyone else is refused
EDITORS_B = outcomes(403, anonymous=LOGIN, coordinator_b=200, staff=200)
POST_ONLY_B = outcomes(403, anonymous=LOGIN, coordinator_b=405, staff=405)
# an adopted plan of region A: its editors get 409 (read-only), the rest are refused as usual
ADOPTED_A = outcomes(403, anonymous=LOGIN, coordinator_a=409, staff=409)


def build(world: World) -> None:
    p = world.personas
    werkbedrijf_b = factories.werkbedrijf(p.region_b, complete=True)
    member_b = werkbedrijf_b.members.first()
    decision_b = Decision.objects.filter(werkbedrijf=werkbedrijf_b).first()
    attachment_b = services.attachment_add(
        decision=decision_b, user=p.coordinator_b, upload=factories.pdf_upload()
    )
    draft_b = factories.draft_plan(werkbedrijf_b, user=p.coordinator_b)
    adopted_a = factories.adopted_plan(factories.werkbedrijf(p.region_a), user=p.coordinator_a)
    services.plan_pdf_render(plan_id=adopted_a.pk)  # the worker's job once adoption commits
    world.extra.update(
        werkbedrijf_b=werkbedrijf_b,
        member_b=member_b,
        representative_b=member_b.representatives.first(),
        decision_b=decision_b,
        attachment_b=attachment_b,
        draft_b=draft_b,
        section_b=draft_b.sections.first(),
        action_b=factories.PlanActionFactory(plan=draft_b),
        adopted_a=adopted_a,
        section_a=adopted_a.sections.first(),
        action_a=adopted_a.actions.first(),
    )


def _edit_b(name: str, **kwargs) -> list[Expect]:
    """GET and an (invalid, so harmless) direct POST on one of region B's edit URLs."""
    path = reverse(f"regions:{name}", kwargs={"code": "AM18", **kwargs})
    return [Expect(path, EDITORS_B), Expect(path, EDITORS_B, method="post", data={})]


def _adopted_a(name: str, **kwargs) -> Expect:
    path = reverse(f"regions:{name}", kwargs={"code": "AM01", **kwargs})
    return Expect(path, ADOPTED_A, method="post", data={}, note="adopted plan is read-only")


def expectations(world: World) -> dict:
    p, x = world.personas, world.extra
    b = {"code": p.region_b.code}
    return {
        "regions:index": Expect(reverse("regions:index"), PUBLIC),
        "regions:detail": [
            Expect(reverse("regions:detail", kwargs={"code": p.region_a.code}), PUBLIC),
            Expect(reverse("regions:detail", kwargs={"code": p.region_b.code}), PUBLIC),
        ],
        "regions:overview": Expect(reverse("regions:overview"), STAFF_ONLY),
        "regions:werkbedrijf": Expect(reverse("regions:werkbedrijf", kwargs=b), PUBLIC),
        "regions:member_add": _edit_b("member_add"),
        "regions:member_edit": _edit_b("member_edit", pk=x["member_b"].pk),
        "regions:representative_add": _edit_b("representative_add", pk=x["member_b"].pk),
        "regions:representative_edit": _edit_b("representative_edit", pk=x["representative_b"].pk),
        "regions:members_export": Expect(reverse("regions:members_export", kwargs=b), EDITORS_B),
        "regions:decisions": Expect(reverse("regions:decisions", kwargs=b), EDITORS_B),
        "regions:decision_add": _edit_b("decision_add"),
        "regions:decision_edit": _edit_b("decision_edit", pk=x["decision_b"].pk),
        "regions:attachment_add": [
            Expect(
                reverse("regions:attachment_add", kwargs={**b, "pk": x["decision_b"].pk}),
                POST_ONLY_B,
            ),
            Expect(
                reverse("regions:attachment_add", kwargs={**b, "pk": x["decision_b"].pk}),
                EDITORS_B,
                method="post",
                data={},
            ),
        ],
        "regions:attachment_download": Expect(
            reverse("regions:attachment_download", kwargs={**b, "pk": x["attachment_b"].pk}),
            EDITORS_B,
        ),
        "regions:decisions_export": Expect(
            reverse("regions:decisions_export", kwargs=b), EDITORS_B
        ),
        "regions:realisations": _edit_b("realisations"),
        "regions:werkbedrijf_history": Expect(
            reverse("regions:werkbedrijf_history", kwargs=b), EDITORS_B
        ),
        "regions:plan": [
            Expect(reverse("regions:plan", kwargs=b), PUBLIC),
            Expect(reverse("regions:plan", kwargs={"code": p.region_a.code}), PUBLIC),
        ],
        # a draft already exists, so starting one only redirects to it
        "regions:plan_start": [
            Expect(reverse("regions:plan_start", kwargs=b), POST_ONLY_B),
            Expect(
                reverse("regions:plan_start", kwargs=b),
                outcomes(403, anonymous=LOGIN, coordinator_b=302, staff=302),
                method="post",
            ),
        ],
        "regions:plan_detail": [
            Expect(x["draft_b"].get_absolute_url(), EDITORS_B, note="drafts are not public"),
            Expect(x["adopted_a"].get_absolute_url(), PUBLIC),
        ],
        "regions:plan_pdf": [
            Expect(reverse("regions:plan_pdf", kwargs={**b, "pk": x["draft_b"].pk}), EDITORS_B),
            Expect(
                reverse("regions:plan_pdf", kwargs={"code": "AM01", "pk": x["adopted_a"].pk}),
                PUBLIC,
            ),
        ],
        "regions:plan_history": Expect(
            reverse("regions:plan_history", kwargs={**b, "pk": x["draft_b"].pk}), EDITORS_B
        ),
        # GET: the confirmation page. The draft's sections are empty, so adopting it (POST)
        # fails validation and changes nothing
        "regions:plan_adopt": [
            Expect(reverse("regions:plan_adopt", kwargs={**b, "pk": x["draft_b"].pk}), EDITORS_B),
            Expect(
                reverse("regions:plan_adopt", kwargs={**b, "pk": x["draft_b"].pk}),
                EDITORS_B,
                method="post",
            ),
            _adopted_a("plan_adopt", pk=x["adopted_a"].pk),
        ],
        "regions:goals_edit": [
            *_edit_b("goals_edit", pk=x["draft_b"].pk),
            _adopted_a("goals_edit", pk=x["adopted_a"].pk),
        ],
        "regions:action_add": [
            *_edit_b("action_add", pk=x["draft_b"].pk),
            _adopted_a("action_add", pk=x["adopted_a"].pk),
        ],
        "regions:section_edit": [
            *_edit_b("section_edit", pk=x["section_b"].pk),
            _adopted_a("section_edit", pk=x["section_a"].pk),
        ],
        "regions:action_edit": [
            *_edit_b("action_edit", pk=x["action_b"].pk),
            _adopted_a("action_edit", pk=x["action_a"].pk),
        ],
    }
