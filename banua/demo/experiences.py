"""Demo experiences: workshops and tours of the seeded shops, with weekly sessions over
the next 60 days, made through the marketplace's services. Running it again adds only
what is missing (an experience by name, a session by start time)."""

import datetime as dt

from django.utils import timezone

from marketplace import services
from marketplace.models import Category, Experience, Product, ProductImage
from vendors.models import Vendor

CATEGORY = ("pengalaman", "Pengalaman & Kelas", "Experiences & classes")
WEEKS = 8  # eight weekly sessions reach about 60 days ahead

EXPERIENCES = [
    {
        "vendor": "sasirangan-galuh-banjar",
        "meeting_point": "kampung-sasirangan",
        "name": "Kelas Mencelup Sasirangan di Kampung Sasirangan",
        "description": (
            "Tiga jam di bengkel Galuh Banjar: menjelujur motif, mengikat dan "
            "mencelup kain dua meter yang Anda bawa pulang."
        ),
        "meeting_note": "Galeri Galuh Banjar, Jl. Seberang Masjid",
        "languages": "Indonesia, English",
        "included": "Kain katun 2 m, pewarna, teh dan wadai",
        "duration": 180,
        "price": 250_000,
        "child_price": 150_000,
        "sessions": [(5, dt.time(8, 0), 12), (2, dt.time(14, 0), 8)],
    },
    {
        "vendor": "anyaman-purun-lok-baintan",
        "meeting_point": "pasar-terapung-lok-baintan",
        "name": "Tur Klotok Subuh ke Pasar Terapung Lok Baintan",
        "description": (
            "Berangkat sebelum subuh dengan klotok dari Siring Menara Pandang, "
            "sarapan di atas sungai di tengah jukung para acil."
        ),
        "meeting_note": "Dermaga Siring Menara Pandang, Banjarmasin",
        "languages": "Indonesia, Banjar, English",
        "included": "Klotok, pemandu, pelampung, sarapan soto",
        "duration": 240,
        "price": 175_000,
        "child_price": 100_000,
        "sessions": [(6, dt.time(5, 0), 20), (5, dt.time(5, 0), 20)],
    },
    {
        "vendor": "anyaman-purun-lok-baintan",
        "meeting_point": "pasar-terapung-lok-baintan",
        "name": "Belajar Menganyam Purun bersama Perajin Lok Baintan",
        "description": "Dua jam menganyam tas kecil dari purun bersama perajin desa.",
        "meeting_note": "Rumah perajin, 200 m dari dermaga desa",
        "languages": "Indonesia, Banjar",
        "included": "Bahan purun, tas buatan sendiri",
        "duration": 120,
        "price": 120_000,
        "child_price": None,
        "sessions": [(6, dt.time(9, 0), 10)],
    },
    {
        "vendor": "wadai-hj-aluh",
        "meeting_point": "siring-sungai-martapura",
        "name": "Kelas Memasak Wadai Banjar",
        "description": "Membuat bingka dan amparan tatak, lalu mencicipinya bersama.",
        "meeting_note": "Dapur Hj. Aluh, dekat Siring Sungai Martapura",
        "languages": "Indonesia",
        "included": "Bahan, celemek, resep tertulis",
        "duration": 150,
        "price": 150_000,
        "child_price": 90_000,
        "sessions": [(3, dt.time(15, 0), 8), (5, dt.time(10, 0), 8)],
    },
]


def seed_experiences(seeder) -> None:
    slug, name, name_en = CATEGORY
    category, created = Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": 90}
    )
    seeder.report.count("categories", created)
    pages = getattr(seeder, "destination_pages", {})
    first_day = timezone.localdate() + dt.timedelta(days=1)
    for item in EXPERIENCES:
        vendor = Vendor.objects.filter(slug=item["vendor"]).first()
        if vendor is None:
            continue
        product = Product.objects.filter(vendor=vendor, name=item["name"]).first()
        if product is None:
            meeting_point = pages.get(item["meeting_point"])
            product = services.experience_create(
                vendor=vendor,
                data=services.ExperienceData(
                    name=item["name"],
                    description=item["description"],
                    category_id=category.pk,
                    duration_minutes=item["duration"],
                    price=item["price"],
                    child_price=item["child_price"],
                    meeting_point_id=meeting_point.pk if meeting_point else None,
                    meeting_note=item["meeting_note"],
                    languages=item["languages"],
                    included=item["included"],
                ),
                publish=True,
            )
            ProductImage.objects.create(
                product=product,
                image=seeder.image(item["name"], (800, 800)),
                alt_text=item["name"],
            )
            seeder.report.count("experiences", True)
        experience = Experience.objects.get(product=product)
        for weekday, at, capacity in item["sessions"]:
            made = services.sessions_create_weekly(
                experience=experience,
                first_day=first_day,
                weekday=weekday,
                at=at,
                weeks=WEEKS,
                capacity=capacity,
            )
            for _session in made:
                seeder.report.count("sessions", True)
