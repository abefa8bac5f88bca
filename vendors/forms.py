"""Forms of the sign-up, the application and the dashboard. They validate input only;
the writes happen in vendors.services."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordMixin,
)
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.forms import inlineformset_factory
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.text import sanitise_text
from marketplace.limits import id_or_none
from marketplace.models import Category, Product, ProductStatus, ProductVariant
from notifications.services import email_queue
from vendors import rate_limits
from vendors.models import BankAccount, Vendor
from vendors.photos import photo_validate
from vendors.services.catalogue import (
    MAX_STOCK,
    PRODUCT_FIELDS,
    VariantInput,
    tags_clean,
)
from vendors.services.catalogue_csv import MAX_BYTES

TOO_MANY_ATTEMPTS = _(
    "Too many attempts. For your safety, wait %(minutes)s minutes and try again."
)


def _rate_limit_check(rules) -> None:
    for rule, ident in rules:
        if rate_limits.rate_limit_is_reached(rule=rule, ident=ident):
            raise forms.ValidationError(
                TOO_MANY_ATTEMPTS,
                code="throttled",
                params={"minutes": rule.window // 60},
            )


class LoginForm(AuthenticationForm):
    """Django's log-in form. Failed guesses are counted and locked out by the site's
    log-in protection (django-axes, through ``authenticate``), not here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or user name")


