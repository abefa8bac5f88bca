import factory
from django.contrib.auth import get_user_model

from vendors.models import Vendor, VendorStatus


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Toko Sasirangan {n}")
    slug = factory.Sequence(lambda n: f"toko-sasirangan-{n}")
    owner_name = "Siti Aisyah"
    whatsapp = "6281251000101"
    address = "Jl. Seberang Masjid, Banjarmasin"
    region = "banjarmasin"
    category = "sasirangan"
    status = VendorStatus.APPROVED


class BankAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "vendors.BankAccount"

    vendor = factory.SubFactory(VendorFactory)
    bank = "bca"
    account_number = "1234567890"
    holder_name = "Siti Aisyah"


def office_user(**kwargs):
    """A tourism-office member allowed to decide on shops and products (not a
    superuser)."""
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["vendors", "marketplace"],
            codename__in=[
                "change_vendor",
                "change_product",
                "view_vendor",
                "view_product",
            ],
        ),
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )
    return type(user).objects.get(pk=user.pk)  # fresh object: no stale permission cache
