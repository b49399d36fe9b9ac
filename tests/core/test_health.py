import json

from django.test import Client

import pytest

from tests.redisserver import private_redis, stop_redis


@pytest.mark.django_db
def test_health_is_json_and_green_in_the_embedded_setup(settings):
    from django.core.cache import caches

    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    caches._settings = None  # noqa: SLF001 - rebuild the cache handler from the new settings
    try:
        response = Client().get("/health/")
    finally:
        caches._settings = None  # noqa: SLF001
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert any("Database" in key for key in body) and all(v == "OK" for v in body.values())


@pytest.mark.worker
def test_health_is_green_with_database_redis_and_a_worker(celery_worker_process):
    response = Client(HTTP_ACCEPT="text/html").get("/health/")
    body = json.loads(response.content)
    assert response.status_code == 200, body
    assert any("Redis" in key for key in body) and any("Ping" in key for key in body)


@pytest.mark.redis
@pytest.mark.django_db
def test_health_is_503_without_a_worker():
    response = Client().get("/health/")
    assert response.status_code == 503
    assert "Celery workers unavailable" in json.dumps(json.loads(response.content))


@pytest.mark.redis
@pytest.mark.django_db
def test_health_is_503_when_redis_is_stopped(settings):
    """A private redis-server for this test: healthy while it runs, 503 once it is stopped."""
    from django.core.cache import caches

    with private_redis() as url:
        settings.REDIS_URL = url
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        caches._settings = None  # noqa: SLF001 - rebuild the cache handler from the new settings
        body = json.loads(Client().get("/health/").content)
        assert body[_key(body, "Redis")] == "OK" and body[_key(body, "Cache")] == "OK"
        stop_redis(url)
        response = Client().get("/health/")
    caches._settings = None  # noqa: SLF001
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body[_key(body, "Redis")] != "OK"
    assert body[_key(body, "Cache")] != "OK"


def _key(body: dict, part: str) -> str:
    return next(k for k in body if part in k)
