import os

from django.core.wsgi import get_wsgi_application

from kontaktcenter.core.directories import prepare_directories

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kontaktcenter.settings")
prepare_directories()
application = get_wsgi_application()
