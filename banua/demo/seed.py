"""Builds the demo site. Every step creates what is missing and leaves what exists alone,
so running the seed twice changes nothing."""

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from banua.demo import catalogue, destinations
from banua.demo.experiences import seed_experiences
from banua.demo.images import draw_demo_image
from banua.demo.orders import seed_orders
from banua.demo.search import seed_search
from banua.demo.shoppers import seed_english_texts, seed_standard_pages
from banua.demo.stalls import seed_stalls
from banua.demo.tourism import seed_tourism
from banua.demo.vendors import seed_vendors
from marketplace.models import (
    Category,
    Product,
    ProductImage,
    ProductStatus,
    ProductVariant,
)
from tourism.models import (
    DestinationIndexPage,
    DestinationPage,
    EventIndexPage,
    EventPage,
    HomePage,
)
from tourism.opening_hours import parse_legacy
from vendors.models import Vendor, VendorStatus

DEMO_PASSWORD = "banua-demo-2026"  # noqa: S105 - printed and usable only when DEBUG is on

ROLE_USERS = [
    # username, role shown to the developer, group, staff, superuser
    ("admin", "tourism office administrator", None, True, True),
    (
        "editor",
        "tourism editor (drafts, submits for moderation)",
        "Editors",
        False,
        False,
    ),
    ("moderator", "moderator (approves and publishes)", "Moderators", False, False),
    ("penjual", "vendor (Sasirangan Galuh Banjar)", None, False, False),
    ("pembeli", "shopper", None, False, False),
]


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1


