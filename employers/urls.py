from django.urls import path

from employers import views

app_name = "employers"

urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("register/verify/", views.register_verify, name="register-verify"),
    path("register/details/", views.register_details, name="register-details"),
    path("invitation/<str:token>/", views.accept_invitation, name="invitation"),
    path("employer/edit/", views.employer_edit, name="employer-edit"),
    path("declarations/", views.queue, name="queue"),
    path("declarations/<int:pk>/", views.declaration_view, name="declaration"),
    path("declarations/<int:pk>/remarks/", views.save_remarks, name="declaration-remarks"),
    path("declarations/<int:pk>/return/", views.return_declaration, name="declaration-return"),
    path("declarations/<int:pk>/recommend/", views.recommend_declaration, name="declaration-recommend"),
    path("files/<uuid:file_id>/", views.private_file, name="file"),
    path("publicity/", views.publicity_list, name="publicity-list"),
    path("publicity/new/", views.publicity_edit, name="publicity-new"),
    path("publicity/<int:pk>/", views.publicity_edit, name="publicity-edit"),
    path("officers/", views.officers, name="officers"),
]

# The applicant's side: choosing the employer, under the applicant area.
applicant_urlpatterns = [
    path("profile/basic-info/employer/", views.choose_employer, name="choose-employer"),
]
