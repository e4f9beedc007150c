"""Chapter 14: gunicorn's config file (Python), the process model a Django
service runs under. `gunicorn -c gunicorn.conf.py project.wsgi`."""
import multiprocessing

# region workers
bind = "0.0.0.0:8000"
workers = 2 * multiprocessing.cpu_count() + 1  # processes
worker_class = "gthread"
threads = 4             # requests in flight per worker
timeout = 30            # a worker silent this long is killed and replaced
graceful_timeout = 25   # after SIGTERM: seconds to finish in-flight requests
keepalive = 5           # seconds an idle keep-alive connection stays open (not with "sync")
max_requests = 1000     # recycle a worker after this many requests...
max_requests_jitter = 100  # ...give or take, so they do not all restart at once
# endregion

# region logging
accesslog = "-"         # stdout
errorlog = "-"
loglevel = "info"
# endregion
