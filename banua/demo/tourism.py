"""Demo stories and an itinerary, in Indonesian and English, with editors' pins.

Runs after destinations, events, vendors and products exist (see DemoSeeder.run).
"""

import datetime as dt

from marketplace.models import Product
from tourism.models import (
    HomePage,
    ItineraryPage,
    StoryIndexPage,
    StoryPage,
)
from vendors.models import Vendor

STORIES = [
    {
        "slug": "gebrak-pariwisata",
        "date": dt.date(2026, 6, 1),
        "author": "Dinas Pariwisata Kalimantan Selatan",
        "pin_vendors": ["sasirangan-galuh-banjar", "anyaman-purun-lok-baintan"],
        "id": {
            "title": "Gebrak Pariwisata: memviralkan Banua bersama-sama",
            "summary": "Gerakan Bersama Memviralkan Pariwisata mengajak warga, kreator dan UMKM mempromosikan destinasi dan produk lokal Kalimantan Selatan.",
            "body": [
                "Gebrak Pariwisata lahir dari program Smart Branding: setiap warga bisa menjadi duta wisata. Unggah foto pasar terapung, kain sasirangan atau puncak Matang Kaladan, tandai lokasinya, dan ceritakan siapa pembuatnya.",
                "Setiap bulan kami memilih konten terbaik dan menampilkannya di situs ini, berdampingan dengan toko perajin yang Anda kunjungi.",
                "Puncaknya adalah pekan Gebrak Pariwisata di Martapura setiap Juni: tur destinasi, lomba konten dan pameran UMKM.",
            ],
        },
        "en": {
            "title": "Gebrak Pariwisata: making Banua go viral, together",
            "summary": "The 'Go Viral Together for Tourism' movement invites residents, creators and small businesses to promote South Kalimantan's destinations and local products.",
            "body": [
                "Gebrak Pariwisata grew out of the Smart Branding programme: every resident can be a tourism ambassador. Post a photo of the floating market, a sasirangan cloth or the top of Matang Kaladan, tag the place, and tell us who made it.",
                "Each month we pick the best posts and show them on this site, next to the shops of the makers you visited.",
                "The high point is the Gebrak Pariwisata week in Martapura every June: destination tours, content contests and a fair of small businesses.",
            ],
        },
    },
    {
        "slug": "kain-yang-bercerita",
        "slug_en": "the-cloth-that-tells-stories",
        "date": dt.date(2026, 9, 10),
        "author": "Redaksi Banua",
        "pin_products": 3,
        "id": {
            "title": "Sasirangan, kain yang bercerita",
            "summary": "Dari Kampung Melayu, perajin sasirangan menjelaskan arti motif gigi haruan, kulat kurikit dan ombak sinapur karang.",
            "body": [
                "Sasirangan dibuat dengan menjelujur kain lalu menarik benangnya erat sebelum dicelup, sehingga pola tetap terang di tempat jahitan.",
                "Setiap motif punya makna. Gigi haruan melambangkan ketajaman pikiran, ombak sinapur karang melambangkan keteguhan menghadapi cobaan.",
            ],
        },
        "en": {
            "title": "Sasirangan, the cloth that tells stories",
            "summary": "In Kampung Melayu, sasirangan makers explain the meaning of the gigi haruan, kulat kurikit and ombak sinapur karang motifs.",
            "body": [
                "Sasirangan is made by running stitches through the cloth and pulling the thread tight before dyeing, so the pattern stays light where it was sewn.",
                "Every motif carries a meaning. Gigi haruan (fish teeth) stands for a sharp mind; ombak sinapur karang (waves on the reef) for steadfastness in hard times.",
            ],
        },
    },
]