class SignupForm(SetPasswordMixin, forms.Form):
    """E-mail address and password; the e-mail address becomes the user name. The
    password goes through AUTH_PASSWORD_VALIDATORS."""

    # 150: the user name it becomes has room for no more.
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("We send a link to activate your account here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        address = rate_limits.client_address(self.request)
        email = (self.data.get("email") or "").strip()[:254]
        _rate_limit_check(
            (
                (rate_limits.SIGNUP_PER_ADDRESS, address),
                (rate_limits.SIGNUP_PER_EMAIL, email),
            )
        )
        # Every attempt counts, successful or not: sign-ups are what bots mass-produce.
        rate_limits.rate_limit_hit(rule=rate_limits.SIGNUP_PER_ADDRESS, ident=address)
        rate_limits.rate_limit_hit(rule=rate_limits.SIGNUP_PER_EMAIL, ident=email)
        self.validate_passwords()
        cleaned = super().clean()
        email = cleaned.get("email") or ""
        # The validators (similarity to the name and address among them) see the
        # account as it would be created.
        self.validate_password_for_user(
            get_user_model()(username=email.lower(), email=email)
        )
        return cleaned


class AccountPasswordResetForm(PasswordResetForm):
    """Django's reset form (the same answer whether or not the address has an account)
    with a rate limit, and the e-mail in the visitor's language through the outbox, so a
    mail server that is down never turns the request into an error page."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        address = rate_limits.client_address(self.request)
        _rate_limit_check(((rate_limits.PASSWORD_RESET_PER_ADDRESS, address),))
        rate_limits.rate_limit_hit(
            rule=rate_limits.PASSWORD_RESET_PER_ADDRESS, ident=address
        )
        return super().clean()

    def save(self, *args, **kwargs):
        email = self.cleaned_data["email"]
        # Past the limit for one address the page answers as usual but sends nothing,
        # so the form cannot be used to flood someone's inbox.
        if rate_limits.rate_limit_is_reached(
            rule=rate_limits.PASSWORD_RESET_PER_EMAIL, ident=email
        ):
            return
        rate_limits.rate_limit_hit(
            rule=rate_limits.PASSWORD_RESET_PER_EMAIL, ident=email
        )
        super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        email_queue(
            to=to_email,
            template="vendors/password_reset",
            language=translation.get_language() or "id",
            context=context,
        )


def _destination_queryset():
    # The page model through the relation: the tourism app sits above this one.
    destination_model = Vendor._meta.get_field("destination").related_model
    return (
        destination_model.objects.live()
        .filter(locale__language_code="id")
        .order_by("title")
    )


class VendorApplicationForm(forms.ModelForm):
    destination = forms.ModelChoiceField(
        queryset=None,  # set in __init__: the live destination pages
        required=False,
        label=_("Destination or village"),
        help_text=_("The place on Banua your shop belongs to, if any."),
    )

    class Meta:
        model = Vendor
        fields = [
            "name",
            "owner_name",
            "whatsapp",
            "address",
            "region",
            "craft_village",
            "destination",
            "category",
            "story",
            "nib",
        ]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 5}),
            "whatsapp": forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "tel"}
            ),
            "nib": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "story": _("A few sentences about you and your craft. Plain text."),
            "nib": _("Optional: your Nomor Induk Berusaha (13 digits)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = _destination_queryset()

    def clean_whatsapp(self):
        number = "".join(ch for ch in self.cleaned_data["whatsapp"] if ch.isdigit())
        if number.startswith("0"):
            number = "62" + number[1:]
        return number

    def clean_story(self):
        return sanitise_text(self.cleaned_data.get("story"))


class ShopForm(VendorApplicationForm):
    logo = forms.FileField(
        label=_("New logo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    banner = forms.FileField(
        label=_("New banner"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    class Meta(VendorApplicationForm.Meta):
        fields = VendorApplicationForm.Meta.fields + [
            "story_en",
            "holiday_from",
            "holiday_until",
            "holiday_note",
            "low_stock_threshold",
        ]
        widgets = {
            **VendorApplicationForm.Meta.widgets,
            "story_en": forms.Textarea(attrs={"rows": 5}),
            "holiday_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "holiday_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional in the form: a page or client that does not send it keeps the shop's.
        self.fields["low_stock_threshold"].required = False

    def clean_low_stock_threshold(self):
        value = self.cleaned_data.get("low_stock_threshold")
        return self.instance.low_stock_threshold if value is None else value

    def _clean_photo(self, name):
        upload = self.cleaned_data.get(name)
        if upload:
            photo_validate(upload)
        return upload or None

    def clean_logo(self):
        return self._clean_photo("logo")

    def clean_banner(self):
        return self._clean_photo("banner")

    def shop_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input; each is verified on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files if item]
        errors = []
        for upload in cleaned:
            try:
                photo_validate(upload)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id the database cannot hold is an invalid choice.

    Django's field sends the ids to a ``pk__in`` query, which fails on SQLite for a
    number above 2**63 - 1 (Django bounds only exact lookups).
    """

    def _check_values(self, value):
        for pk in value:
            if id_or_none(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ProductForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ProductStatus.DRAFT, ProductStatus.DRAFT.label),
            (ProductStatus.PUBLISHED, ProductStatus.PUBLISHED.label),
        ],
        widget=forms.RadioSelect,
    )
    tags_text = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate with commas, e.g. kain, oleh-oleh."),
    )
    photos = MultiplePhotoField(
        label=_("Add photos"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 8 MB each."),
    )
    remove_photos = IdMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Remove photos"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Product
        fields = list(PRODUCT_FIELDS)  # exactly what product_save accepts
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "motif_meaning": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "motif_meaning_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, vendor, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by(
            "sort_order", "name"
        )
        self.fields["remove_photos"].queryset = (
            self.instance.images.select_related("image")
            if self.instance.pk
            else Product.images.rel.related_model.objects.none()
        )
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(
                tag.name for tag in self.instance.tags.all()
            )
            if self.instance.status == ProductStatus.ARCHIVED:
                self.fields["status"].initial = ProductStatus.DRAFT

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == ProductStatus.PUBLISHED and not self.vendor.can_publish:
            raise forms.ValidationError(
                _(
                    "Only shops approved by the tourism office can publish products. "
                    "Save it as a draft for now."
                )
            )
        return status

    def _post_clean(self):
        # The model's own checks run in the service, with the variants; skip the
        # ModelForm's instance validation here (the instance is not the vendor's yet).
        pass

    def clean_tags_text(self):
        text = self.cleaned_data.get("tags_text", "")
        try:
            tags_clean(text.split(","))
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["tags"]) from None
        return text

    def product_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def tags(self) -> list[str]:
        return [
            tag.strip()
            for tag in self.cleaned_data.get("tags_text", "").split(",")
            if tag.strip()
        ]


