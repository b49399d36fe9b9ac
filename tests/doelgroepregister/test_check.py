from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from itertools import islice

from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from doelgroepregister import services
from doelgroepregister.models import (
    CheckKind,
    CheckLog,
    CheckOutcome,
    Grondslag,
    Registration,
    outside_transaction,
)
from doelgroepregister.protection import bsn_hash
from doelgroepregister.selectors import registration_statuses
from doelgroepregister.tasks import check_log_purge
from tests.doelgroepregister.factories import (
    csv_bytes,
    invalid_bsn,
    spreadsheet_tool_xlsx,
    upload,
    valid_bsns,
    xlsx_bytes,
)

COUNTED, LID2, EXPIRED, FUTURE, UNKNOWN, OPEN = islice(valid_bsns(34_567_890), 6)
# A check runs on its own connection (``outside_transaction``: the log must outlive the
# request's transaction), which sees only committed data: these tests commit theirs.
AUDIT = AUDIT_COMMITTED = pytest.mark.django_db(databases="__all__", transaction=True)


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = 60
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION = 60


@pytest.fixture
def register(db):
    today = timezone.localdate()

    def add(bsn, grondslag, start, end=None):
        Registration.objects.create(
            bsn_hash=bsn_hash(bsn), grondslag=grondslag, start_date=start, end_date=end
        )

    add(COUNTED, Grondslag.WAJONG, date(2020, 1, 1), today + timedelta(days=400))
    add(LID2, Grondslag.LID2, date(2021, 1, 1))
    add(EXPIRED, Grondslag.WSW, date(2015, 1, 1), today - timedelta(days=1))
    add(FUTURE, Grondslag.PW_WML, today + timedelta(days=1))
    add(OPEN, Grondslag.LID2, date(2020, 1, 1), today + timedelta(days=10))
    add(OPEN, Grondslag.VSO, date(2022, 1, 1))
    return today


def post_check(client, bsn: str, **headers):
    return client.post(reverse("doelgroepregister:check"), {"bsn": bsn}, **headers)


@AUDIT
def test_an_employer_learns_in_register_counts_and_end_date_but_never_the_grondslag(
    register, client_for
):
    response = post_check(client_for("employer"), COUNTED)
    answer = response.context["answer"]
    assert (answer.in_register, answer.counts) == (True, True)
    assert answer.end_date == register + timedelta(days=400)
    body = response.content.decode()
    assert "Wajong" not in body and "wajong" not in body and COUNTED not in body
    assert f"••••••{COUNTED[-3:]}" in body


@AUDIT
@pytest.mark.parametrize(
    ("bsn", "in_register", "counts", "has_end"),
    [
        (LID2, True, False, False),
        (EXPIRED, False, False, False),
        (FUTURE, False, False, False),
        (UNKNOWN, False, False, False),
        (OPEN, True, True, False),  # VSO counts and has no end; lid 2 entry ends earlier
    ],
)
def test_the_answer_follows_the_entries_valid_today(
    register, client_for, bsn, in_register, counts, has_end
):
    answer = post_check(client_for("coordinator_a"), bsn).context["answer"]
    assert (answer.in_register, answer.counts, bool(answer.end_date)) == (
        in_register,
        counts,
        has_end,
    )


@AUDIT
def test_the_one_statement_check_agrees_with_the_selector_and_logs_it(register, personas):
    # The single check derives its answer in SQL; the bulk check through the ORM selector.
    bsns = [COUNTED, LID2, EXPIRED, FUTURE, UNKNOWN, OPEN]
    expected = registration_statuses(hashes=[bsn_hash(b) for b in bsns], on=register)
    answers = [services.register_check(user=personas.employer, raw_bsn=b) for b in bsns]
    assert [(a.outcome, a.end_date) for a in answers] == [expected[bsn_hash(b)] for b in bsns]
    logged = CheckLog.objects.using(outside_transaction()).order_by("pk")
    assert [(e.bsn_hash, e.outcome, e.end_date, e.organisation_name) for e in logged] == [
        (bsn_hash(b), *expected[bsn_hash(b)], personas.organisation_a.name) for b in bsns
    ]


