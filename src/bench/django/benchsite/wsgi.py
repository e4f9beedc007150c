"""The WSGI entry gunicorn serves: `gunicorn benchsite.wsgi:application`."""
import os
import sys

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, here)
sys.path.insert(1, os.path.join(here, "..", "..", "..", "test", "django"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsite.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
