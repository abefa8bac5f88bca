"""The office's "Moderate" screen, shared by the apps whose rows the office moderates
(shops in vendors, products in marketplace): a reason and one button per decision
the row allows; the owning app's service does the rest (checks, audit, e-mails).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView as SnippetEditView


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the vendor)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ModerateView(WagtailAdminTemplateMixin, FormView):
    """A reason and one button per allowed decision; the service does the rest.

    Subclasses set ``model`` and ``viewset_name`` and define ``describe()`` (the
    current status and reason), ``actions()`` ((value, label) pairs) and
    ``decide(decision, reason)``, which calls the owning app's service.
    """

    template_name = "core/admin/moderate.html"
    form_class = ModerationReasonForm
    header_icon = "warning"
    model = None
    viewset_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Moderate “%(name)s”") % {"name": self.object}

    def back_url(self):
        return reverse(
            f"wagtailsnippets_{self.viewset_name}:edit", args=[self.object.pk]
        )

    def describe(self) -> dict:
        raise NotImplementedError

    def actions(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def decide(self, decision: str, reason: str) -> None:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.describe())
        context.update(
            actions=self.actions(), back_url=self.back_url(), object=self.object
        )
        return context

    def form_valid(self, form):
        decision = self.request.POST.get("decision")
        allowed = dict(self.actions())
        if decision not in allowed:
            form.add_error(None, _("Choose one of the buttons."))
            return self.form_invalid(form)
        try:
            self.decide(decision, form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Done: %(action)s.") % {"action": allowed[decision]}
        )
        return redirect(self.back_url())


class ModerateButtonEditView(SnippetEditView):
    """The edit view with a "Moderate" button in its header, next to Delete/History."""

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Moderate"),
                url=reverse(
                    self.edit_url_name.replace(":edit", ":moderate"),
                    args=[self.object.pk],
                ),
                icon_name="warning",
                priority=5,
            )
        )
        return buttons
