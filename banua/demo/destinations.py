"""Demo destinations and events of South Kalimantan, in Indonesian and English.

Coordinates are approximate (to about a hundred metres); descriptions are short and factual.
"""

DESTINATIONS = [
    {
        "slug": "pasar-terapung-lok-baintan",
        "category": "river",
        "region": "banjar",
        "lat": "-3.293900",
        "lng": "114.668500",
        "address": "Desa Lok Baintan, Kecamatan Sungai Tabuk, Kabupaten Banjar",
        "opening_hours": "Setiap hari 05.30–09.00 WITA / Daily 5:30–9:00 WITA",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Pasar Terapung Lok Baintan",
            "summary": "Pasar di atas Sungai Martapura tempat acil-acil berjualan sayur, buah dan wadai dari jukung sejak subuh.",
            "body": [
                "Sejak ratusan tahun, warga Lok Baintan berdagang di atas sungai. Para pedagang perempuan, yang akrab disapa acil, mendayung jukung berisi hasil kebun dan kue tradisional, lalu bertransaksi dari perahu ke perahu.",
                "Datanglah sebelum matahari tinggi. Klotok dari Siring Menara Pandang berangkat sekitar pukul 05.30 dan menyusuri Sungai Martapura kira-kira satu jam.",
            ],
            "how": "Naik klotok sewaan dari dermaga Siring Menara Pandang, Banjarmasin (sekitar 1 jam), atau lewat jalan darat ke Desa Lok Baintan (30 menit dari Banjarmasin).",
            "best": "Pagi hari, pukul 06.00–08.00",
            "facilities": "Dermaga kayu, warung di tepi sungai. Naik-turun klotok memerlukan bantuan bagi pengguna kursi roda.",
        },
        "en": {
            "title": "Lok Baintan Floating Market",
            "summary": "A market on the Martapura river where women traders sell vegetables, fruit and cakes from wooden boats at dawn.",
            "body": [
                "For centuries the people of Lok Baintan have traded on the river. Women traders, called acil, paddle jukung boats full of garden produce and traditional cakes and sell from boat to boat.",
                "Come before the sun is high. Hired boats leave the Menara Pandang riverside at about 5:30 and take around an hour along the Martapura river.",
            ],
            "how": "Hire a klotok boat at the Menara Pandang pier in Banjarmasin (about 1 hour), or drive to Lok Baintan village (30 minutes from Banjarmasin).",
            "best": "Early morning, 6:00–8:00",
            "facilities": "Wooden pier and riverside stalls. Boarding a boat needs help for wheelchair users.",
        },
    },
    {
        "slug": "kampung-sasirangan",
        "category": "crafts",
        "region": "banjarmasin",
        "lat": "-3.321000",
        "lng": "114.601400",
        "address": "Jl. Seberang Masjid, Kampung Melayu, Banjarmasin Tengah",
        "opening_hours": "08.00–17.00 WITA",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Kampung Sasirangan",
            "summary": "Kampung perajin kain sasirangan, kain ikat-celup khas Banjar, tempat melihat proses menjelujur, mengikat dan mencelup.",
            "body": [
                "Sasirangan berasal dari kata 'sirang', artinya dijelujur. Kain dijahit jelujur mengikuti pola motif, diikat kencang, lalu dicelup pewarna alami atau sintetis.",
                "Di Kampung Sasirangan puluhan usaha rumahan membuka galeri. Pengunjung dapat belajar membuat sasirangan sendiri dalam kelas singkat.",
            ],
            "how": "Dari pusat kota Banjarmasin, 10 menit dengan kendaraan; berada di seberang Masjid Sultan Suriansyah arah Jl. Seberang Masjid.",
            "best": "Sepanjang tahun; pagi untuk melihat proses pencelupan",
            "facilities": "Galeri dan toko perajin, kelas membuat sasirangan, area parkir terbatas.",
        },
        "en": {
            "title": "Sasirangan Village",
            "summary": "The village of sasirangan makers, the tie-dyed cloth of the Banjar people, where you can watch the stitching, tying and dyeing.",
            "body": [
                "Sasirangan comes from 'sirang', to tack-stitch. The cloth is stitched along the motif, pulled tight and dyed with natural or synthetic colours.",
                "In Sasirangan Village dozens of home businesses open their galleries, and visitors can make their own piece in a short class.",
            ],
            "how": "Ten minutes by car from central Banjarmasin, along Jl. Seberang Masjid.",
            "best": "All year; mornings to see the dyeing",
            "facilities": "Makers' galleries and shops, sasirangan classes, limited parking.",
        },
    },
    {
        "slug": "masjid-raya-sabilal-muhtadin",
        "category": "religious",
        "region": "banjarmasin",
        "lat": "-3.318500",
        "lng": "114.591100",
        "address": "Jl. Jenderal Sudirman No. 1, Antasan Besar, Banjarmasin Tengah",
        "opening_hours": "Terbuka untuk pengunjung di luar waktu salat / Open to visitors outside prayer times",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Masjid Raya Sabilal Muhtadin",
            "summary": "Masjid raya kebanggaan Banjarmasin di tepi Sungai Martapura, diresmikan tahun 1981, dengan kubah tembaga dan lima menara.",
            "body": [
                "Nama masjid diambil dari kitab karya ulama besar Banjar, Syekh Muhammad Arsyad al-Banjari. Halamannya yang luas menjadi ruang terbuka hijau warga.",
                "Pengunjung diminta berpakaian sopan; kain penutup tersedia di pintu masuk.",
            ],
            "how": "Di pusat kota Banjarmasin, berjalan kaki dari Siring Menara Pandang.",
            "best": "Sore hari dan bulan Ramadan",
            "facilities": "Tempat wudu, parkir luas, akses landai ke lantai utama.",
        },
        "en": {
            "title": "Sabilal Muhtadin Grand Mosque",
            "summary": "Banjarmasin's grand mosque on the Martapura river, opened in 1981, with a copper dome and five minarets.",
            "body": [
                "It is named after a book by the great Banjar scholar Sheikh Muhammad Arsyad al-Banjari. Its wide grounds are a green space for the city.",
                "Visitors are asked to dress modestly; cover-up cloths are available at the entrance.",
            ],
            "how": "In central Banjarmasin, a short walk from the Menara Pandang riverside.",
            "best": "Late afternoon, and during Ramadan",
            "facilities": "Ablution areas, large car park, ramp to the main floor.",
        },
    },
    {
        "slug": "menara-pandang",
        "category": "river",
        "region": "banjarmasin",
        "lat": "-3.319400",
        "lng": "114.594900",
        "address": "Jl. Kapten Piere Tendean, Gadang, Banjarmasin Tengah",
        "opening_hours": "08.00–22.00 WITA",
        "ticket_price": 5000,
        "whatsapp": "",
        "id": {
            "title": "Menara Pandang",
            "summary": "Menara empat lantai di tepi Sungai Martapura untuk memandang kota Banjarmasin, titik berangkat klotok wisata.",
            "body": [
                "Dari puncak Menara Pandang terlihat lekuk Sungai Martapura dan atap-atap kota seribu sungai. Di bawahnya, dermaga klotok melayani wisata susur sungai.",
            ],
            "how": "Di pusat kota, tepi Jl. Piere Tendean; parkir di sepanjang siring.",
            "best": "Sore menjelang matahari terbenam",
            "facilities": "Dermaga klotok, toilet, kios suvenir. Lantai atas hanya dapat dicapai dengan tangga.",
        },
        "en": {
            "title": "Menara Pandang Lookout Tower",
            "summary": "A four-storey tower on the Martapura river with views over Banjarmasin, and the departure point for river boats.",
            "body": [
                "From the top you see the bends of the Martapura and the roofs of the 'city of a thousand rivers'. Below, the pier serves river tours.",
            ],
            "how": "In the city centre on Jl. Piere Tendean; park along the riverside.",
            "best": "Late afternoon, towards sunset",
            "facilities": "Boat pier, toilets, souvenir stalls. The upper floors are reached by stairs only.",
        },
    },
    {
        "slug": "pulau-kembang",
        "category": "nature",
        "region": "barito-kuala",
        "lat": "-3.290500",
        "lng": "114.553000",
        "address": "Sungai Barito, Kecamatan Alalak, Kabupaten Barito Kuala",
        "opening_hours": "08.00–17.00 WITA",
        "ticket_price": 10000,
        "whatsapp": "",
        "id": {
            "title": "Pulau Kembang",
            "summary": "Delta kecil di Sungai Barito yang dihuni ratusan kera ekor panjang, dicapai dengan klotok dari Banjarmasin.",
            "body": [
                "Pulau Kembang adalah hutan delta yang menjadi rumah kera ekor panjang. Warga setempat menjaga pulau ini sebagai kawasan wisata alam.",
                "Simpan makanan dan barang kecil di dalam tas: kera di sini pandai mengambil kacamata dan topi.",
            ],
            "how": "Klotok dari Banjarmasin sekitar 30 menit, sering digabung dengan kunjungan pasar terapung.",
            "best": "Pagi hari",
            "facilities": "Titian kayu, pemandu lokal.",
        },
        "en": {
            "title": "Kembang Island",
            "summary": "A small delta island in the Barito river, home to hundreds of long-tailed macaques, reached by boat from Banjarmasin.",
            "body": [
                "Kembang Island is a delta forest where long-tailed macaques live. Local people look after it as a nature destination.",
                "Keep food and small things in your bag: the monkeys are quick to take glasses and hats.",
            ],
            "how": "About 30 minutes by klotok boat from Banjarmasin, often combined with a floating-market trip.",
            "best": "Morning",
            "facilities": "Wooden boardwalk, local guides.",
        },
    },
    {
        "slug": "pasar-intan-martapura",
        "category": "crafts",
        "region": "banjar",
        "lat": "-3.413600",
        "lng": "114.849000",
        "address": "Pertokoan Cahaya Bumi Selamat, Jl. Ahmad Yani, Martapura",
        "opening_hours": "09.00–17.00 WITA, Jumat tutup / closed on Fridays",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Pasar Intan Martapura",
            "summary": "Pusat perdagangan intan, batu permata dan perhiasan Martapura di kompleks Cahaya Bumi Selamat.",
            "body": [
                "Martapura dijuluki Kota Intan. Di kompleks Cahaya Bumi Selamat, ratusan kios menjual intan dari pendulangan Cempaka, batu kecubung, akik dan perhiasan perak.",
                "Mintalah surat keterangan untuk intan dan batu mulia yang Anda beli.",
            ],
            "how": "40 km dari Banjarmasin lewat Jl. Ahmad Yani (sekitar 1 jam).",
            "best": "Pagi hingga siang, Sabtu–Kamis",
            "facilities": "Masjid, tempat makan, parkir, toko bersertifikat.",
        },
        "en": {
            "title": "Martapura Gem Market",
            "summary": "The diamond, gemstone and jewellery market of Martapura, in the Cahaya Bumi Selamat shopping complex.",
            "body": [
                "Martapura is called the Diamond Town. Hundreds of stalls sell diamonds from the Cempaka diggings, amethyst, agate and silver jewellery.",
                "Ask for a certificate for the diamonds and precious stones you buy.",
            ],
            "how": "40 km from Banjarmasin along Jl. Ahmad Yani (about an hour).",
            "best": "Morning to midday, Saturday to Thursday",
            "facilities": "Mosque, food stalls, car park, certified shops.",
        },
    },
    {
        "slug": "pendulangan-intan-cempaka",
        "category": "history",
        "region": "banjarbaru",
        "lat": "-3.491000",
        "lng": "114.776500",
        "address": "Kelurahan Sungai Tiung, Kecamatan Cempaka, Banjarbaru",
        "opening_hours": "08.00–16.00 WITA",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Pendulangan Intan Cempaka",
            "summary": "Tambang intan tradisional tempat pendulang mencari intan dengan linggang kayu, seperti sejak berabad-abad lalu.",
            "body": [
                "Para pendulang menggali lubang, mengangkat lumpur dan kerikil, lalu memutar linggang (dulang kayu) di air sampai butiran berat tersisa. Intan terbesar dari Cempaka, Intan Trisakti, ditemukan tahun 1965.",
            ],
            "how": "15 menit dari pusat kota Banjarbaru.",
            "best": "Pagi hari, musim kemarau",
            "facilities": "Pemandu dari pendulang setempat; medan berlumpur, gunakan alas kaki tertutup.",
        },
        "en": {
            "title": "Cempaka Diamond Diggings",
            "summary": "Traditional diamond diggings where miners still pan for diamonds with wooden linggang pans, as for centuries.",
            "body": [
                "Miners dig pits, lift mud and gravel, then swirl it in a linggang pan until only the heavy grains remain. Cempaka's largest find, the Trisakti diamond, was found in 1965.",
            ],
            "how": "15 minutes from central Banjarbaru.",
            "best": "Mornings in the dry season",
            "facilities": "Guides from the local miners; muddy ground, wear closed shoes.",
        },
    },
    {
        "slug": "bukit-matang-kaladan",
        "category": "nature",
        "region": "banjar",
        "lat": "-3.539000",
        "lng": "114.939500",
        "address": "Desa Tiwingan Lama, Kecamatan Aranio, Kabupaten Banjar",
        "opening_hours": "24 jam; pendakian disarankan 04.30 / 24 hours; climb from 4:30",
        "ticket_price": 10000,
        "whatsapp": "",
        "id": {
            "title": "Bukit Matang Kaladan",
            "summary": "Bukit dengan pemandangan pulau-pulau kecil di Waduk Riam Kanan, terkenal dengan lautan kabut saat matahari terbit.",
            "body": [
                "Pendakian ringan sekitar 30 menit membawa Anda ke puncak. Dari sana tampak gugusan pulau di Waduk Riam Kanan, mirip Raja Ampat dalam ukuran kecil.",
            ],
            "how": "Sekitar 1,5 jam dari Banjarmasin arah Aranio; parkir di kaki bukit.",
            "best": "Matahari terbit, musim kemarau",
            "facilities": "Area parkir, warung, toilet sederhana. Jalur tanah, tidak dapat dilalui kursi roda.",
        },
        "en": {
            "title": "Matang Kaladan Hill",
            "summary": "A hill overlooking the islets of the Riam Kanan reservoir, known for its sea of mist at sunrise.",
            "body": [
                "An easy 30-minute climb takes you to the top, with a view over the islands of the Riam Kanan reservoir, a small Raja Ampat.",
            ],
            "how": "About 1.5 hours from Banjarmasin towards Aranio; park at the foot of the hill.",
            "best": "Sunrise, in the dry season",
            "facilities": "Car park, stalls, basic toilets. Dirt path, not passable by wheelchair.",
        },
    },
    {
        "slug": "waduk-riam-kanan",
        "category": "nature",
        "region": "banjar",
        "lat": "-3.527500",
        "lng": "114.941000",
        "address": "Desa Tiwingan Lama, Kecamatan Aranio, Kabupaten Banjar",
        "opening_hours": "07.00–17.00 WITA",
        "ticket_price": 5000,
        "whatsapp": "",
        "id": {
            "title": "Waduk Riam Kanan",
            "summary": "Danau bendungan di kaki Pegunungan Meratus dengan perahu ke desa-desa pulau dan pemandian air panas.",
            "body": [
                "Waduk yang dibangun tahun 1970-an ini menyediakan listrik dan air bagi Kalimantan Selatan. Perahu kayu mengantar pengunjung ke Pulau Pinus dan desa-desa nelayan.",
            ],
            "how": "Dermaga Tiwingan, sekitar 1,5 jam dari Banjarmasin.",
            "best": "Pagi hingga sore, musim kemarau",
            "facilities": "Dermaga perahu, warung ikan bakar, toilet.",
        },
        "en": {
            "title": "Riam Kanan Reservoir",
            "summary": "A reservoir lake at the foot of the Meratus mountains, with boats to island villages and hot springs.",
            "body": [
                "Built in the 1970s, the dam supplies power and water to South Kalimantan. Wooden boats take visitors to Pine Island and fishing villages.",
            ],
            "how": "Tiwingan pier, about 1.5 hours from Banjarmasin.",
            "best": "Morning to afternoon, dry season",
            "facilities": "Boat pier, grilled-fish stalls, toilets.",
        },
    },
    {
        "slug": "siring-sungai-martapura",
        "category": "river",
        "region": "banjarmasin",
        "lat": "-3.320800",
        "lng": "114.596200",
        "address": "Jl. Kapten Piere Tendean dan Jl. Sudirman, Banjarmasin",
        "opening_hours": "24 jam; pasar terapung siring Minggu 06.00–09.00 / Sunday floating market 6:00–9:00",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Siring Sungai Martapura",
            "summary": "Tepian Sungai Martapura yang ditata untuk pejalan kaki, dengan patung bekantan dan pasar terapung setiap Minggu pagi.",
            "body": [
                "Siring adalah ruang publik favorit warga Banjarmasin. Patung bekantan setinggi 6,5 meter menyemburkan air ke sungai, dan setiap Minggu pagi pedagang jukung menggelar pasar terapung.",
            ],
            "how": "Di pusat kota, sepanjang Jl. Piere Tendean.",
            "best": "Minggu pagi dan malam hari",
            "facilities": "Trotoar landai, bangku, toilet, kuliner malam.",
        },
        "en": {
            "title": "Martapura Riverside Promenade",
            "summary": "The Martapura riverbank laid out for walking, with the proboscis monkey statue and a floating market every Sunday morning.",
            "body": [
                "The siring is Banjarmasin's favourite public space. A 6.5-metre proboscis monkey statue sprays water into the river, and every Sunday morning boat traders hold a floating market.",
            ],
            "how": "In the city centre, along Jl. Piere Tendean.",
            "best": "Sunday mornings and evenings",
            "facilities": "Level walkways, benches, toilets, night food stalls.",
        },
    },
    {
        "slug": "loksado",
        "category": "nature",
        "region": "hulu-sungai-selatan",
        "lat": "-2.770000",
        "lng": "115.470000",
        "address": "Kecamatan Loksado, Kabupaten Hulu Sungai Selatan",
        "opening_hours": "Setiap hari / Daily",
        "ticket_price": 0,
        "whatsapp": "",
        "id": {
            "title": "Loksado",
            "summary": "Desa Dayak Meratus di pegunungan, terkenal dengan arung jeram rakit bambu (lanting) di Sungai Amandit.",
            "body": [
                "Di Loksado, rakit bambu panjang membawa penumpang menyusuri jeram Sungai Amandit selama dua jam. Balai adat dan air terjun Haratai dapat dicapai dengan berjalan kaki.",
            ],
            "how": "Sekitar 4 jam dari Banjarmasin lewat Kandangan.",
            "best": "Musim kemarau, Juni–September",
            "facilities": "Penginapan, pemandu rakit, warung.",
        },
        "en": {
            "title": "Loksado",
            "summary": "A Meratus Dayak village in the mountains, known for bamboo-raft (lanting) rides down the Amandit river.",
            "body": [
                "In Loksado, long bamboo rafts carry passengers down the Amandit river rapids for two hours. Traditional halls and the Haratai waterfall are within walking distance.",
            ],
            "how": "About 4 hours from Banjarmasin via Kandangan.",
            "best": "Dry season, June to September",
            "facilities": "Guesthouses, raft guides, stalls.",
        },
    },
]

