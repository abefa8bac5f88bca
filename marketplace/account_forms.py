"""Forms of the shopper's account pages and the saved-address choice at checkout.
They check shape only; ``marketplace.services.accounts`` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import PROVINCES
from marketplace.forms import CheckoutForm
from marketplace.models import ShopperAddress
from marketplace.models.accounts import phone_validator

NEW_ADDRESS = "new"


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone / WhatsApp"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class AddressForm(forms.ModelForm):
    province = forms.ChoiceField(
        label=_("Province"), choices=[(p, p) for p in PROVINCES]
    )
    make_default = forms.BooleanField(
        label=_("Use as my default address"), required=False
    )

    class Meta:
        model = ShopperAddress
        fields = [
            "label",
            "recipient_name",
            "phone",
            "address_line",
            "province",
            "city",
            "district",
            "village",
            "postal_code",
        ]
        widgets = {
            "label": forms.TextInput(attrs={"placeholder": _("Home, office…")}),
            "recipient_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "address_line": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "district": forms.TextInput(attrs={"autocomplete": "address-level3"}),
            "village": forms.TextInput(attrs={"autocomplete": "address-level4"}),
            "postal_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
        }


# The typed address fields a saved address replaces.
_ADDRESS_FIELDS = (
    "full_name",
    "phone",
    "address_line",
    "province",
    "city",
    "district",
    "postal_code",
)


class CheckoutWithAddressesForm(CheckoutForm):
    """Checkout for a shopper with saved addresses: pick one, or choose "a new
    address" and type it as a guest does. The chosen address fills the same cleaned
    fields the typed one would, so the checkout service sees no difference."""

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.addresses = {str(a.pk): a for a in addresses}
        default = next((a for a in addresses if a.is_default), None)
        choices = [
            (
                str(a.pk),
                f"{a} — {a.address_line}, {a.village}, {a.city} {a.postal_code}",
            )
            for a in addresses
        ]
        choices.append((NEW_ADDRESS, _("A new address (type it below)")))
        self.fields["saved_address"] = forms.ChoiceField(
            label=_("Deliver to"),
            choices=choices,
            initial=str(default.pk) if default else NEW_ADDRESS,
            widget=forms.RadioSelect,
        )
        self.order_fields(["saved_address", "email"])
        if self.data.get(self.add_prefix("saved_address"), NEW_ADDRESS) != NEW_ADDRESS:
            for name in _ADDRESS_FIELDS:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        address = self.addresses.get(cleaned.get("saved_address") or "")
        if address is None:
            return cleaned
        # Typed values (possibly half-filled or invalid) give way to the saved address.
        for name in _ADDRESS_FIELDS:
            self.errors.pop(name, None)
        cleaned.update(
            full_name=address.recipient_name,
            phone=address.phone,
            address_line=address.street_with_village,
            province=address.province,
            city=address.city,
            district=address.district,
            postal_code=address.postal_code,
        )
        return cleaned
