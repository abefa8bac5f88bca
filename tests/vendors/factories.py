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
