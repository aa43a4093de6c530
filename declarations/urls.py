from django.urls import path

from declarations.views import declarations, files, profile

app_name = "declarations"

urlpatterns = [
    path("", profile.HomeView.as_view(), name="home"),
    path("files/<uuid:file_id>/", files.private_file, name="private-file"),
    path("profile/basic-info/", profile.BasicInfoView.as_view(), name="basic-info"),
    path("profile/<slug:key>/", profile.SectionView.as_view(), name="section"),
    path("profile/<slug:key>/add/", profile.EntryCreateView.as_view(), name="entry-add"),
    path("profile/<slug:key>/edit/", profile.EditSelectedView.as_view(), name="entry-edit-selected"),
    path("profile/<slug:key>/<int:pk>/edit/", profile.EntryUpdateView.as_view(), name="entry-edit"),
    path("profile/<slug:key>/delete/", profile.DeleteEntriesView.as_view(), name="entry-delete"),
    path("titles/", declarations.title_list, name="titles"),
    path("titles/<int:round_id>/<int:title_id>/sign-up/", declarations.sign_up, name="sign-up"),
    path("declarations/", declarations.declaration_list, name="declaration-list"),
    path("declarations/<int:pk>/", declarations.declaration_detail, name="declaration-detail"),
    path("declarations/<int:pk>/submit/", declarations.check_and_submit, name="declaration-submit"),
    path("declarations/<int:pk>/pdf/", declarations.declaration_pdf_view, name="declaration-pdf"),
    path("declarations/<int:pk>/attachments.zip", declarations.declaration_zip_view, name="declaration-zip"),
]
