import json

from django.test import Client

import pytest
from health_check.contrib.celery import Ping

from tests.redisserver import private_redis, stop_redis


def _staff(personas) -> Client:
    client = Client()
    client.force_login(personas.staff)
    return client


@pytest.mark.django_db
def test_health_is_json_and_green_in_the_embedded_setup(settings, personas):
    from django.core.cache import caches

    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches._settings = None  # noqa: SLF001 - rebuild the cache handler from the new settings
    try:
        anonymous = Client().get("/health/")
        response = _staff(personas).get("/health/")
    finally:
        caches._settings = None  # noqa: SLF001
    assert anonymous.status_code == 200 and json.loads(anonymous.content) == {"status": "up"}
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert any("Database" in key for key in body) and all(
        v == "OK" for k, v in body.items() if k != "status"
    )


@pytest.mark.worker
def test_health_is_green_with_database_redis_and_a_worker(celery_worker_process, personas):
    response = Client(HTTP_ACCEPT="text/html").get("/health/")
    assert response.status_code == 200 and json.loads(response.content) == {"status": "up"}
    body = json.loads(_staff(personas).get("/health/").content)
    assert any("Redis" in key for key in body) and any("Ping" in key for key in body)


@pytest.mark.redis
@pytest.mark.django_db
def test_health_is_503_without_a_worker(personas):
    response = Client().get("/health/")
    assert response.status_code == 503 and json.loads(response.content) == {"status": "down"}
    detail = _staff(personas).get("/health/")
    assert "Celery workers unavailable" in json.dumps(json.loads(detail.content))


@pytest.mark.redis
@pytest.mark.django_db
def test_the_worker_is_pinged_at_most_once_in_a_few_seconds(monkeypatch, settings):
    settings.HEALTH_CHECK_WORKER_CACHE_SECONDS = 60
    settings.HEALTH_CHECK_WORKER_TIMEOUT = 1
    pings = []
    real_run = Ping.run
    monkeypatch.setattr(Ping, "run", lambda self: pings.append(1) or real_run(self))
    answers = [Client().get("/health/").status_code for _ in range(5)]
    assert answers == [503] * 5
    assert len(pings) == 1


@pytest.mark.redis
@pytest.mark.django_db
def test_health_is_503_when_redis_is_stopped(settings, personas):
    """A private redis-server for this test: healthy while it runs, 503 once it is stopped.

    Anonymous callers learn only "down": not which part, nor its host, port or database number.
    """
    from django.core.cache import caches

    with private_redis() as url:
        settings.REDIS_URL = url
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # staff stay logged in
        caches._settings = None  # noqa: SLF001 - rebuild the cache handler from the new settings
        staff = _staff(personas)
        body = json.loads(staff.get("/health/").content)
        assert body[_key(body, "Redis")] == "OK" and body[_key(body, "Cache")] == "OK"
        stop_redis(url)
        anonymous = Client().get("/health/")
        response = staff.get("/health/")
    caches._settings = None  # noqa: SLF001
    assert anonymous.status_code == 503
    assert json.loads(anonymous.content) == {"status": "down"}
    port = url.rsplit(":", 1)[1].split("/")[0]
    assert port not in anonymous.content.decode() and "127.0.0.1" not in anonymous.content.decode()
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body[_key(body, "Redis")] != "OK"
    assert body[_key(body, "Cache")] != "OK"


def _key(body: dict, part: str) -> str:
    return next(k for k in body if part in k)
