import json

from django.test import Client

import pytest

from tests.services import has_redis


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
def test_health_is_503_when_redis_is_down(settings):
    """Point the portal at a port where no Redis listens: a stopped Redis, as the app sees it."""
    from django.core.cache import caches

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
        }
    }
    caches._settings = None  # noqa: SLF001 - rebuild the cache handler from the new settings
    try:
        response = Client().get("/health/")
    finally:
        caches._settings = None  # noqa: SLF001
    body = json.loads(response.content)
    assert response.status_code == 503
    assert body[next(k for k in body if "Redis" in k)] != "OK"
    assert body[next(k for k in body if "Cache" in k)] != "OK"
    assert has_redis()  # the real Redis was never touched
