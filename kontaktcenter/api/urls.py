from django.urls import path

from kontaktcenter.api import forwarding, telephony

app_name = "api"

urlpatterns = [
    path(
        "forwarding/endpoints/<int:endpoint_id>/status/",
        forwarding.endpoint_status,
        name="forwarding_endpoint_status",
    ),
    path("telephony/events/", telephony.cti_events, name="telephony_events"),
    path("telephony/night-service/", telephony.night_service, name="telephony_night_service"),
]
