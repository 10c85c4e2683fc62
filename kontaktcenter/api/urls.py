from django.urls import path

from kontaktcenter.api import forwarding
from kontaktcenter.api.v1 import api as api_v1

app_name = "api"

urlpatterns = [
    path(
        "forwarding/endpoints/<int:endpoint_id>/status/",
        forwarding.endpoint_status,
        name="forwarding_endpoint_status",
    ),
    path("v1/", api_v1.urls),
]
