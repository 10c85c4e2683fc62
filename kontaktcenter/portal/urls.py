"""The resident's pages: no login, Swedish first with English."""

from django.urls import URLPattern, URLResolver, path

from kontaktcenter.portal import views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kunskap/", views.knowledge_search, name="knowledge_search"),
    path("kunskap/<int:article_id>/", views.knowledge_article, name="knowledge_article"),
    path("kunskap/<int:article_id>/svar/", views.knowledge_feedback, name="knowledge_feedback"),
]
