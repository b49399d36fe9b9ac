"""No Docker engine runs here: validate docker-compose.yml and the Dockerfile by reading them."""

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_five_services(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis"}


def test_database_and_redis_images_are_pinned_to_their_major_versions(compose):
    assert compose["services"]["db"]["image"] == "postgres:16"
    assert compose["services"]["redis"]["image"] == "redis:7"


def test_every_service_but_beat_has_a_healthcheck(compose):
    for name in ["web", "worker", "db", "redis"]:
        assert compose["services"][name]["healthcheck"]["test"], name


def test_app_services_read_env_and_wait_for_healthy_db_and_redis(compose):
    for name in ["web", "worker", "beat"]:
        service = compose["services"][name]
        assert service["env_file"] == ".env"
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["depends_on"]["redis"]["condition"] == "service_healthy"


def test_data_lives_in_named_volumes(compose):
    assert {"pgdata", "redisdata", "media"} <= set(compose["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]


def _modules_named(command: str) -> set[str]:
    # sh -c "a && b" arrives as one quoted word: split that too
    words = [part for word in shlex.split(command) for part in word.split()]
    modules = {w.split(":")[0] for w in words if re.fullmatch(r"[a-z_]+\.[a-z_.]+:[a-z_]+", w)}
    modules |= {words[i + 1] for i, w in enumerate(words) if w == "-A"}
    return modules


def test_the_commands_name_modules_that_exist(compose):
    named = set()
    for name in ["web", "worker", "beat"]:
        named |= _modules_named(compose["services"][name]["command"])
    assert {"werkkamer.wsgi", "werkkamer"} <= named
    for module in named:
        importlib.import_module(module)
    assert "gunicorn" in compose["services"]["web"]["command"]
    assert "celery -A werkkamer worker" in compose["services"]["worker"]["command"]
    assert "celery -A werkkamer beat" in compose["services"]["beat"]["command"]


def test_the_dockerfile_installs_with_the_constraints_and_serves_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "-c constraints.txt" in dockerfile
    assert "werkkamer.wsgi:application" in dockerfile
    assert "libpango-1.0-0" in dockerfile


def test_every_setting_read_from_the_environment_is_in_env_example():
    settings_source = (ROOT / "werkkamer" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set(), f"missing from .env.example: {sorted(read - documented)}"
