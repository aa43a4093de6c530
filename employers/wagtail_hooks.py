"""The employers' register in the admin: its menu item and the decision URLs (`admin.py`)."""

from django.urls import path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from employers import admin

modeladmin_register(admin.EmployerAdmin)


@hooks.register("register_admin_urls")
def employer_urls():
    return [
        path("employers/<int:pk>/decide/<str:decision>/", admin.decide, name="employers-admin-decide"),
        path("employers/<int:pk>/licence/", admin.licence, name="employers-admin-licence"),
    ]
