"""Demo content for shoppers: the footer's standard pages (contact, about, terms,
privacy, returns) in both languages, and English texts for some products and shops.
Some products are left without English on purpose, so /en/ shows the Indonesian
text marked as such. Idempotent, like the rest of the seed."""

from marketplace.models import Product, ProductVariant
from tourism.models import HomePage, StandardPage
from vendors.models import Vendor

STANDARD_PAGES = [
    {
        "slug": "kontak",
        "slug_en": "contact",
        "id": (
            "Kontak",
            "Hubungi tim Banua di Dinas Pariwisata Kalimantan Selatan.",
            [
                "Surel: halo@banua.example · WhatsApp: +62 811-5000-100 (Senin–Jumat, 08.00–16.00 WITA).",
                "Alamat: Jl. Jenderal Sudirman No. 14, Banjarmasin 70114.",
                "Untuk pertanyaan tentang pesanan, sebutkan nomor pesanan Anda. Untuk pertanyaan tentang produk, hubungi tokonya langsung lewat tombol WhatsApp di halaman produk.",
            ],
        ),
        "en": (
            "Contact",
            "Reach the Banua team at the South Kalimantan tourism office.",
            [
                "E-mail: halo@banua.example · WhatsApp: +62 811-5000-100 (Monday to Friday, 8:00–16:00 WITA).",
                "Address: Jl. Jenderal Sudirman No. 14, Banjarmasin 70114.",
                "About an order, give its number. About a product, ask the shop directly with the WhatsApp button on the product page.",
            ],
        ),
    },
    {
        "slug": "tentang",
        "slug_en": "about",
        "id": (
            "Tentang Banua",
            "Banua mempromosikan wisata dan produk lokal Kalimantan Selatan.",
            [
                "Banua dikelola Dinas Pariwisata Kalimantan Selatan bersama para perajin dan pelaku UMKM.",
                "Setiap toko diperiksa dinas sebelum boleh berjualan, dan setiap produk mencatat siapa pembuatnya, di mana dan bagaimana.",
            ],
        ),
        "en": (
            "About Banua",
            "Banua promotes the tourism and local products of South Kalimantan.",
            [
                "Banua is run by the South Kalimantan tourism office with the region's makers and small businesses.",
                "Every shop is checked by the office before it may sell, and every product records who made it, where and how.",
            ],
        ),
    },
    {
        "slug": "syarat-ketentuan",
        "slug_en": "terms",
        "id": (
            "Syarat dan Ketentuan",
            "Aturan memakai Banua dan berbelanja di dalamnya.",
            [
                "Setiap pesanan dibagi per toko; masing-masing toko mengirim paketnya sendiri.",
                "Harga dalam rupiah dan sudah termasuk pajak bila berlaku; ongkos kirim ditampilkan sebelum Anda membayar.",
            ],
        ),
        "en": (
            "Terms and Conditions",
            "The rules for using Banua and buying on it.",
            [
                "Each order is split by shop; every shop sends its own parcel.",
                "Prices are in rupiah and include tax where it applies; shipping is shown before you pay.",
            ],
        ),
    },
    {
        "slug": "privasi",
        "slug_en": "privacy",
        "id": (
            "Kebijakan Privasi",
            "Data apa yang kami simpan dan untuk apa.",
            [
                "Kami menyimpan nama, surel, nomor telepon dan alamat pengiriman Anda hanya untuk memproses pesanan dan mengabari Anda.",
                "Toko hanya melihat data yang diperlukan untuk mengirim pesanannya. Anda dapat menghapus alamat tersimpan kapan saja di halaman akun.",
            ],
        ),
        "en": (
            "Privacy Policy",
            "What we keep about you and why.",
            [
                "We keep your name, e-mail, phone number and delivery address only to process your orders and keep you informed.",
                "Shops see only what they need to send their part of your order. You can delete saved addresses at any time on your account page.",
            ],
        ),
    },
    {
        "slug": "pengembalian",
        "slug_en": "returns",
        "id": (
            "Kebijakan Pengembalian",
            "Barang rusak atau tidak sesuai? Begini caranya.",
            [
                "Laporkan dalam 3 hari setelah paket diterima, dengan foto barang dan kemasannya, lewat halaman Kontak.",
                "Dana dikembalikan ke metode pembayaran semula setelah toko dan dinas memeriksa laporan. Makanan yang sudah dibuka tidak dapat dikembalikan.",
            ],
        ),
        "en": (
            "Returns Policy",
            "Damaged or not as described? Here is what to do.",
            [
                "Tell us within 3 days of receiving the parcel, with photos of the item and its packaging, through the Contact page.",
                "The money goes back to the original payment method once the shop and the office have checked the report. Opened food cannot be returned.",
            ],
        ),
    },
]

# English for the motif meanings of the seeded sasirangan (by motif name).
MOTIF_MEANINGS_EN = {
    "Kambang Kacang": "Long-bean flowers: a symbol of closeness and kinship.",
    "Gigi Haruan": "Snakehead fish teeth: a symbol of a sharp mind.",
    "Bayam Raja": "Royal spinach leaves: a symbol of nobility and honour.",
    "Naga Balimbur": "A bathing dragon: a symbol of strength and prosperity.",
    "Ombak Sinapur Karang": "Waves breaking on the reef: a symbol of life's struggle.",
}
COLOURS_EN = {"Merah": "Red", "Biru": "Blue", "Hijau": "Green"}


def _body(paragraphs):
    return [("paragraph", f"<p>{paragraph}</p>") for paragraph in paragraphs]


def seed_standard_pages(seeder) -> None:
    home = HomePage.objects.filter(locale=seeder.locale_id).first()
    if home is None:
        return
    for item in STANDARD_PAGES:
        title, intro, body = item["id"]
        page = seeder.child_page(
            home,
            StandardPage,
            item["slug"],
            title=title,
            intro=intro,
            search_description=intro,
            body=_body(body),
        )
        title, intro, body = item["en"]
        seeder.translation(
            page,
            slug=item["slug_en"],
            title=title,
            intro=intro,
            search_description=intro,
            body=_body(body),
        )


def seed_english_texts(seeder) -> None:
    """English for the sasirangan cloths with a translated motif meaning (the others
    stay Indonesian-only), their variants, and the first shops' stories."""
    for motif, meaning in MOTIF_MEANINGS_EN.items():
        product = Product.objects.filter(
            name=f"Kain Sasirangan Motif {motif}", name_en=""
        ).first()
        if product is None:
            continue
        product.name_en = f"Sasirangan cloth, {motif} motif"
        product.description_en = (
            f"Two metres of primissima cotton with the {motif} motif, "
            f"stitched and dyed by hand. {meaning}"
        )
        product.motif_meaning_en = meaning
        product.save(update_fields=["name_en", "description_en", "motif_meaning_en"])
        for variant in ProductVariant.objects.filter(product=product, label_en=""):
            colour = COLOURS_EN.get(variant.colour, variant.colour)
            variant.label_en = " / ".join(p for p in (variant.size, colour) if p)
            variant.save(update_fields=["label_en"])
        seeder.report.count("english texts", True)
    stories = {
        "sasirangan-galuh-banjar": (
            "A family workshop in Banjarmasin that has stitched and dyed sasirangan "
            "for three generations, with natural dyes from ulin wood and turmeric."
        ),
    }
    for slug, story in stories.items():
        Vendor.objects.filter(slug=slug, story_en="").update(story_en=story)
