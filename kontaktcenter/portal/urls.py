"""The resident's pages: no login, Swedish first with English."""

from django.urls import URLPattern, URLResolver, path

from kontaktcenter.portal import knowledge_views, views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    # The public knowledge pages (knowledge_views.py): search and read public articles.
    path("kunskap/", knowledge_views.knowledge_search, name="knowledge_search"),
    path(
        "kunskap/<int:article_id>/",
        knowledge_views.knowledge_article,
        name="knowledge_article",
    ),
    path(
        "kunskap/<int:article_id>/svar/",
        knowledge_views.knowledge_feedback,
        name="knowledge_feedback",
    ),
    # The e-service (views.py): write in, the receipt, tracking by the case's private link.
    path("e-tjanst/", views.start, name="eservice"),
    path("e-tjanst/tillganglighet/", views.accessibility, name="accessibility"),
    path("e-tjanst/kvitto/<str:token>/", views.receipt, name="receipt"),
    path("e-tjanst/arende/<str:token>/", views.track, name="track"),
    path("e-tjanst/arende/<str:token>/betyg/", views.satisfaction, name="satisfaction"),
    path("e-tjanst/<slug:kind>/", views.inquiry, name="inquiry"),
]
