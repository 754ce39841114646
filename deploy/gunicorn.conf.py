"""gunicorn settings for 政协履职管理: `gunicorn -c deploy/gunicorn.conf.py cppcc.wsgi:application`."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threaded workers: a login hashes its password for a second or two of CPU (PBKDF2, which releases
# the GIL), and with sync workers every cheap page queued behind such a request. A process per core
# plus one, each with a few threads, keeps the database busy and pages flowing during a login storm.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak in any library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):  # noqa: ARG001 - gunicorn's hook signature
    """Each worker loads the PDF fonts once at start, not on the first person's print."""
    from cppcc.documents import warm_pdf

    warm_pdf()
