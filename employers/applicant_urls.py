from employers.urls import applicant_urlpatterns

app_name = "employers-applicant"
urlpatterns = applicant_urlpatterns