# Events recur every year; the seed places each on its next occurrence when first created.
EVENTS = [
    {
        "slug": "festival-sasirangan",
        "month": 12,
        "day": 12,
        "start_hour": 8,
        "days": 3,
        "venue": "kampung-sasirangan",
        "id": {
            "title": "Festival Sasirangan Banjarmasin",
            "summary": "Peragaan busana, lomba motif dan bazar perajin sasirangan selama tiga hari di tepi Sungai Martapura.",
            "body": [
                "Festival tahunan untuk perajin kain sasirangan: karnaval busana di siring, kelas mencelup kain dan bazar produk Kampung Sasirangan."
            ],
        },
        "en": {
            "title": "Banjarmasin Sasirangan Festival",
            "summary": "Three days of fashion shows, motif contests and a makers' bazaar of sasirangan cloth on the Martapura riverside.",
            "body": [
                "A yearly festival for sasirangan makers: a costume parade on the riverside, dyeing classes and a bazaar of Sasirangan Village products."
            ],
        },
    },
    {
        "slug": "festival-budaya-pasar-terapung",
        "month": 2,
        "day": 20,
        "start_hour": 6,
        "days": 3,
        "venue": "siring-sungai-martapura",
        "id": {
            "title": "Festival Budaya Pasar Terapung",
            "summary": "Ratusan jukung pedagang berkumpul di Sungai Martapura, lengkap dengan lomba jukung hias dan kuliner Banjar.",
            "body": [
                "Festival yang merayakan tradisi pasar terapung: jukung hias, lomba dayung, pertunjukan musik panting dan kuliner khas Banjar."
            ],
        },
        "en": {
            "title": "Floating Market Culture Festival",
            "summary": "Hundreds of traders' boats gather on the Martapura river, with decorated-boat contests and Banjar food.",
            "body": [
                "A festival of the floating-market tradition: decorated boats, paddling races, panting music and Banjar food."
            ],
        },
    },
    {
        "slug": "gebrak-pariwisata-banjar",
        "month": 6,
        "day": 15,
        "start_hour": 9,
        "days": 2,
        "venue": "pasar-intan-martapura",
        "id": {
            "title": "Gebrak Pariwisata Kabupaten Banjar",
            "summary": "Gerakan Bersama Memviralkan Pariwisata: lomba konten, tur destinasi dan pameran UMKM Kabupaten Banjar.",
            "body": [
                "Program Smart Branding Kabupaten Banjar mengajak warga dan kreator memviralkan destinasi daerah, dari Martapura hingga Riam Kanan."
            ],
        },
        "en": {
            "title": "Gebrak Tourism Week, Banjar Regency",
            "summary": "The 'Go Viral Together for Tourism' movement: content contests, destination tours and a fair of Banjar micro-enterprises.",
            "body": [
                "Banjar Regency's Smart Branding programme invites residents and creators to share the region's destinations, from Martapura to Riam Kanan."
            ],
        },
    },
    {
        "slug": "lomba-jukung-hias",
        "month": 8,
        "day": 17,
        "start_hour": 14,
        "days": 1,
        "venue": "menara-pandang",
        "id": {
            "title": "Lomba Jukung Hias Sungai Martapura",
            "summary": "Parade perahu hias memperingati Hari Kemerdekaan di Sungai Martapura.",
            "body": [
                "Kelompok warga menghias jukung dan klotok dengan tema kemerdekaan dan budaya Banjar, lalu berparade dari Menara Pandang."
            ],
        },
        "en": {
            "title": "Decorated Boat Parade on the Martapura",
            "summary": "A parade of decorated boats for Independence Day on the Martapura river.",
            "body": [
                "Neighbourhood groups decorate jukung and klotok boats on independence and Banjar themes and parade from Menara Pandang."
            ],
        },
    },
]

