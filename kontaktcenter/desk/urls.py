from django.urls import path

from kontaktcenter.desk.views import (
    cases,
    categories,
    contacts,
    directory,
    endpoints,
    home,
    queues,
    reports,
    statistics,
)

app_name = "desk"

urlpatterns = [
    path("", home.home, name="home"),
    path("kontakter/", contacts.contact_desk, name="contact_desk"),
    path("kontakter/ny/", contacts.contact_start, name="contact_start"),
    path("kontakter/<int:contact_id>/", contacts.contact_detail, name="contact"),
    path("arenden/nytt/", cases.case_create, name="case_create"),
    path("arenden/sok/", cases.case_search, name="case_search"),
    path("arenden/<str:reference>/", cases.case_detail, name="case"),
    path("arenden/<str:reference>/anteckning/", cases.case_add_note, name="case_note"),
    path("arenden/<str:reference>/svar/", cases.case_reply, name="case_reply"),
    path("arenden/<str:reference>/status/", cases.case_change_status, name="case_status"),
    path("arenden/<str:reference>/tilldela-mig/", cases.case_assign_to_me, name="case_assign_me"),
    path("arenden/<str:reference>/avsluta/", cases.case_close, name="case_close"),
    path("arenden/<str:reference>/ateroppna/", cases.case_reopen, name="case_reopen"),
    path("arenden/<str:reference>/kategori/", cases.case_recategorise, name="case_recategorise"),
    path("ko/", queues.my_queue, name="my_queue"),
    path("ko/<int:organisation_id>/", queues.queue, name="queue"),
    path("statistik/", statistics.statistics, name="statistics"),
    path("statistik/kvalitet/", reports.quality_report, name="quality_report"),
    path("statistik/kvalitet/csv/", reports.quality_report_csv, name="quality_report_csv"),
    path("statistik/kvalitet/xlsx/", reports.quality_report_xlsx, name="quality_report_xlsx"),
    path("katalog/", directory.directory, name="directory"),
    path("katalog/meddelande/", directory.callback_create, name="callback_create"),
    path("meddelanden/", directory.callback_queue, name="callbacks"),
    path("meddelanden/<int:request_id>/klar/", directory.callback_done, name="callback_done"),
    path("kategorier/", categories.category_list, name="categories"),
    path("kategorier/ny/", categories.category_edit, name="category_create"),
    path("kategorier/<int:category_id>/", categories.category_edit, name="category_edit"),
    path("leveranser/", endpoints.endpoint_list, name="endpoints"),
    path("leveranser/ny/", endpoints.endpoint_create, name="endpoint_create"),
    path("leveranser/<int:endpoint_id>/", endpoints.endpoint_detail, name="endpoint"),
    path(
        "leveranser/<int:endpoint_id>/aktiv/",
        endpoints.endpoint_set_active,
        name="endpoint_set_active",
    ),
    path(
        "leveranser/<int:endpoint_id>/skicka-om/",
        endpoints.endpoint_retry_dead,
        name="endpoint_retry_dead",
    ),
    path(
        "leveranser/<int:endpoint_id>/utskick/<int:delivery_id>/skicka-om/",
        endpoints.delivery_retry,
        name="delivery_retry",
    ),
    path("leveranser/<int:endpoint_id>/nycklar/", endpoints.secret_add, name="secret_add"),
    path(
        "leveranser/<int:endpoint_id>/nycklar/<int:secret_id>/avveckla/",
        endpoints.secret_retire,
        name="secret_retire",
    ),
]
