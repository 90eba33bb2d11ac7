"""The WSGI application, served by gunicorn (`ogi serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.platform.settings")
application = get_wsgi_application()
