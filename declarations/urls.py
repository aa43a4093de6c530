from django.urls import path

from declarations.views import files, profile

app_name = "declarations"

urlpatterns = [
    path("", profile.HomeView.as_view(), name="home"),
    path("files/<uuid:file_id>/", files.private_file, name="private_file"),
    path("profile/basic-info/", profile.BasicInfoView.as_view(), name="basic_info"),
    path("profile/<slug:key>/", profile.SectionView.as_view(), name="section"),
    path("profile/<slug:key>/add/", profile.EntryCreateView.as_view(), name="entry_add"),
    path("profile/<slug:key>/edit/", profile.EditSelectedView.as_view(), name="entry_edit_selected"),
    path("profile/<slug:key>/<int:pk>/edit/", profile.EntryUpdateView.as_view(), name="entry_edit"),
    path("profile/<slug:key>/delete/", profile.DeleteEntriesView.as_view(), name="entry_delete"),
]
