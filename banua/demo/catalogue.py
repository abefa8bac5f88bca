"""Demo vendors, categories and products: sasirangan makers, food and craft micro-enterprises."""

CATEGORIES = [
    # slug, name (id), name (en), parent slug
    ("sasirangan", "Sasirangan", "Sasirangan", None),
    ("kain-sasirangan", "Kain Sasirangan", "Sasirangan cloth", "sasirangan"),
    ("busana-sasirangan", "Busana Sasirangan", "Sasirangan clothing", "sasirangan"),
    (
        "aksesori-sasirangan",
        "Aksesori Sasirangan",
        "Sasirangan accessories",
        "sasirangan",
    ),
    ("kuliner", "Kuliner dan Oleh-oleh", "Food and souvenirs", None),
    ("kerajinan", "Kerajinan", "Crafts", None),
    ("perhiasan", "Perhiasan dan Batu Mulia", "Jewellery and gems", None),
]

VENDORS = [
    {
        "slug": "sasirangan-galuh-banjar",
        "username": "penjual",
        "name": "Sasirangan Galuh Banjar",
        "owner_name": "Hj. Siti Aisyah",
        "whatsapp": "6281251000101",
        "address": "Jl. Seberang Masjid No. 21, Kampung Melayu, Banjarmasin",
        "region": "banjarmasin",
        "craft_village": "Kampung Sasirangan",
        "destination": "kampung-sasirangan",
        "category": "sasirangan",
        "lat": "-3.321200",
        "lng": "114.601700",
        "story": "Usaha keluarga sejak 1998. Kami menjelujur dan mencelup sendiri setiap lembar kain, sebagian dengan pewarna alami dari kayu ulin, kunyit dan daun mangga.",
    },
    {
        "slug": "sasirangan-kampung-melayu",
        "username": "penjual-melayu",
        "name": "Sasirangan Kampung Melayu Indah",
        "owner_name": "Muhammad Rizani",
        "whatsapp": "6281251000102",
        "address": "Jl. Sungai Jingah, Banjarmasin Utara",
        "region": "banjarmasin",
        "craft_village": "Kampung Sasirangan",
        "destination": "kampung-sasirangan",
        "category": "sasirangan",
        "lat": "-3.318700",
        "lng": "114.603100",
        "story": "Perajin muda yang memadukan motif klasik Banjar dengan potongan busana modern.",
    },
    {
        "slug": "wadai-hj-aluh",
        "username": "penjual-wadai",
        "name": "Wadai Banjar Hj. Aluh",
        "owner_name": "Hj. Aluh Mariana",
        "whatsapp": "6281251000103",
        "address": "Jl. Pasar Lama, Banjarmasin Tengah",
        "region": "banjarmasin",
        "craft_village": "",
        "destination": "siring-sungai-martapura",
        "category": "food",
        "lat": "-3.317200",
        "lng": "114.595400",
        "story": "Kue-kue Banjar (wadai) buatan rumah: bingka, amparan tatak dan lapis India, dipanggang setiap subuh.",
    },
    {
        "slug": "dodol-kandangan-amang-udin",
        "username": "penjual-dodol",
        "name": "Dodol Kandangan Amang Udin",
        "owner_name": "Syamsudin",
        "whatsapp": "6281251000104",
        "address": "Jl. Jend. Sudirman, Kandangan, Hulu Sungai Selatan",
        "region": "hulu-sungai-selatan",
        "craft_village": "",
        "destination": "loksado",
        "category": "food",
        "lat": "-2.781900",
        "lng": "115.265800",
        "story": "Dodol ketan dan gula aren khas Kandangan, diaduk dua belas jam di kawah tembaga.",
    },
    {
        "slug": "anyaman-purun-lok-baintan",
        "username": "penjual-purun",
        "name": "Anyaman Purun Lok Baintan",
        "owner_name": "Kelompok Perajin Acil Lok Baintan",
        "whatsapp": "6281251000105",
        "address": "Desa Lok Baintan, Sungai Tabuk, Kabupaten Banjar",
        "region": "banjar",
        "craft_village": "Lok Baintan",
        "destination": "pasar-terapung-lok-baintan",
        "category": "crafts",
        "lat": "-3.294500",
        "lng": "114.667900",
        "story": "Para acil pedagang pasar terapung menganyam purun dan nipah di sela berjualan: tas, tikar dan tanggui, topi lebar khas pedagang sungai.",
    },
    {
        "slug": "permata-martapura-jaya",
        "username": "penjual-permata",
        "name": "Permata Martapura Jaya",
        "owner_name": "H. Ahmad Fauzi",
        "whatsapp": "6281251000106",
        "address": "Blok B No. 14, Pertokoan Cahaya Bumi Selamat, Martapura",
        "region": "banjar",
        "craft_village": "Martapura",
        "destination": "pasar-intan-martapura",
        "category": "jewellery",
        "lat": "-3.413900",
        "lng": "114.849300",
        "story": "Pengasah batu kecubung dan perajin perak turun-temurun di Martapura. Setiap batu disertai surat keterangan.",
    },
]