class VariantForm(forms.ModelForm):
    class Meta:
        model = ProductVariant
        fields = [
            "sku",
            "motif",
            "size",
            "colour",
            "label_en",
            "price",
            "stock",
            "weight_grams",
            "is_active",
            "low_stock_threshold",
        ]
        widgets = {
            "price": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "low_stock_threshold": forms.NumberInput(
                attrs={"inputmode": "numeric", "min": 0}
            ),
            "stock": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "weight_grams": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields["stock"]
        stock.label = _("Stock on hand")
        stock.max_value = MAX_STOCK
        stock.validators.append(MaxValueValidator(MAX_STOCK))
        # The page carries the on-hand value it showed; the service writes on-hand
        # only when the vendor changed it, so saving a stale page never clobbers
        # stock that payments moved meanwhile.
        stock.show_hidden_initial = True
        if self.instance.pk and self.instance.held:
            stock.help_text = _(
                "%(held)d held by unpaid orders (stock on hand cannot be lower)."
            ) % {"held": self.instance.held}

    def clean_sku(self):
        return self.cleaned_data["sku"].strip().upper()

    def stock_loaded(self) -> int | None:
        """The on-hand value the page showed when the vendor opened it."""
        if not self.instance.pk:
            return None
        if "stock" in self.changed_data:
            return None
        return self.cleaned_data.get("stock")


VariantFormSet = inlineformset_factory(
    Product,
    ProductVariant,
    form=VariantForm,
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=True,
    max_num=50,
)


def variant_inputs(formset) -> list[VariantInput]:
    rows = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        data = form.cleaned_data
        if not data:
            continue
        rows.append(
            VariantInput(
                id=form.instance.pk,
                delete=bool(data.get("DELETE")),
                sku=data.get("sku", ""),
                motif=data.get("motif", ""),
                size=data.get("size", ""),
                colour=data.get("colour", ""),
                label_en=data.get("label_en", ""),
                price=data.get("price") or 0,
                stock=data.get("stock") or 0,
                stock_loaded=form.stock_loaded(),
                weight_grams=data.get("weight_grams") or 250,
                is_active=bool(data.get("is_active")),
                low_stock_threshold=data.get("low_stock_threshold"),
            )
        )
    return rows


class BulkStockForm(forms.Form):
    """One stock field per variant of the vendor's shop."""

    def __init__(self, *args, variants, **kwargs):
        super().__init__(*args, **kwargs)
        self.variants = list(variants)
        for variant in self.variants:
            # show_hidden_initial: the page carries the value it showed, so only
            # the numbers the vendor changed are written (see stocks()).
            self.fields[f"stock_{variant.pk}"] = forms.IntegerField(
                label=str(variant),
                min_value=0,
                max_value=MAX_STOCK,
                initial=variant.stock,
                show_hidden_initial=True,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            )

    def rows(self):
        for variant in self.variants:
            yield variant, self[f"stock_{variant.pk}"]

    def stocks(self) -> dict[int, int]:
        """On-hand values the vendor changed on this page (the others are left as
        they are now, which may differ from what the page showed)."""
        return {
            variant.pk: self.cleaned_data[f"stock_{variant.pk}"]
            for variant in self.variants
            if f"stock_{variant.pk}" in self.changed_data
        }


class BankAccountForm(forms.ModelForm):
    class Meta:
        model = BankAccount
        fields = ["bank", "bank_name_other", "account_number", "holder_name"]
        widgets = {
            "account_number": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}
            )
        }

    def clean_account_number(self):
        # Bank books print it with spaces, dots and dashes; anything else is an error.
        return "".join(
            ch for ch in self.cleaned_data["account_number"] if ch not in " .-"
        )


class ShipForm(forms.Form):
    courier = forms.CharField(label=_("Courier"), max_length=60)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=80)


class CatalogueImportForm(forms.Form):
    """The CSV file of the import; read as UTF-8 (with or without a byte-order mark)."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "The columns of the product export: sku, product_slug, product_name, "
            "category, motif, size, colour, price, stock, weight_grams, is_active."
        ),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 1 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Save the file as CSV UTF-8 and try again.")
            ) from None