class DemoSeeder:
    def __init__(self):
        self.report = SeedReport()
        self.locale_id, _ = Locale.objects.get_or_create(language_code="id")
        self.locale_en, created = Locale.objects.get_or_create(language_code="en")
        self.report.count("locales", created)
        self.collection = self._collection()

    # --- helpers ---------------------------------------------------------------------------
    def _collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name="Demo").first()
        if existing:
            return existing
        self.report.count("collections", True)
        return root.add_child(name="Demo")

    def image(self, title: str, size=(1200, 800), subject: str | None = None):
        Image = get_image_model()
        existing = Image.objects.filter(title=title, collection=self.collection).first()
        if existing:
            return existing
        data = draw_demo_image(title, size, subject=subject)
        image = Image(title=title, collection=self.collection)
        image.file = ImageFile(_bytes_file(data), name=f"{slugify(title)}.jpg")
        image.save()
        self.report.count("images", True)
        return image

    def child_page(self, parent, model, slug: str, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.count(model.__name__, True)
        return page

    def translation(self, page, **fields):
        """The English translation of a page, created (copied, then translated) if missing."""
        existing = page.get_translation_or_none(self.locale_en)
        if existing:
            return existing.specific
        translated = page.copy_for_translation(self.locale_en)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
        self.report.count("translations", True)
        return translated

    # --- steps -----------------------------------------------------------------------------
    def run(self) -> SeedReport:
        home = self.home_pages()
        self.destinations_and_events(home)
        self.users()
        self.vendors_and_products()
        seed_tourism(self)
        seed_vendors(self)
        seed_stalls(self)
        seed_orders(self)
        seed_experiences(self)
        seed_search(self)
        seed_standard_pages(self)
        seed_english_texts(self)
        return self.report

    def home_pages(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.locale_id).first()
        if home is None:
            # Wagtail's own placeholder "Welcome" page is replaced by ours.
            for placeholder in root.get_children().filter(content_type__model="page"):
                if Site.objects.filter(root_page=placeholder).exists():
                    Site.objects.filter(root_page=placeholder).update(root_page=root)
                placeholder.delete()
            home = HomePage(
                title="Banua – Wisata dan Produk Kalimantan Selatan",
                slug="beranda",
                locale=self.locale_id,
                hero_title="Jelajahi Banua, belanja dari perajinnya",
                hero_text="Pasar terapung, kampung sasirangan dan intan Martapura: kunjungi tempatnya, kenali pembuatnya.",
                hero_image=self.image("Sungai Martapura saat fajar", (1200, 600)),
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.report.count("home pages", True)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Banua",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "Banua"
            site.save()
        self.translation(
            home,
            title="Banua – Travel and Local Products of South Kalimantan",
            hero_title="Explore Banua, buy from its makers",
            hero_text="Floating markets, the sasirangan village and Martapura's diamonds: visit the places, meet the makers.",
        )
        return home

    def destinations_and_events(self, home):
        dest_index = self.child_page(
            home,
            DestinationIndexPage,
            "destinasi",
            title="Destinasi",
            show_in_menus=True,
            intro="Tempat-tempat terbaik untuk dikunjungi di Kalimantan Selatan.",
        )
        self.translation(
            dest_index,
            title="Destinations",
            slug="destinations",
            intro="The best places to visit in South Kalimantan.",
        )
        self.destination_pages = {}
        for item in destinations.DESTINATIONS:
            page = self.child_page(
                dest_index,
                DestinationPage,
                item["slug"],
                **self._destination_fields(item, "id"),
            )
            self.translation(page, **self._destination_fields(item, "en"))
            self.destination_pages[item["slug"]] = page
        event_index = self.child_page(
            home,
            EventIndexPage,
            "agenda",
            title="Agenda",
            show_in_menus=True,
            intro="Festival dan acara budaya sepanjang tahun.",
        )
        self.translation(
            event_index,
            title="Events",
            slug="events",
            intro="Festivals and cultural events all year round.",
        )
        for item in destinations.EVENTS:
            start = _next_occurrence(item["month"], item["day"], item["start_hour"])
            common = {
                "start_at": start,
                "end_at": start + dt.timedelta(days=item["days"] - 1, hours=9),
                "is_yearly": True,
                "venue": self.destination_pages[item["venue"]],
                "hero_image": self.image(item["id"]["title"]),
            }
            page = self.child_page(
                event_index,
                EventPage,
                item["slug"],
                **common,
                **self._texts(item, "id"),
            )
            en_venue = self.destination_pages[item["venue"]].get_translation_or_none(
                self.locale_en
            )
            self.translation(page, venue=en_venue, **self._texts(item, "en"))

    def _texts(self, item, lang):
        texts = item[lang]
        return {
            "title": texts["title"],
            "summary": texts["summary"],
            "search_description": texts["summary"],
            "body": [
                ("paragraph", f"<p>{paragraph}</p>") for paragraph in texts["body"]
            ],
        }

    def _gallery(self, item, lang):
        """Three pictures of the place's kind; the alt text carries the words per language."""
        pictures = []
        for number, (subject, words) in enumerate(
            destinations.GALLERY_SUBJECTS[item["category"]], start=1
        ):
            image = self.image(
                f"{item['id']['title']} – {number}", (960, 640), subject=subject
            )
            alt = f"{item[lang]['title']}: {words[lang]}"
            pictures.append(
                ("image", {"image": image, "alt_text": alt, "decorative": False})
            )
        return pictures

    def _destination_fields(self, item, lang):
        texts = item[lang]
        fields = self._texts(item, lang)
        hours, note = parse_legacy(item["opening_hours"], lang)
        fields.update(
            how_to_get_there=texts["how"],
            best_time_to_visit=texts["best"],
            facilities=texts["facilities"],
            opening_hours=note,
            opening_hours_spec=[("hours", row) for row in hours],
            gallery=self._gallery(item, lang),
        )
        if lang == "id":
            fields.update(
                category=item["category"],
                region=item["region"],
                address=item["address"],
                latitude=Decimal(item["lat"]),
                longitude=Decimal(item["lng"]),
                ticket_price=item["ticket_price"],
                hero_image=self.image(texts["title"]),
            )
        return fields

    def users(self):
        User = get_user_model()
        self.users_by_name = {}
        for username, role, group_name, is_staff, is_superuser in ROLE_USERS:
            user = self._user(
                User, username, is_staff=is_staff, is_superuser=is_superuser
            )
            if group_name:
                group = Group.objects.filter(name=group_name).first()
                if group and not user.groups.filter(pk=group.pk).exists():
                    user.groups.add(group)
            self.report.logins.append((username, role))

    def _user(self, User, username, *, is_staff=False, is_superuser=False):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@banua.localhost",
                is_staff=is_staff,
                is_superuser=is_superuser,
            )
            if settings.DEBUG:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
            self.report.count("users", True)
        self.users_by_name[username] = user
        return user

    def vendors_and_products(self):
        User = get_user_model()
        categories = {}
        for order, (slug, name, name_en, parent_slug) in enumerate(
            catalogue.CATEGORIES
        ):
            category, created = Category.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "name_en": name_en,
                    "parent": categories.get(parent_slug),
                    "sort_order": order,
                },
            )
            self.report.count("categories", created)
            categories[slug] = category
        vendors = {}
        for item in catalogue.VENDORS:
            owner = self.users_by_name.get(item["username"]) or self._user(
                User, item["username"]
            )
            vendor = Vendor.objects.filter(slug=item["slug"]).first()
            if vendor is None:
                vendor = Vendor.objects.create(
                    owner=owner,
                    slug=item["slug"],
                    name=item["name"],
                    owner_name=item["owner_name"],
                    whatsapp=item["whatsapp"],
                    address=item["address"],
                    region=item["region"],
                    craft_village=item["craft_village"],
                    destination=self.destination_pages[item["destination"]],
                    category=item["category"],
                    story=item["story"],
                    latitude=Decimal(item["lat"]),
                    longitude=Decimal(item["lng"]),
                    logo=self.image(f"Logo {item['name']}", (256, 256)),
                    banner=self.image(f"Toko {item['name']}", (1200, 400)),
                    status=VendorStatus.APPROVED,
                    approved_at=timezone.now(),
                )
                self.report.count("vendors", True)
            vendors[item["slug"]] = vendor
        for number, item in enumerate(catalogue.build_products(), start=1):
            self._product(
                number, item, vendors[item["vendor"]], categories[item["category"]]
            )

    def _product(self, number, item, vendor, category):
        slug = slugify(item["name"])
        if Product.objects.filter(slug=slug).exists():
            return
        product = Product.objects.create(
            vendor=vendor,
            category=category,
            name=item["name"],
            slug=slug,
            description=item["description"],
            status=ProductStatus.PUBLISHED,
            maker_name=vendor.owner_name,
            village=vendor.craft_village,
            technique=item.get("technique", ""),
            dye=item.get("dye", ""),
            motif_name=item.get("motif_name", ""),
            motif_meaning=item.get("motif_meaning", ""),
            is_featured=item.get("featured", False),
            published_at=timezone.now() - dt.timedelta(days=number),
        )
        product.tags.set(item.get("tags", []))
        photos = 2 if item.get("featured") else 1
        for index in range(photos):
            title = item["name"] if index == 0 else f"{item['name']} (detail)"
            ProductImage.objects.create(
                product=product,
                image=self.image(title, (800, 800)),
                alt_text=title,
                sort_order=index,
            )
        prefix = "".join(word[0] for word in vendor.slug.split("-")[:3]).upper()
        ProductVariant.objects.bulk_create(
            ProductVariant(
                product=product,
                sku=f"{prefix}-{number:03d}-{index + 1:02d}",
                motif=variant.get("motif", ""),
                size=variant.get("size", ""),
                colour=variant.get("colour", ""),
                price=variant["price"],
                stock=variant["stock"],
                weight_grams=variant.get("weight", 250),
                sort_order=index,
            )
            for index, variant in enumerate(item["variants"])
        )
        self.report.count("products", True)


def _bytes_file(data: bytes):
    return io.BytesIO(data)


def _next_occurrence(month: int, day: int, hour: int) -> dt.datetime:
    """The next start of a yearly event, in WITA."""
    now = timezone.localtime()
    candidate = timezone.make_aware(dt.datetime(now.year, month, day, hour))
    if candidate < now:
        candidate = timezone.make_aware(dt.datetime(now.year + 1, month, day, hour))
    return candidate
