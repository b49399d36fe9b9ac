"""Re-assessment reminders: once per assessment and kind, to the assessor and coordinators."""

from datetime import date, timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest

from loonwaarde import services, tasks
from loonwaarde.models import Assessment, Reminder
from tests.loonwaarde.factories import make_assessment
from tests.worker import wait_for

pytestmark = pytest.mark.django_db


def due_assessment(personas, *, due: date, reference="KAND-0001"):
    """A finalised assessment whose re-assessment falls on ``due`` (time has passed: the date
    is set directly, as a term would have given it)."""
    assessment = make_assessment(
        assessor=personas.assessor,
        employer=personas.organisation_a,
        region=personas.region_a,
        candidate_reference=reference,
        finalise=True,
    )
    Assessment.objects.filter(pk=assessment.pk).update(next_reassessment=due)
    return assessment


def sweep(capture):
    with capture(execute=True):
        return tasks.reminders_sweep()


@pytest.fixture
def today():
    return timezone.localdate()


def test_running_the_reminder_task_twice_on_the_same_day_sends_each_reminder_once(
    personas, django_capture_on_commit_callbacks, today
):
    soon = due_assessment(personas, due=today + timedelta(days=10))
    assert sweep(django_capture_on_commit_callbacks) == 1
    assert sweep(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Herbeoordeling loonwaarde binnenkort: KAND-0001"
    assert sorted(message.to) == [personas.coordinator_a.email, personas.assessor.email]
    assert personas.coordinator_b.email not in message.to
    assert soon.get_absolute_url() in message.body
    assert Reminder.objects.get().kind == Reminder.Kind.DUE_SOON


def test_an_overdue_re_assessment_gets_its_own_reminder_once(
    personas, django_capture_on_commit_callbacks, today
):
    assessment = due_assessment(personas, due=today + timedelta(days=3))
    sweep(django_capture_on_commit_callbacks)
    # the due date passes: one more reminder, then nothing
    Assessment.objects.filter(pk=assessment.pk).update(next_reassessment=today - timedelta(days=1))
    sweep(django_capture_on_commit_callbacks)
    sweep(django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == [
        "Herbeoordeling loonwaarde binnenkort: KAND-0001",
        "Herbeoordeling loonwaarde verlopen: KAND-0001",
    ]


def test_nothing_is_sent_beyond_30_days_nor_for_a_replaced_version(
    personas, django_capture_on_commit_callbacks, today
):
    due_assessment(personas, due=today + timedelta(days=45), reference="KAND-LATER")
    replaced = due_assessment(personas, due=today + timedelta(days=5), reference="KAND-OUD")
    newer = services.assessment_new_version(previous=replaced, by=personas.assessor)
    services.assessment_finalise(assessment=newer, by=personas.assessor)
    Assessment.objects.filter(pk=newer.pk).update(next_reassessment=today + timedelta(days=5))
    # only the newer version is reminded about
    sweep(django_capture_on_commit_callbacks)
    assert [m.subject for m in mail.outbox] == ["Herbeoordeling loonwaarde binnenkort: KAND-OUD"]
    assert Reminder.objects.get().assessment == newer


def test_a_failed_mail_is_not_recorded_as_sent(personas, settings, today):
    assessment = due_assessment(personas, due=today + timedelta(days=5))
    settings.EMAIL_BACKEND = "tests.loonwaarde.test_reminders.FailingBackend"
    with pytest.raises(ConnectionError):
        services.reminder_send(assessment_id=assessment.pk, kind=Reminder.Kind.DUE_SOON)
    assert not Reminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.reminder_send(assessment_id=assessment.pk, kind=Reminder.Kind.DUE_SOON)
    assert len(mail.outbox) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("SMTP server unreachable")


def test_the_due_page_lists_what_is_due_with_the_reminder_state(
    client_for, personas, django_capture_on_commit_callbacks, today
):
    due_assessment(personas, due=today + timedelta(days=10), reference="KAND-SOON")
    due_assessment(personas, due=today + timedelta(days=90), reference="KAND-LATER")
    sweep(django_capture_on_commit_callbacks)
    for persona in ("assessor", "coordinator_a", "staff"):
        html = client_for(persona).get(reverse("loonwaarde:due")).content.decode()
        assert "KAND-SOON" in html and "KAND-LATER" not in html, persona
        assert "binnenkort</td>" in html
    assert (
        "KAND-SOON"
        not in client_for("coordinator_b").get(reverse("loonwaarde:due")).content.decode()
    )


@pytest.mark.worker
def test_reminders_are_sent_by_a_real_worker(personas, celery_worker_process, today):
    due_assessment(personas, due=today + timedelta(days=10))
    tasks.reminders_sweep.delay()
    wait_for(lambda: Reminder.objects.exists(), message="the reminder to be sent")
    assert "loonwaarde.reminder_send" in celery_worker_process.output()


def test_the_sweep_is_on_the_beat_schedule_and_registered(settings):
    from werkkamer.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["loonwaarde-reassessment-reminders"]
    assert entry["task"] == "loonwaarde.reminders_sweep"
    assert {"loonwaarde.reminders_sweep", "loonwaarde.reminder_send"} <= set(app.tasks)