SASIRANGAN_MOTIFS = [
    ("Kambang Kacang", "Bunga kacang panjang: lambang keakraban dan persaudaraan."),
    ("Gigi Haruan", "Gigi ikan gabus: lambang ketajaman berpikir."),
    ("Bayam Raja", "Daun bayam raja: lambang kemuliaan dan kehormatan."),
    ("Naga Balimbur", "Naga bermandi: lambang kekuatan dan kemakmuran."),
    ("Ombak Sinapur Karang", "Ombak menerjang karang: lambang perjuangan hidup."),
    ("Kulat Karikit", "Jamur kecil: lambang kehidupan yang terus tumbuh."),
    ("Hiris Pudak", "Irisan daun pandan: lambang keharuman budi."),
    ("Ramak Sahang", "Remukan merica: lambang keberanian."),
]


def _sasirangan_cloth(motif, meaning, index):
    natural = index % 2 == 0
    return {
        "vendor": "sasirangan-galuh-banjar"
        if index < 5
        else "sasirangan-kampung-melayu",
        "category": "kain-sasirangan",
        "name": f"Kain Sasirangan Motif {motif}",
        "description": f"Kain katun primisima 2 meter bermotif {motif}, dijelujur dan dicelup tangan. {meaning}",
        "technique": "tie-dye",
        "dye": "natural" if natural else "synthetic",
        "motif_name": motif,
        "motif_meaning": meaning,
        "tags": ["kain", "wastra", "oleh-oleh", "sasirangan"],
        "featured": index < 3,
        "variants": [
            {
                "colour": colour,
                "size": "2 m",
                "price": price,
                "stock": stock,
                "weight": 300,
            }
            for colour, price, stock in (
                ("Merah", 185000 if natural else 150000, 6 + index),
                ("Biru", 185000 if natural else 150000, 4 + index),
                ("Hijau", 195000 if natural else 160000, index % 3),
            )
        ],
    }


def _sasirangan_shirt(motif, meaning, index):
    return {
        "vendor": "sasirangan-kampung-melayu"
        if index % 2
        else "sasirangan-galuh-banjar",
        "category": "busana-sasirangan",
        "name": f"Kemeja Sasirangan {motif}",
        "description": f"Kemeja lengan pendek katun bermotif {motif}, nyaman dipakai di iklim tropis.",
        "technique": "tie-dye",
        "dye": "synthetic",
        "motif_name": motif,
        "motif_meaning": meaning,
        "tags": ["kemeja", "baju", "sasirangan", "oleh-oleh"],
        "featured": index == 0,
        "variants": [
            {"size": size, "price": 225000 + extra, "stock": stock, "weight": 250}
            for size, extra, stock in (
                ("S", 0, 3),
                ("M", 0, 8),
                ("L", 10000, 6),
                ("XL", 20000, 2),
            )
        ],
    }


