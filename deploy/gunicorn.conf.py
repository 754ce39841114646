"""gunicorn settings for 政协履职管理: `gunicorn -c deploy/gunicorn.conf.py cppcc.wsgi:application`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a login hashes its password for a second or two of CPU (PBKDF2, which releases
# the GIL), and with sync workers every cheap page queued behind such a request. Two processes a
# core with two threads each: under the 50-user load test on two cores this gave p95 210 ms at
# 65 requests/s, against 290 ms at 64/s for cores + 1 processes of four threads (the threads of
# one process share its GIL; more processes keep both cores on Python and PostgreSQL).
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in any library never grows without bound. Not too
# often: a new worker loads Django and the PDF fonts (a second of CPU) while its connections wait,
# and at 2,000 requests each of the three workers restarted every 100 s under the load test.
max_requests = 10000
max_requests_jitter = 1000
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):  # noqa: ARG001 - gunicorn's hook signature
    """Each worker loads the PDF fonts once at start, not on the first person's print."""
    from cppcc.documents import warm_pdf

    warm_pdf()
