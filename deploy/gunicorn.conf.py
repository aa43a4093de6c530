"""gunicorn settings for one app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`."""

import multiprocessing
import os

from gunicorn import glogging

from config.log_filters import QueryStringFilter

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60
graceful_timeout = 30
max_requests = 2000
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# The path without its query string, and no referrer: the reviewers' queue search is a GET whose
# query carries an ID number (?q=…), and the next page's referrer repeats it.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(M)sms'


class Logger(glogging.Logger):
    """gunicorn's logger, with query strings also cut out of its error log ("Error handling
    request /…?q=…")."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, QueryStringFilter) for f in log.filters):
                log.addFilter(QueryStringFilter())


logger_class = Logger
