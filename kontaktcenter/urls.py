from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("kontaktcenter.accounts.urls")),
    path("api/", include("kontaktcenter.api.urls")),
    path("open311/", include("kontaktcenter.api.open311.urls")),
    path("", include("kontaktcenter.portal.urls")),
    path("", include("kontaktcenter.desk.urls")),
]
