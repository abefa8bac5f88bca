"""Checkout and review forms: they only check shape; services decide and compute."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from marketplace.limits import REVIEW_TEXT_MAX_LENGTH
from marketplace.rupiah_labels import shipping_choice_label

# Indonesia's 38 provinces; South Kalimantan first, since most orders ship within it.
PROVINCES = [
    "Kalimantan Selatan",
    "Aceh",
    "Sumatera Utara",
    "Sumatera Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    "DKI Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Gorontalo",
    "Sulawesi Tengah",
    "Sulawesi Barat",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
]

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

    ADDRESS_FIELDS = ("address_line", "province", "city", "district", "postal_code")

    def __init__(self, *args, groups=(), needs_address: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_address:
            # A cart of experiences only: nothing is shipped, so no address is asked.
            for name in self.ADDRESS_FIELDS:
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