ITINERARY = {
    "slug": "tiga-hari-di-banua",
    "id": {
        "title": "Tiga hari di Banua",
        "summary": "Pasar terapung saat subuh, kampung sasirangan, intan Martapura dan pulau-pulau Riam Kanan dalam tiga hari.",
        "days": [
            (
                "Banjarmasin, kota seribu sungai",
                "Bangun sebelum subuh untuk pasar terapung, lalu berjalan di siring.",
                [
                    (
                        "pasar-terapung-lok-baintan",
                        "05.30",
                        "Naik klotok dari dermaga Siring.",
                    ),
                    (
                        "siring-sungai-martapura",
                        "09.30",
                        "Sarapan soto Banjar di tepi sungai.",
                    ),
                    ("kampung-sasirangan", "14.00", "Ikut kelas mencelup kain."),
                ],
            ),
            (
                "Martapura dan Cempaka",
                "Kota intan dan pendulangan tradisional.",
                [
                    (
                        "pasar-intan-martapura",
                        "09.00",
                        "Minta sertifikat untuk batu mulia.",
                    ),
                    (
                        "pendulangan-intan-cempaka",
                        "13.00",
                        "Gunakan alas kaki tertutup.",
                    ),
                ],
            ),
            (
                "Riam Kanan",
                "Matahari terbit di atas kabut dan perahu ke pulau-pulau.",
                [
                    ("bukit-matang-kaladan", "04.30", "Bawa senter untuk pendakian."),
                    ("waduk-riam-kanan", "09.00", "Makan siang ikan bakar di dermaga."),
                ],
            ),
        ],
    },
    "en": {
        "title": "Three days in Banua",
        "summary": "The floating market at dawn, the sasirangan village, Martapura's diamonds and the islands of Riam Kanan in three days.",
        "days": [
            (
                "Banjarmasin, city of a thousand rivers",
                "Rise before dawn for the floating market, then walk the riverside.",
                [
                    (
                        "pasar-terapung-lok-baintan",
                        "5:30",
                        "Take a klotok boat from the Siring pier.",
                    ),
                    (
                        "siring-sungai-martapura",
                        "9:30",
                        "Breakfast on soto Banjar by the river.",
                    ),
                    ("kampung-sasirangan", "14:00", "Join a dyeing class."),
                ],
            ),
            (
                "Martapura and Cempaka",
                "The diamond town and the traditional diggings.",
                [
                    (
                        "pasar-intan-martapura",
                        "9:00",
                        "Ask for a certificate for precious stones.",
                    ),
                    ("pendulangan-intan-cempaka", "13:00", "Wear closed shoes."),
                ],
            ),
            (
                "Riam Kanan",
                "Sunrise over the mist and boats to the islands.",
                [
                    ("bukit-matang-kaladan", "4:30", "Bring a torch for the climb."),
                    ("waduk-riam-kanan", "9:00", "Grilled-fish lunch at the pier."),
                ],
            ),
        ],
    },
}


def _body(paragraphs):
    return [("paragraph", f"<p>{paragraph}</p>") for paragraph in paragraphs]


def _days(seeder, days):
    return [
        (
            "day",
            {
                "title": title,
                "description": description,
                "stops": [
                    {
                        "destination": seeder.destination_pages.get(slug),
                        "name": "",
                        "time": time,
                        "note": note,
                    }
                    for slug, time, note in stops
                ],
            },
        )
        for title, description, stops in days
    ]


def seed_tourism(seeder) -> None:
    """Stories index, two stories and an itinerary in both languages; idempotent."""
    home = HomePage.objects.filter(locale=seeder.locale_id).first()
    if home is None:
        return
    index = seeder.child_page(
        home,
        StoryIndexPage,
        "cerita",
        title="Cerita",
        show_in_menus=True,
        intro="Kampanye, kisah perajin dan rencana perjalanan dari seluruh Banua.",
        search_description="Kampanye wisata, kisah perajin dan rencana perjalanan di Kalimantan Selatan.",
    )
    seeder.translation(
        index,
        title="Stories",
        slug="stories",
        intro="Campaigns, makers' stories and travel plans from all over Banua.",
        search_description="Tourism campaigns, makers' stories and itineraries in South Kalimantan.",
    )
    for item in STORIES:
        pins = {}
        vendor_slugs = item.get("pin_vendors", [])
        if vendor_slugs:
            vendors = Vendor.objects.filter(slug__in=vendor_slugs).order_by("name")
            pins["pins"] = [("vendor", vendor) for vendor in vendors]
        if item.get("pin_products"):
            products = Product.objects.filter(is_featured=True)[: item["pin_products"]]
            pins["pins"] = [("product", product) for product in products]
        texts = item["id"]
        story = seeder.child_page(
            index,
            StoryPage,
            item["slug"],
            title=texts["title"],
            summary=texts["summary"],
            search_description=texts["summary"],
            date=item["date"],
            author=item["author"],
            hero_image=seeder.image(texts["title"]),
            body=_body(texts["body"]),
            **pins,
        )
        texts = item["en"]
        seeder.translation(
            story,
            slug=item.get("slug_en", item["slug"]),
            title=texts["title"],
            summary=texts["summary"],
            search_description=texts["summary"],
            body=_body(texts["body"]),
        )
    texts = ITINERARY["id"]
    itinerary = seeder.child_page(
        index,
        ItineraryPage,
        ITINERARY["slug"],
        title=texts["title"],
        summary=texts["summary"],
        search_description=texts["summary"],
        hero_image=seeder.image(texts["title"]),
        days=_days(seeder, texts["days"]),
    )
    texts = ITINERARY["en"]
    seeder.translation(
        itinerary,
        title=texts["title"],
        slug="three-days-in-banua",
        summary=texts["summary"],
        search_description=texts["summary"],
        days=_days(seeder, texts["days"]),
    )
