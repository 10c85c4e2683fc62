from django.urls import path

from kontaktcenter.api import forwarding

app_name = "api"

urlpatterns = [
    path(
        "forwarding/endpoints/<int:endpoint_id>/status/",
        forwarding.endpoint_status,
        name="forwarding_endpoint_status",
    ),
]
