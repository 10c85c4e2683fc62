from django.contrib import admin
from django.urls import include, path

from kontaktcenter.api.v1 import api as api_v1

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("kontaktcenter.accounts.urls")),
    path("api/v1/", api_v1.urls),
    path("api/", include("kontaktcenter.api.urls")),
    path("open311/", include("kontaktcenter.api.open311.urls")),
    path("", include("kontaktcenter.portal.urls")),
    path("", include("kontaktcenter.desk.urls")),
]
