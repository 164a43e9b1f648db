"""Gunicorn for Laget: `gunicorn -c deploy/gunicorn.conf.py` (see docs/PRODUCTION.md).

Every value that differs between machines comes from the environment, like the Django
settings, and a bad value stops startup (laget.lib.env).
"""

import multiprocessing

from laget.lib.env import env_int, env_str

wsgi_app = "laget.wsgi:application"

# Behind the TLS proxy on the same machine: loopback. Behind a load balancer on another
# machine: the private address ("10.0.0.5:8000"), or "0.0.0.0:8000" with a firewall.
bind = env_str("LAGET_BIND", "127.0.0.1:8000")

# One process per core, each with threads (Gunicorn's gthread worker): measured with the load
# profile (laget/scale/load.py, BENCHMARKS.md) on 2 cores, 2 processes × 8 threads carried
# 1.7-2.3 times the requests of 5 sync processes (the old rule of thumb, 2 × cores + 1) with no
# timeouts where the sync workers had them, at the same CPU per request: a thread waiting for
# PostgreSQL or a lock leaves its process to another request. Each thread holds its own
# database connection when LAGET_DB_CONN_MAX_AGE > 0 (which saved PostgreSQL ≈ 18 ms of CPU per
# request in the same measurement): count workers × threads against PostgreSQL's
# max_connections or PgBouncer's pool.
workers = env_int("LAGET_WEB_WORKERS", multiprocessing.cpu_count())
threads = env_int("LAGET_WEB_THREADS", 8)
# The slowest pages (PDF reports, the registry's spreadsheet import) finish well within this.
timeout = env_int("LAGET_WEB_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5

# Restart each worker after about this many requests (the jitter spreads the restarts), so
# that a slow leak in any library never grows without bound. A restart costs ≈ 1.5 s of CPU
# (importing the app, measured as the load profile's start-up): at 1,000, each of 2 workers
# would restart every 20 s at the target's 100 requests/s; at 10,000 it is ≈ 0.15 ms a request.
max_requests = env_int("LAGET_WEB_MAX_REQUESTS", 10_000)
max_requests_jitter = env_int("LAGET_WEB_MAX_REQUESTS_JITTER", 1_000)

# Only these addresses may tell Gunicorn the original scheme (X-Forwarded-Proto): the proxy.
forwarded_allow_ips = env_str("LAGET_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "laget"

# Access log on stdout (journald under systemd). Laget's URLs carry only ids and random tokens,
# but a query string can hold anything someone typed (a search for a name, ?next=…), so the
# format logs the path only: %(U)s is the path without the query string, where Gunicorn's
# default %(r)s is the whole request line. Also left out: the client address (%(h)s, personal
# data; the TLS proxy's log has it, under the municipality's retention rules), the referrer
# (%(f)s, a whole URL with its query) and the user agent (%(a)s).
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = env_str("LAGET_WEB_LOG_LEVEL", "info")
