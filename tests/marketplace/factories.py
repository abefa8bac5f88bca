import factory
from django.utils import timezone

from marketplace.models import Category, Product, ProductImage, ProductStatus, ProductVariant
from tests.images import make_image
from tests.vendors.factories import VendorFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = "Kain Sasirangan"
    name_en = "Sasirangan cloth"
    slug = "kain-sasirangan"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Kain Sasirangan Motif {n}")
    slug = factory.Sequence(lambda n: f"kain-sasirangan-motif-{n}")
    description = "Kain katun dua meter, dicelup tangan."
    status = ProductStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    colour = "Merah"
    price = 150000
    stock = 5


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.LazyFunction(make_image)
    alt_text = "Kain sasirangan merah"
