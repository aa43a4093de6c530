from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password/reset/verify/", views.PasswordResetVerifyView.as_view(), name="password-reset-verify"),
    path("password/reset/new/", views.PasswordResetSetView.as_view(), name="password-reset-set"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path("two-factor/", views.TwoFactorView.as_view(), name="two-factor"),
]