def build_products():
    products = []
    for index, (motif, meaning) in enumerate(SASIRANGAN_MOTIFS):
        products.append(_sasirangan_cloth(motif, meaning, index))
    for index, (motif, meaning) in enumerate(SASIRANGAN_MOTIFS[:6]):
        products.append(_sasirangan_shirt(motif, meaning, index))
    products += [
        {
            "vendor": "sasirangan-galuh-banjar",
            "category": "aksesori-sasirangan",
            "name": "Syal Sasirangan Sutra",
            "technique": "tie-dye",
            "dye": "natural",
            "description": "Syal sutra ringan dengan pewarna alami kayu ulin.",
            "motif_name": "Kambang Kacang",
            "tags": ["syal", "sasirangan", "oleh-oleh"],
            "variants": [
                {"colour": c, "price": 275000, "stock": 5}
                for c in ("Coklat Ulin", "Kuning Kunyit")
            ],
        },
        {
            "vendor": "sasirangan-kampung-melayu",
            "category": "aksesori-sasirangan",
            "name": "Tas Jinjing Sasirangan",
            "technique": "tie-dye",
            "dye": "synthetic",
            "description": "Tas kanvas berlapis kain sasirangan, muat laptop 14 inci.",
            "tags": ["tas", "bag", "sasirangan"],
            "variants": [
                {"motif": m, "price": 135000, "stock": 7}
                for m in ("Gigi Haruan", "Naga Balimbur")
            ],
        },
        {
            "vendor": "sasirangan-kampung-melayu",
            "category": "aksesori-sasirangan",
            "name": "Masker Kain Sasirangan",
            "technique": "tie-dye",
            "dye": "synthetic",
            "description": "Masker tiga lapis dengan tali telinga lembut.",
            "tags": ["masker", "sasirangan"],
            "variants": [
                {"size": s, "price": 25000, "stock": 30} for s in ("Dewasa", "Anak")
            ],
        },
        {
            "vendor": "sasirangan-galuh-banjar",
            "category": "aksesori-sasirangan",
            "name": "Dompet Sasirangan Kecil",
            "technique": "tie-dye",
            "dye": "synthetic",
            "description": "Dompet kecil beritsleting untuk koin dan kartu.",
            "tags": ["dompet", "sasirangan", "oleh-oleh"],
            "variants": [
                {"colour": c, "price": 45000, "stock": 12}
                for c in ("Merah", "Ungu", "Biru")
            ],
        },
        {
            "vendor": "sasirangan-galuh-banjar",
            "category": "busana-sasirangan",
            "name": "Kerudung Sasirangan Voal",
            "technique": "tie-dye",
            "dye": "synthetic",
            "description": "Kerudung segi empat voal 115 cm dengan motif Hiris Pudak.",
            "motif_name": "Hiris Pudak",
            "tags": ["kerudung", "jilbab", "sasirangan"],
            "variants": [
                {"colour": c, "price": 95000, "stock": 10}
                for c in ("Hijau Tosca", "Merah Muda")
            ],
        },
    ]
    food = [
        (
            "wadai-hj-aluh",
            "Bingka Kentang",
            "Kue bingka kentang panggang, lembut dan manis. Tahan 2 hari.",
            60000,
            ["kue", "wadai", "oleh-oleh"],
        ),
        (
            "wadai-hj-aluh",
            "Amparan Tatak Pisang",
            "Kue pisang bersantan berlapis, khas Banjar.",
            55000,
            ["kue", "wadai"],
        ),
        (
            "wadai-hj-aluh",
            "Lapis India",
            "Kue lapis rempah berlapis-lapis, favorit Lebaran.",
            95000,
            ["kue", "wadai", "oleh-oleh"],
        ),
        (
            "wadai-hj-aluh",
            "Kararaban",
            "Kue ketan hitam dan gula aren untuk teman teh.",
            40000,
            ["kue", "wadai"],
        ),
        (
            "wadai-hj-aluh",
            "Wadai Cincin",
            "Kue cincin gula merah, renyah di luar.",
            35000,
            ["kue", "wadai", "oleh-oleh"],
        ),
        (
            "dodol-kandangan-amang-udin",
            "Dodol Kandangan Original",
            "Dodol ketan dan gula aren, dibungkus kulit jagung.",
            30000,
            ["dodol", "oleh-oleh"],
        ),
        (
            "dodol-kandangan-amang-udin",
            "Dodol Kandangan Durian",
            "Dodol dengan durian lokal Kandangan.",
            45000,
            ["dodol", "durian", "oleh-oleh"],
        ),
        (
            "dodol-kandangan-amang-udin",
            "Kerupuk Ikan Haruan",
            "Kerupuk ikan gabus (haruan) dari sungai Hulu Sungai.",
            25000,
            ["kerupuk", "oleh-oleh"],
        ),
        (
            "dodol-kandangan-amang-udin",
            "Amplang Ikan Tenggiri",
            "Camilan renyah ikan tenggiri khas pesisir Kalimantan.",
            28000,
            ["amplang", "camilan", "oleh-oleh"],
        ),
        (
            "dodol-kandangan-amang-udin",
            "Gula Aren Meratus",
            "Gula aren cetak dari pohon enau Pegunungan Meratus.",
            20000,
            ["gula", "aren"],
        ),
    ]
    for vendor, name, description, price, tags in food:
        products.append(
            {
                "vendor": vendor,
                "category": "kuliner",
                "name": name,
                "description": description,
                "technique": "cooked",
                "tags": tags,
                "featured": name in ("Bingka Kentang", "Dodol Kandangan Original"),
                "variants": [
                    {"size": "Kecil", "price": price, "stock": 20, "weight": 400},
                    {
                        "size": "Besar",
                        "price": price * 2 - 5000,
                        "stock": 10,
                        "weight": 800,
                    },
                ],
            }
        )
    crafts = [
        (
            "Tanggui Purun",
            "Topi lebar pedagang pasar terapung dari daun nipah.",
            75000,
            ["topi", "tanggui", "kerajinan", "oleh-oleh"],
        ),
        (
            "Tas Purun Anyaman",
            "Tas belanja anyaman purun, kuat dan ramah lingkungan.",
            65000,
            ["tas", "bag", "purun", "kerajinan"],
        ),
        (
            "Tikar Purun Motif",
            "Tikar purun berwarna dengan motif tradisional.",
            150000,
            ["tikar", "purun", "kerajinan"],
        ),
        (
            "Miniatur Jukung",
            "Miniatur perahu jukung kayu, dibuat perajin Lok Baintan.",
            120000,
            ["jukung", "miniatur", "kerajinan", "oleh-oleh"],
        ),
        (
            "Bakul Purun Kecil",
            "Bakul serbaguna untuk dapur atau hantaran.",
            40000,
            ["bakul", "purun", "kerajinan"],
        ),
    ]
    for name, description, price, tags in crafts:
        products.append(
            {
                "vendor": "anyaman-purun-lok-baintan",
                "category": "kerajinan",
                "name": name,
                "description": description,
                "technique": "woven",
                "dye": "natural",
                "tags": tags,
                "featured": name == "Tanggui Purun",
                "variants": [
                    {"size": "Sedang", "price": price, "stock": 8, "weight": 500},
                    {
                        "size": "Besar",
                        "price": int(price * 1.4),
                        "stock": 4,
                        "weight": 800,
                    },
                ],
            }
        )
    jewels = [
        (
            "Cincin Batu Kecubung",
            "Cincin perak 925 dengan batu kecubung ungu asah Martapura.",
            350000,
            ["cincin", "kecubung", "perhiasan"],
        ),
        (
            "Gelang Perak Motif Banjar",
            "Gelang perak ukir motif daun jaruju.",
            425000,
            ["gelang", "perak", "perhiasan"],
        ),
        (
            "Kalung Mutiara Air Tawar",
            "Kalung mutiara air tawar dengan pengait perak.",
            550000,
            ["kalung", "mutiara", "perhiasan"],
        ),
        (
            "Anting Kecubung Kecil",
            "Anting perak dengan kecubung kecil.",
            185000,
            ["anting", "kecubung", "perhiasan"],
        ),
        (
            "Batu Akik Kalimaya",
            "Batu kalimaya asah siap ikat, dengan surat keterangan.",
            275000,
            ["akik", "batu", "perhiasan"],
        ),
        (
            "Liontin Intan Cempaka",
            "Liontin emas putih dengan intan kecil dari Cempaka, bersertifikat.",
            3250000,
            ["intan", "liontin", "perhiasan"],
        ),
    ]
    for name, description, price, tags in jewels:
        products.append(
            {
                "vendor": "permata-martapura-jaya",
                "category": "perhiasan",
                "name": name,
                "description": description,
                "technique": "carved",
                "tags": tags,
                "featured": name == "Cincin Batu Kecubung",
                "variants": [
                    {"size": size, "price": price + extra, "stock": stock, "weight": 50}
                    for size, extra, stock in (
                        ("Standar", 0, 3),
                        ("Premium", price // 2, 1),
                    )
                ],
            }
        )
    return products
