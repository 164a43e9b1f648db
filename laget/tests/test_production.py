"""Running for real: `check --deploy` is clean with production settings, every response carries
the security headers and the Content-Security-Policy, cookies are Secure and HttpOnly, `/helse/`
tells a load balancer whether the database answers, and Gunicorn's access log holds no query
string. Production settings are read in a fresh Python process, from the environment, the way
the servers read them."""

import json
import os
import secrets
import socket
import string
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from laget.testing.world import PASSWORD, World

ROOT = Path(__file__).resolve().parents[2]

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
}
ONE_YEAR = 365 * 24 * 3600


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production machine behind a TLS proxy."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LAGET_", "DJANGO_")) and k != "DATABASE_URL"
    }
    key = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50))
    env.update(
        DJANGO_SETTINGS_MODULE="laget.settings",
        LAGET_DEBUG="0",
        LAGET_SECRET_KEY=key,
        LAGET_AUDIT_KEYS=f"k1:{key}",
        LAGET_FIELD_KEYS=Fernet.generate_key().decode(),
        LAGET_LOOKUP_KEY=secrets.token_urlsafe(40),
        LAGET_ALLOWED_HOSTS="laget.example.invalid",
        LAGET_CSRF_TRUSTED_ORIGINS="https://laget.example.invalid",
        LAGET_TLS_PROXY="1",
        LAGET_SSL_REDIRECT="1",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def production_settings(**extra: str) -> dict[str, object]:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        "'SECURE_SSL_REDIRECT', 'SECURE_PROXY_SSL_HEADER', 'SESSION_COOKIE_SECURE',"
        "'CSRF_COOKIE_SECURE', 'CSRF_TRUSTED_ORIGINS', 'CACHES', 'CONTENT_SECURITY_POLICY']},"
        "default=list))"
    )
    done = run(["-c", script], production_env(**extra))
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def directives(header: str) -> dict[str, str]:
    parts = [p.strip().split(" ", 1) for p in header.split(";") if p.strip()]
    return {name: value for name, value in parts}


def test_check_deploy_reports_nothing_with_production_settings() -> None:
    done = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert done.returncode == 0, done.stdout + done.stderr
    # Only the HSTS preload warning is silenced, on purpose (see settings.py).
    assert "System check identified no issues (1 silenced)." in done.stdout


def test_production_defaults() -> None:
    s = production_settings()
    assert s["SECURE_HSTS_SECONDS"] == ONE_YEAR
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is False
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://laget.example.invalid"]
    # Several processes share one cache: the database's, not each process's memory.
    assert s["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "laget_cache",
        }
    }


def test_cookies_can_be_made_insecure_only_on_purpose() -> None:
    s = production_settings(
        LAGET_SECURE_COOKIES="0", LAGET_CACHE="redis", LAGET_CACHE_URL="redis://cache:6379/0"
    )
    assert s["SESSION_COOKIE_SECURE"] is False
    assert s["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://cache:6379/0",
        }
    }


def test_a_bad_cache_choice_stops_startup() -> None:
    done = run(["manage.py", "check"], production_env(LAGET_CACHE="memcached"))
    assert done.returncode != 0
    assert "LAGET_CACHE must be locmem, database or redis" in done.stderr


def test_the_openid_provider_may_be_a_form_target() -> None:
    """The portal's logout form is answered with a redirect to the provider (ID-porten: the
    issuer and the login/logout host differ); form-action must allow both."""
    s = production_settings(
        LAGET_OIDC_ISSUER="https://idporten.example.invalid",
        LAGET_OIDC_END_SESSION_ENDPOINT="https://login.idporten.example.invalid/logout",
    )
    policy = s["CONTENT_SECURITY_POLICY"]
    assert isinstance(policy, dict)
    assert policy["DIRECTIVES"]["form-action"] == [
        "'self'",
        "https://idporten.example.invalid",
        "https://login.idporten.example.invalid",
    ]


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=ONE_YEAR, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_every_page_carries_the_security_headers(client: Client) -> None:
    response = client.get("/logg-inn/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains"
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=ONE_YEAR)
def test_hsts_only_over_https_and_csp_everywhere(client: Client) -> None:
    for url in ["/logg-inn/", "/familie/logg-inn/", "/finnes-ikke/"]:
        response = client.get(url)
        assert "Strict-Transport-Security" not in response, url
        assert directives(response["Content-Security-Policy"]) == POLICY, url


@pytest.mark.django_db
@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_and_httponly(world: World, client: Client) -> None:
    page = client.get("/logg-inn/", secure=True)
    csrf = page.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] is True
    assert csrf["httponly"] is True
    response = client.post(
        "/logg-inn/",
        {"username": world.users["participant"].username, "password": PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


@pytest.mark.django_db
def test_health_answers_ok_when_the_database_answers(client: Client) -> None:
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    assert client.head("/helse/").status_code == 200
    assert client.post("/helse/").status_code == 405


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_is_not_redirected_to_https(client: Client) -> None:
    assert client.get("/helse/").status_code == 200
    redirected = client.get("/logg-inn/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")


def test_health_answers_503_when_the_database_does_not() -> None:
    script = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/helse/'); print(r.status_code, r.content.decode())"
    )
    env = production_env(
        # Nothing listens on port 1: the connection is refused at once.
        DATABASE_URL="postgres://laget:wrong@127.0.0.1:1/laget",
        LAGET_ALLOWED_HOSTS="testserver",
        LAGET_SSL_REDIRECT="0",
    )
    done = run(["-c", script], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '503 {"status": "unavailable"}'


def test_gunicorn_logs_paths_without_query_strings(tmp_path: Path) -> None:
    """Gunicorn with deploy/gunicorn.conf.py, on a socket the test opened (so no waiting for
    it to start): a request with a token and a search for a name leaves only paths in the log."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}",
        LAGET_BIND=f"fd://{listener.fileno()}",
        LAGET_WEB_WORKERS="1",
        LAGET_SSL_REDIRECT="0",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        headers = {"Host": "laget.example.invalid"}
        base = f"http://127.0.0.1:{port}"
        health = httpx.get(f"{base}/helse/?token=hemmelig-token-42", headers=headers, timeout=60)
        assert health.status_code == 200
        assert health.json() == {"status": "ok"}
        assert "Content-Security-Policy" in health.headers
        httpx.get(f"{base}/logg-inn/?next=/saker/?q=Ola+Nordmann", headers=headers, timeout=60)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=60)
        listener.close()
    log = out + err
    assert '"GET /helse/ HTTP/1.1" 200' in log, log
    assert '"GET /logg-inn/ HTTP/1.1"' in log, log
    assert "hemmelig" not in log
    assert "Nordmann" not in log
    access = [line for line in log.splitlines() if "/helse/" in line]
    assert len(access) == 1
    assert "127.0.0.1" not in access[0]  # no client address either


def test_a_form_refused_by_the_csrf_check_gets_our_page_without_inline_style(
    world: World,
) -> None:
    client = Client(enforce_csrf_checks=True)
    # Lockout (django-axes) counts only logins it sees a request for.
    assert client.login(
        request=RequestFactory().post("/"),
        username=world.users["stafettholder"].username,
        password=PASSWORD,
    )
    response = client.post(reverse("cases:case_open"), {"label": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Skjemaet kunne ikke sendes" in html
    assert "<style" not in html and "style=" not in html
    assert "not set" not in html and "CSRF token" not in html  # no developer's reason
