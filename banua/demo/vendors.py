"""Demo data for the vendors area: how shops get paid (bank accounts; Stripe stays "not
started" because the demo moves no money) and one applicant waiting for the office. The
shops themselves, their photos, variants and stock come from
DemoSeeder.vendors_and_products(). Idempotent: only what is missing is created."""

from django.contrib.auth import get_user_model

from vendors.models import BankAccount, Vendor, VendorStatus

BANK_ACCOUNTS = [
    # vendor slug, bank, account number, holder
    ("wadai-hj-aluh", "kalsel", "0012345678", "Hj Aluh Rahmah"),
    ("anyaman-purun-lok-baintan", "bri", "012301000123456", "Mariatul Kiptiah"),
]

APPLICANT = {
    "username": "pelamar",
    "slug": "kerajinan-kayu-ulin-negara",
    "name": "Kerajinan Kayu Ulin Negara",
    "owner_name": "Rusdi",
    "whatsapp": "6281251000199",
    "address": "Desa Sungai Pinang, Daha Selatan",
    "region": "hulu-sungai-selatan",
    "craft_village": "Negara",
    "category": "crafts",
    "story": "Ukiran kayu ulin dan miniatur rumah Banjar, dikerjakan keluarga sejak tiga generasi.",
}


def seed_vendors(seeder) -> None:
    for slug, bank, number, holder in BANK_ACCOUNTS:
        vendor = Vendor.objects.filter(slug=slug).first()
        if vendor is None or BankAccount.objects.filter(vendor=vendor).exists():
            continue
        BankAccount.objects.create(
            vendor=vendor, bank=bank, account_number=number, holder_name=holder
        )
        seeder.report.count("bank accounts", True)

    # An applicant waiting for the tourism office's decision in the admin.
    if not Vendor.objects.filter(slug=APPLICANT["slug"]).exists():
        User = get_user_model()
        owner = seeder.users_by_name.get(APPLICANT["username"]) or seeder._user(
            User, APPLICANT["username"]
        )
        fields = {key: value for key, value in APPLICANT.items() if key != "username"}
        Vendor.objects.create(owner=owner, status=VendorStatus.PENDING, **fields)
        seeder.report.count("shop applications", True)
    seeder.report.logins.append(
        (APPLICANT["username"], "vendor applicant (awaiting approval)")
    )
