from django.urls import path

from declarations import views

app_name = "declarations"

urlpatterns: list = [
    path("titles/", views.title_list, name="titles"),
    path("titles/<int:round_id>/<int:title_id>/sign-up/", views.sign_up, name="sign-up"),
    path("declarations/", views.declaration_list, name="declaration-list"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration-detail"),
    path("declarations/<int:pk>/submit/", views.check_and_submit, name="declaration-submit"),
    path("declarations/<int:pk>/pdf/", views.declaration_pdf_view, name="declaration-pdf"),
    path("declarations/<int:pk>/attachments.zip", views.declaration_zip_view, name="declaration-zip"),
]