@AUDIT
def test_the_htmx_check_returns_only_the_panel_with_an_empty_field(register, client_for):
    response = post_check(client_for("employer"), LID2, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and 'id="controle"' in body
    assert "telt niet mee voor de Banenafspraak" in body
    assert LID2 not in body and "value=" not in body.split('name="bsn"')[1].split(">")[0]


@AUDIT
def test_an_invalid_bsn_is_refused_kept_for_correction_and_logged_as_failure(register, client_for):
    # An invalid number is no BSN: it is given back in the field (marked invalid, tied to the
    # message) so a typo can be fixed; a valid BSN is never given back (test above).
    wrong = invalid_bsn(COUNTED)
    response = post_check(client_for("employer"), wrong)
    assert response.context["answer"].outcome == CheckOutcome.INVALID
    field = response.content.decode().split('name="bsn"')[1].split(">")[0]
    assert f'value="{wrong}"' in field and 'aria-invalid="true"' in field
    assert "bsn-fout" in field
    tag = response.content.decode().split('name="bsn"')[0].rsplit("<input", 1)[1]
    assert "utrecht-textbox--invalid" in tag, "shown as invalid too, not only told"
    assert "halen de 11-proef niet" in response.content.decode()
    log = CheckLog.objects.using(outside_transaction()).get()
    assert (log.outcome, log.bsn_hash, log.bsn_masked) == (CheckOutcome.INVALID, "", "")


@AUDIT
@pytest.mark.parametrize(
    ("typed", "says"),
    [("12345", "u heeft er 5 ingevuld"), ("12345678a", "alleen uit cijfers")],
)
def test_an_invalid_bsn_says_what_is_wrong_with_it(register, client_for, typed, says):
    response = post_check(client_for("employer"), typed, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert says in body and f'value="{typed}"' in body and 'role="alert"' in body


@AUDIT
def test_not_in_the_register_says_what_the_employer_and_candidate_can_do(register, client_for):
    body = post_check(client_for("employer"), UNKNOWN).content.decode()
    assert "Wat kunt u nu doen?" in body
    assert "UWV of de eigen gemeente" in body
    counted = post_check(client_for("employer"), COUNTED).content.decode()
    assert "Wat kunt u nu doen?" not in counted


@AUDIT
def test_the_history_traces_a_check_by_masked_bsn_and_kenmerk_never_the_number(
    register, client_for
):
    client = client_for("employer")
    post_check(client, COUNTED)
    client.post(
        reverse("doelgroepregister:bulk_check"),
        {"file": upload(csv_bytes([(LID2, "P-042")], header=("bsn", "kenmerk"))), "own_staff": "1"},
    )
    logged = CheckLog.objects.using(outside_transaction()).order_by("pk")
    assert [(e.bsn_masked, e.reference) for e in logged] == [
        (f"••••••{COUNTED[-3:]}", ""),
        (f"••••••{LID2[-3:]}", "P-042"),
    ]
    assert not any(
        COUNTED in value or LID2 in value
        for entry in logged.values()
        for value in map(str, entry.values())
    )
    body = client.get(reverse("doelgroepregister:check_history")).content.decode()
    assert f"••••••{COUNTED[-3:]}" in body and "P-042" in body
    assert COUNTED not in body and LID2 not in body


@AUDIT
def test_every_check_is_logged_with_who_organisation_result_and_keyed_hash(
    register, client_for, personas
):
    post_check(client_for("employer"), COUNTED)
    log = CheckLog.objects.using(outside_transaction()).get()
    assert (log.user_id, log.user_email, log.organisation_id, log.organisation_name) == (
        personas.employer.pk,
        personas.employer.email,
        personas.organisation_a.pk,
        personas.organisation_a.name,
    )
    assert (log.kind, log.outcome, log.bsn_hash) == (
        CheckKind.SINGLE,
        CheckOutcome.COUNTS,
        bsn_hash(COUNTED),
    )


@AUDIT
def test_the_user_limit_refuses_further_checks_with_a_dutch_message(register, client_for, settings):
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = 2
    client = client_for("employer")
    outcomes = [post_check(client, COUNTED).context["answer"].outcome for _ in range(3)]
    assert outcomes == [CheckOutcome.COUNTS, CheckOutcome.COUNTS, CheckOutcome.RATE_LIMITED]
    body = post_check(client, COUNTED).content.decode()
    assert "maximum aantal controles per uur bereikt" in body
    logged = CheckLog.objects.using(outside_transaction()).values_list("outcome", flat=True)
    assert sorted(logged).count(CheckOutcome.RATE_LIMITED) == 2
    # another user is not affected by this user's limit
    assert post_check(client_for("coordinator_a"), COUNTED).context["answer"].counts


@AUDIT
def test_the_organisation_limit_covers_all_its_users(register, personas, settings):
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION = 3
    colleague = personas.employer_b
    colleague.organisation = personas.organisation_a
    colleague.save()
    for user in (personas.employer, colleague, personas.employer):
        assert services.register_check(user=user, raw_bsn=COUNTED).counts
    refused = services.register_check(user=colleague, raw_bsn=COUNTED)
    assert refused.outcome == CheckOutcome.RATE_LIMITED and 1 <= refused.retry_after_minutes <= 60


@AUDIT
def test_checks_refused_by_the_user_limit_do_not_use_up_the_organisations(
    register, personas, settings
):
    # With Redis one script counts both limits in one round trip; it must stop, as the
    # portable path does, at the first limit exceeded.
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_USER = 2
    settings.DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION = 3
    colleague = personas.employer_b
    colleague.organisation = personas.organisation_a
    colleague.save()
    mine = [services.register_check(user=personas.employer, raw_bsn=COUNTED) for _ in range(4)]
    theirs = [services.register_check(user=colleague, raw_bsn=COUNTED) for _ in range(2)]
    assert [a.outcome for a in mine + theirs] == [CheckOutcome.COUNTS] * 2 + [
        CheckOutcome.RATE_LIMITED
    ] * 2 + [CheckOutcome.COUNTS, CheckOutcome.RATE_LIMITED]


@pytest.mark.postgres
@AUDIT_COMMITTED
def test_the_check_log_survives_a_rolled_back_request(personas):
    Registration.objects.create(
        bsn_hash=bsn_hash(COUNTED), grondslag=Grondslag.WSW, start_date=date(2020, 1, 1)
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        Registration.objects.create(
            bsn_hash=bsn_hash(LID2), grondslag=Grondslag.WSW, start_date=date(2020, 1, 1)
        )
        answer = services.register_check(user=personas.employer, raw_bsn=COUNTED)
        assert answer.counts
        raise RuntimeError("the request fails after the check")
    assert Registration.objects.count() == 1  # the request's own write is gone
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT outcome, bsn_hash FROM doelgroepregister_checklog")
        assert cursor.fetchall() == [(CheckOutcome.COUNTS, bsn_hash(COUNTED))]


@AUDIT_COMMITTED
def test_employers_see_only_their_own_organisations_checks(client_for, personas):
    services.register_check(user=personas.employer, raw_bsn=COUNTED)
    services.register_check(user=personas.employer_b, raw_bsn=LID2)
    services.register_check(user=personas.employer_b, raw_bsn=LID2)
    history_b = Client()  # employer_b is not one of client_for's personas
    history_b.force_login(personas.employer_b)
    page_b = history_b.get(reverse("doelgroepregister:check_history"))
    page_a = client_for("employer").get(reverse("doelgroepregister:check_history"))
    assert [log.user_email for log in page_a.context["page"]] == [personas.employer.email]
    assert {log.user_email for log in page_b.context["page"]} == {personas.employer_b.email}
    assert personas.employer_b.email not in page_a.content.decode()
    assert personas.employer.email not in page_b.content.decode()


@AUDIT_COMMITTED
def test_staff_see_repeated_failures_and_filter_the_log(client_for, personas, settings):
    settings.DOELGROEPREGISTER_FAILURE_THRESHOLD = 3
    for _ in range(3):
        services.register_check(user=personas.employer_b, raw_bsn="123")
    services.register_check(user=personas.employer, raw_bsn=COUNTED)
    staff = client_for("staff")
    page = staff.get(reverse("doelgroepregister:check_log"))
    failures = list(page.context["failures"])
    assert [(f["user_email"], f["failures"]) for f in failures] == [(personas.employer_b.email, 3)]
    filtered = staff.get(
        reverse("doelgroepregister:check_log"), {"outcome": "invalid", "user": "werkgever.b"}
    )
    assert len(filtered.context["page"].object_list) == 3
    assert "werkgever.a@" not in filtered.content.decode().split("<caption>Controles")[1]


@AUDIT
def test_a_bulk_check_returns_the_three_facts_per_row_and_logs_each(register, client_for):
    rows = [(COUNTED, "P-001"), (LID2, "P-002"), (UNKNOWN, "P-003"), ("12345", "P-004")]
    content = csv_bytes(rows, header=("bsn", "kenmerk"))
    client = client_for("employer")
    page = client.post(
        reverse("doelgroepregister:bulk_check"),
        {"file": upload(content, "personeel.csv"), "own_staff": "on"},
    )
    summary = page.content.decode().split("data-bulk-summary")[1]
    for fact, number in (("rows", 4), ("in-register", 2), ("counts", 1), ("invalid", 1)):
        assert f'data-fact="{fact}">{number}</dd>' in summary
    assert "De lijst is gecontroleerd." in page.content.decode()
    response = client.get(reverse("doelgroepregister:bulk_result", args=[page.context["token"]]))
    assert response["Content-Disposition"].startswith("attachment;")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("rij;bsn (laatste cijfers);kenmerk;in het register")
    end = (register + timedelta(days=400)).strftime("%d-%m-%Y")
    assert lines[1:] == [
        f"2;••••••{COUNTED[-3:]};P-001;ja;ja;{end};",
        f"3;••••••{LID2[-3:]};P-002;ja;nee;;",
        f"4;••••••{UNKNOWN[-3:]};P-003;nee;nee;;",
        "5;;P-004;;;;geen geldig BSN",
    ]
    body = response.content.decode() + page.content.decode()
    assert not any(bsn in body for bsn in (COUNTED, LID2, UNKNOWN))
    # the result is only ever handed to whoever asked for it
    other = client_for("coordinator_a").get(
        reverse("doelgroepregister:bulk_result", args=[page.context["token"]])
    )
    assert other.status_code == 404
    logs = CheckLog.objects.using(outside_transaction()).filter(kind=CheckKind.BULK)
    assert sorted(logs.values_list("outcome", flat=True)) == sorted(
        [CheckOutcome.COUNTS, CheckOutcome.NOT_COUNTED, CheckOutcome.NOT_FOUND, "invalid"]
    )


@AUDIT
def test_a_bulk_file_without_bsn_column_is_refused_with_a_message(register, client_for):
    response = client_for("coordinator_a").post(
        reverse("doelgroepregister:bulk_check"),
        {"file": upload(b"nummer\n1\n", "lijst.csv"), "own_staff": "on"},
    )
    assert response.status_code == 200
    assert "De kopregel mist de kolom(men): bsn" in response.content.decode()


@AUDIT
def test_the_retention_task_deletes_only_old_check_log_entries(personas, settings):
    settings.DOELGROEPREGISTER_CHECK_LOG_RETENTION_DAYS = 30
    services.register_check(user=personas.employer, raw_bsn=COUNTED)
    services.register_check(user=personas.employer, raw_bsn=LID2)
    CheckLog.objects.using(outside_transaction()).filter(
        pk=CheckLog.objects.using(outside_transaction()).order_by("pk").first().pk
    ).update(created_at=timezone.now() - timedelta(days=31))
    assert check_log_purge() == 1
    assert CheckLog.objects.using(outside_transaction()).count() == 1


def test_the_retention_task_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["doelgroepregister-check-log-retention"]
    assert entry["task"] == check_log_purge.name


def test_settings_refuse_to_start_without_the_bsn_key_when_debug_is_off():
    env = {"SECRET_KEY": "x", "DEBUG": "false", "PATH": "/usr/bin"}
    code = "import werkkamer.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "DOELGROEPREGISTER_BSN_KEY is not set" in result.stderr


@AUDIT
def test_a_person_imported_in_full_width_digits_is_found_when_checked_in_ascii(
    personas, client_for, django_capture_on_commit_callbacks
):
    full_width = COUNTED.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    arabic_indic = LID2.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    rows = [("bsn", "grondslag", "begindatum", "einddatum"), (full_width, "wajong", "2020-01-01")]
    with django_capture_on_commit_callbacks(execute=True):
        imported = services.register_import_create(
            user=personas.staff, upload=upload(csv_bytes(rows[1:], header=rows[0])), commit=True
        )
    imported.refresh_from_db()
    assert (imported.status, imported.inserted) == ("done", 1)
    assert services.register_check(user=personas.employer, raw_bsn=COUNTED).counts
    # and the other way round: checked in full-width or with separators, found all the same
    assert services.register_check(user=personas.employer, raw_bsn=full_width).counts
    assert post_check(client_for("coordinator_a"), f"{COUNTED[:3]} {COUNTED[3:6]}.{COUNTED[6:]}")
    bulk = csv_bytes([(full_width, "A"), (arabic_indic, "B")], header=("bsn", "kenmerk"))
    lines = bulk_lines(client_for("employer"), bulk)
    assert lines[1].startswith(f"2;••••••{COUNTED[-3:]};A;ja;ja") and lines[2].endswith(
        "geen geldig BSN"
    )
    # Arabic-Indic digits are refused on import with a row-level message, never hashed
    with django_capture_on_commit_callbacks(execute=True):
        refused = services.register_import_create(
            user=personas.staff,
            upload=upload(csv_bytes([(arabic_indic, "lid2", "2020-01-01", "")], header=rows[0])),
            commit=True,
        )
    refused.refresh_from_db()
    assert (refused.status, refused.error_count) == ("invalid", 1)
    assert not Registration.objects.filter(grondslag=Grondslag.LID2, bsn_hash=bsn_hash(LID2))


def bulk_lines(client, content: bytes, name: str = "lijst.csv") -> list[str]:
    """Check a list as the page does (summary first), and read the downloaded answer."""
    page = client.post(
        reverse("doelgroepregister:bulk_check"), {"file": upload(content, name), "own_staff": "on"}
    )
    assert "token" in page.context, page.context["form"].errors
    response = client.get(reverse("doelgroepregister:bulk_result", args=[page.context["token"]]))
    assert response.get("Content-Disposition", "").startswith("attachment;")
    return response.content.decode("utf-8-sig").splitlines()


@AUDIT
@pytest.mark.parametrize("maker", [xlsx_bytes, spreadsheet_tool_xlsx])
def test_a_bulk_check_reads_real_xlsx_files(register, client_for, maker):
    # before: the upload was saved without its extension, and openpyxl refused every XLSX
    rows = [(COUNTED, "P-001"), (int(LID2), "P-002"), (UNKNOWN, "P-003")]
    lines = bulk_lines(client_for("employer"), maker(rows, header=("bsn", "kenmerk")), "l.XLSX")
    assert [line.split(";")[:5] for line in lines[1:]] == [
        ["2", f"••••••{COUNTED[-3:]}", "P-001", "ja", "ja"],
        ["3", f"••••••{LID2[-3:]}", "P-002", "ja", "nee"],
        ["4", f"••••••{UNKNOWN[-3:]}", "P-003", "nee", "nee"],
    ]


@AUDIT
@pytest.mark.parametrize(
    ("maker", "name"), [(csv_bytes, "lijst.csv"), (spreadsheet_tool_xlsx, "lijst.xlsx")]
)
def test_the_bulk_result_neutralises_formulas_from_the_kenmerk_column(
    register, client_for, maker, name
):
    # text cells (openpyxl would write "=1+2" as a formula, read back as no value at all)
    rows = [(COUNTED, "=1+2"), (UNKNOWN, "@SUM(A1)"), ("12345", "+31 6 1234")]
    lines = bulk_lines(client_for("coordinator_a"), maker(rows, header=("bsn", "kenmerk")), name)
    references = [line.split(";")[2] for line in lines[1:]]
    assert references == ["'=1+2", "'@SUM(A1)", "'+31 6 1234"]
