"""Log-in, log-out and password reset are Django's own views with our templates;
sign-up and activation are ours.

Failed log-ins are counted and locked out by the site's log-in protection (django-axes
hooked into ``authenticate``), so the log-in view itself carries no throttling.
"""

from django.contrib import messages
from django.contrib.auth import get_backends, get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from vendors import selectors, services
from vendors.forms import AccountPasswordResetForm, LoginForm, SignupForm
from vendors.tokens import account_activation_token


class LoginView(auth_views.LoginView):
    """Back to the page the visitor came from (``next``, checked by Django to be on
    this site); without one, a seller goes to the dashboard and a shopper to the
    account page, never to the shop application form."""

    template_name = "vendors/auth/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        if self.next_page:
            return super().get_default_redirect_url()
        if selectors.vendor_get_for_user(user=self.request.user) is not None:
            return resolve_url("vendors:dashboard")
        return resolve_url("marketplace:account")


class LogoutView(auth_views.LogoutView):
    pass


@sensitive_post_parameters("password1", "password2")
def signup(request):
    """The same answer ("check your e-mail") whether the address is new or known."""
    if request.user.is_authenticated:
        return redirect("marketplace:account")
    form = SignupForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            language=translation.get_language() or "id",
        )
        return redirect("vendors:signup_done")
    return render(request, "vendors/auth/signup.html", {"form": form})


def signup_done(request):
    return render(request, "vendors/auth/signup_done.html")


def _user_from_uid(uidb64: str):
    User = get_user_model()
    try:
        return User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


def _password_backend_path() -> str:
    """The site's password backend (Django's ModelBackend or its subclass), to log in a
    user the link proved; the session keeps this path, so it must be a configured one."""
    backend = next(b for b in get_backends() if isinstance(b, ModelBackend))
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def activate(request, uidb64: str, token: str):
    """The link from the sign-up e-mail. Opening it shows a button; only the POST
    activates, so a mail scanner that opens links does not use the link up."""
    user = _user_from_uid(uidb64)
    valid = user is not None and account_activation_token.check_token(user, token)
    if request.method == "POST" and valid:
        services.user_activate(user=user)
        login(request, user, backend=_password_backend_path())
        # Most accounts are shoppers': the account page, which offers to open a shop.
        messages.success(request, _("Welcome to Banua! Your account is ready."))
        return redirect("marketplace:account")
    return render(
        request,
        "vendors/auth/activate.html",
        {"valid": valid},
        status=200 if valid else 400,
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "vendors/auth/password_reset.html"
    form_class = AccountPasswordResetForm
    success_url = reverse_lazy("vendors:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "vendors/auth/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "vendors/auth/password_reset_confirm.html"
    success_url = reverse_lazy("vendors:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "vendors/auth/password_reset_complete.html"