# Gallery pictures per destination category: (drawing subject, alt text words per language).
GALLERY_SUBJECTS = {
    "river": [
        (
            "market",
            {"id": "jukung pedagang di sungai", "en": "traders' boats on the river"},
        ),
        (
            "river",
            {
                "id": "rumah panggung di tepi sungai",
                "en": "stilt houses on the riverbank",
            },
        ),
        ("boat", {"id": "klotok menyusuri sungai", "en": "a klotok boat on the river"}),
    ],
    "crafts": [
        (
            "sasirangan",
            {"id": "kain sasirangan dijemur", "en": "sasirangan cloth drying"},
        ),
        (
            "jewellery",
            {"id": "perhiasan perak dan batu", "en": "silver and stone jewellery"},
        ),
        (
            "market",
            {"id": "anyaman purun di pasar", "en": "purun weaving at the market"},
        ),
    ],
    "religious": [
        (
            "mosque",
            {"id": "kubah dan menara masjid", "en": "the mosque's dome and minarets"},
        ),
        (
            "river",
            {"id": "pemandangan dari tepi sungai", "en": "the view from the riverbank"},
        ),
        ("sasirangan", {"id": "hiasan bermotif Banjar", "en": "Banjar patterns"}),
    ],
    "nature": [
        ("hills", {"id": "perbukitan saat pagi", "en": "the hills in the morning"}),
        ("river", {"id": "sungai di kaki bukit", "en": "a river below the hills"}),
        ("boat", {"id": "perahu menuju pulau", "en": "a boat heading for the islands"}),
    ],
    "culinary": [
        ("food", {"id": "wadai dan ketupat", "en": "Banjar cakes and ketupat"}),
        ("market", {"id": "pedagang buah di perahu", "en": "fruit sellers in boats"}),
        ("food", {"id": "hidangan khas Banjar", "en": "a Banjar dish"}),
    ],
    "history": [
        (
            "jewellery",
            {"id": "intan hasil pendulangan", "en": "diamonds from the diggings"},
        ),
        ("hills", {"id": "lahan pendulangan", "en": "the diggings"}),
        (
            "river",
            {"id": "sungai tempat mendulang", "en": "the river where panners work"},
        ),
    ],
}
