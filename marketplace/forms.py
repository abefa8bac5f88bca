"""Checkout and review forms: they only check shape; services decide and compute."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from core.choices import PROVINCES
from marketplace.limits import REVIEW_TEXT_MAX_LENGTH
from marketplace.rupiah_labels import shipping_choice_label
from marketplace.services.checkout import ADDRESS_ONLY_FIELDS, shipping_needs_address

postal_code_validator = RegexValidator(
    r"^[1-9]\d{4}$", _("An Indonesian postal code has 5 digits.")
)


class CheckoutForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(
        label=_("Phone / WhatsApp"),
        max_length=20,
        validators=[
            RegexValidator(r"^\+?\d[\d\s-]{7,18}$", _("Enter a valid phone number."))
        ],
    )
    address_line = forms.CharField(label=_("Street address"), max_length=255)
    province = forms.ChoiceField(
        label=_("Province"), choices=[(p, p) for p in PROVINCES]
    )
    city = forms.CharField(label=_("Regency / city (kabupaten/kota)"), max_length=80)
    district = forms.CharField(label=_("District (kecamatan)"), max_length=80)
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        min_length=5,
        validators=[postal_code_validator],
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
        ),
    )

    def __init__(self, *args, groups=(), cart_ships: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.cart_ships = cart_ships
        if cart_ships:
            # Optional in themselves: an order collected at a pick-up point needs only
            # the contact (see clean()).
            for name in ADDRESS_ONLY_FIELDS:
                self.fields[name].required = False
        else:
            # A cart of experiences only: nothing is shipped, so no address is asked.
            for name in ADDRESS_ONLY_FIELDS:
                del self.fields[name]
        autocomplete = {
            "full_name": "name",
            "email": "email",
            "phone": "tel",
            "address_line": "street-address",
            "city": "address-level2",
            "district": "address-level3",
        }
        for name, value in autocomplete.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = value
        self.shipping_fields = []
        for group in groups:
            if not group.ships:
                continue  # experiences only: the service sets "nothing to ship"
            name = f"shipping_{group.vendor.pk}"
            options = group.shipping_options()
            self.fields[name] = forms.ChoiceField(
                label=_("Shipping from %(shop)s") % {"shop": group.vendor.name},
                choices=[
                    (method, shipping_choice_label(label, cost))
                    for method, label, cost in options
                ],
                initial=options[0][0] if options else None,
                widget=forms.RadioSelect,
            )
            self.shipping_fields.append((group, name))

    def shipping_choices(self) -> dict[int, str]:
        return {
            group.vendor.pk: self.cleaned_data[name]
            for group, name in self.shipping_fields
        }

    def needs_address(self) -> bool:
        """A postal address only when some vendor's parcel travels by courier (none
        for a cart of experiences only)."""
        if not self.cart_ships:
            return False
        chosen = [self.cleaned_data.get(name) for _group, name in self.shipping_fields]
        return shipping_needs_address(chosen) or not self.shipping_fields

    def clean(self):
        cleaned = super().clean()
        # The address fields are optional in themselves: collected at a pick-up
        # point, an order needs only the contact.
        if self.needs_address():
            for name in ADDRESS_ONLY_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, forms.Field.default_error_messages["required"])
        return cleaned


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(n, f"{n} ★") for n in range(5, 0, -1)]
    )
    text = forms.CharField(
        label=_("Your review"),
        max_length=REVIEW_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea,
    )
