"""Settings come from the environment through helpers that fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import pytest

from werkkamer.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_accepts_the_usual_spellings():
    assert env_bool("X", environ={"X": "true"}) is True
    assert env_bool("X", environ={"X": "0"}) is False
    assert env_bool("X", True, environ={}) is True


def test_env_bool_refuses_anything_else():
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env_bool("X", environ={"X": "misschien"})


def test_env_int_refuses_a_non_number():
    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE must be an integer"):
        env_int("CONN_MAX_AGE", 60, environ={"CONN_MAX_AGE": "zestig"})


def test_env_list_splits_on_commas():
    assert env_list("H", [], environ={"H": "a.nl, b.nl,"}) == ["a.nl", "b.nl"]


def _settings_in_subprocess(env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
        and not k.startswith(("SECURE_", "EMAIL_", "TRUSTED_", "BEHIND_"))
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print(repr(({expression},)))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "werkkamer.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_missing_secret_key_with_debug_off_is_a_clear_startup_error():
    result = _settings_in_subprocess({"DEBUG": "false"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_embedded_default_is_sqlite_with_eager_tasks():
    result = _settings_in_subprocess(
        {"DEBUG": "true"},
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, settings.DEBUG",
    )
    assert result.stdout.strip() == "('django.db.backends.sqlite3', True, True)", result.stderr


def test_database_url_switches_to_postgresql_with_persistent_connections():
    result = _settings_in_subprocess(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgresql://u:p@db:5432/w", "CONN_MAX_AGE": "120"},
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['CONN_MAX_AGE']",
    )
    assert result.stdout.strip() == "('django.db.backends.postgresql', 120)", result.stderr


def test_redis_url_switches_on_the_broker_and_the_cache():
    result = _settings_in_subprocess(
        {"SECRET_KEY": "x", "REDIS_URL": "redis://r:6379/1"},
        "settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER, settings.CACHES['default']['BACKEND']",
    )
    assert result.stdout.strip() == (
        "('redis://r:6379/1', False, 'django.core.cache.backends.redis.RedisCache')"
    ), result.stderr


def test_debug_is_off_unless_asked():
    result = _settings_in_subprocess({"SECRET_KEY": "x"}, "settings.DEBUG")
    assert result.stdout.strip() == "(False,)", result.stderr


def test_the_worker_does_not_close_its_connection_after_every_task():
    from werkkamer.celery import app

    assert app.conf.CELERY_DB_REUSE_MAX >= 1000


def test_without_debug_https_secure_cookies_hsts_and_smtp_are_the_defaults():
    result = _settings_in_subprocess(
        {"SECRET_KEY": "x", "DOELGROEPREGISTER_BSN_KEY": "y"},
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_HSTS_SECONDS, settings.EMAIL_BACKEND",
    )
    assert result.stdout.strip() == (
        "(True, True, True, 31536000, 'django.core.mail.backends.smtp.EmailBackend')"
    ), result.stderr


def test_the_secure_defaults_are_switched_off_only_explicitly():
    result = _settings_in_subprocess(
        {
            "SECRET_KEY": "x",
            "DOELGROEPREGISTER_BSN_KEY": "y",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS_SECONDS": "0",
        },
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS",
    )
    assert result.stdout.strip() == "(False, False, 0)", result.stderr


def test_debug_keeps_the_console_mail_and_plain_http():
    result = _settings_in_subprocess(
        {"DEBUG": "true"},
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, settings.EMAIL_BACKEND",
    )
    assert result.stdout.strip() == (
        "(False, False, 'django.core.mail.backends.console.EmailBackend')"
    ), result.stderr


def test_only_behind_the_tls_proxy_is_the_forwarded_client_ip_trusted():
    expression = "settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER"
    base = {"SECRET_KEY": "x", "DOELGROEPREGISTER_BSN_KEY": "y", "TRUSTED_PROXY_COUNT": "2"}
    direct = _settings_in_subprocess({**base, "TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"}, expression)
    assert direct.stdout.strip() == "(0, None)", direct.stderr
    proxied = _settings_in_subprocess({**base, "BEHIND_TLS_PROXY": "true"}, expression)
    assert proxied.stdout.strip() == "(2, None)", proxied.stderr
    default = _settings_in_subprocess(
        {"SECRET_KEY": "x", "DOELGROEPREGISTER_BSN_KEY": "y", "BEHIND_TLS_PROXY": "true"},
        expression,
    )
    assert default.stdout.strip() == "(1, None)", default.stderr
