# ruff: noqa: E501  (data table: citations and notes are kept whole on one line)
"""Query rows of the clearance evaluation set: (category, query, classes, offices, expect, source, note).

``expect`` lists (slug, office) pairs resolved to registry ids by compile_set.py. For "negative" rows it
lists the marks that must NOT be rated high, and the note starts with "Kind:"; where the query class is
related to the earlier mark's class the note carries "Justification:".
"""

from __future__ import annotations

KO = "public knock-off widely reported: "


def cp(kind: str) -> str:
    return f"constructed pattern of a documented kind: {kind}"


U18 = cp(
    "trademark plus an added descriptive term such as 'official', 'store', 'shop', 'outlet' "
    "(WIPO Jurisprudential Overview 3.0, section 1.8: the added term does not prevent confusing similarity)"
)
U19 = cp(
    "typosquatting misspelling: omitted, doubled, transposed or adjacent-key letters "
    "(WIPO Jurisprudential Overview 3.0, section 1.9)"
)
UH = cp(
    "homoglyph substitution: digits or similar-looking letters, including Cyrillic letters, for Latin letters "
    "(WIPO Jurisprudential Overview 3.0, section 1.9)"
)
SH = cp(
    "shanzhai look-alike: one Chinese character of a known brand replaced by a visually similar character"
)
HP = cp(
    "Chinese homophone substitution: same pinyin, or pinyin differing only by a fuzzy initial/final "
    "(n/l, sh/s, in/ing)"
)
PY = cp("pinyin romanisation of a Chinese mark")
TL = cp("Chinese brand name or transliteration of a foreign mark, searched against the Latin mark")
FE = cp(
    "translation of a mark into another language (foreign equivalents doctrine, USPTO TMEP 1207.01(b)(vi))"
)
FAM = cp(
    "owner family: the owner uses the Chinese brand name and the Latin mark for the same goods; "
    "a hit on one must surface the other"
)
GD = cp("identical mark for goods or services in a related class")
SL = cp("phonetic respelling of a Latin mark")

Row = tuple[str, str, list[int], list[str], list[tuple[str, str]], str, str]

SPELLING: list[Row] = [
    (
        "spelling",
        "XCEED",
        [31],
        ["US"],
        [("X-SEED", "US")],
        "In re Viterra Inc., 671 F.3d 1358 (Fed. Cir. 2012)",
        "XCEED refused over X-SEED for agricultural seed",
    ),
    (
        "spelling",
        "OCTACOM",
        [9],
        ["US"],
        [("OCTOCOM", "US")],
        "Octocom Systems, Inc. v. Houston Computer Services, Inc., 918 F.2d 937 (Fed. Cir. 1990)",
        "one vowel differs; confusion found",
    ),
    (
        "spelling",
        "TRESSEMME",
        [3],
        ["US"],
        [("TRESEMME", "US")],
        "Han Beauty, Inc. v. Alberto-Culver Co., 236 F.3d 1333 (Fed. Cir. 2001)",
        "doubled letter; confusion found",
    ),
    (
        "spelling",
        "SLEEKCRAFT",
        [12],
        ["US"],
        [("SLICKCRAFT", "US")],
        "AMF Inc. v. Sleekcraft Boats, 599 F.2d 341 (9th Cir. 1979)",
        "boats; confusion found",
    ),
    (
        "spelling",
        "ADIDOS",
        [25],
        ["EM", "US"],
        [("ADIDAS", "EM")],
        cp("one-vowel substitution of a sportswear brand"),
        "",
    ),
    ("spelling", "NIKEE", [25], ["US"], [("NIKE", "US")], U19, "doubled final letter"),
    ("spelling", "SAMSUMG", [9], ["US"], [("SAMSUNG", "US")], U19, "adjacent key n/m"),
    ("spelling", "AMAZOM", [35], ["US"], [("AMAZON", "US")], U19, "adjacent key n/m"),
    ("spelling", "GOGLE", [9], ["US"], [("GOOGLE", "US")], U19, "omitted letter"),
    ("spelling", "MICROSOF", [9], ["US"], [("MICROSOFT", "US")], U19, "omitted final letter"),
    ("spelling", "PAYPALL", [36], ["US"], [("PAYPAL", "US")], U19, "doubled letter"),
    ("spelling", "FACEBOK", [9], ["US"], [("FACEBOOK", "US")], U19, "omitted letter"),
    ("spelling", "NETFILX", [41], ["US"], [("NETFLIX", "US")], U19, "transposed letters"),
    ("spelling", "LEGGO", [28], ["EM"], [("LEGO", "EM")], U19, "doubled letter"),
    ("spelling", "IKAE", [20], ["EM"], [("IKEA", "EM")], U19, "transposed letters"),
    ("spelling", "STARBUKS", [43], ["US"], [("STARBUCKS", "US")], U19, "omitted letter"),
    (
        "spelling",
        "MCDONLADS",
        [43],
        ["US"],
        [("MCDONALDS", "US")],
        U19,
        "transposed letters, apostrophe dropped",
    ),
    ("spelling", "HUAWAI", [9], ["EM"], [("HUAWEI", "EM")], U19, "vowel substitution"),
    ("spelling", "LENOVA", [9], ["US"], [("LENOVO", "US")], U19, "final vowel substitution"),
    ("spelling", "MICHLIN", [12], ["EM"], [("MICHELIN", "EM")], U19, "omitted letter"),
    ("spelling", "GUCCCI", [18], ["EM"], [("GUCCI", "EM")], U19, "tripled letter"),
    ("spelling", "CARTEIR", [14], ["EM"], [("CARTIER", "EM")], U19, "transposed letters"),
    ("spelling", "HEINEKIN", [32], ["EM"], [("HEINEKEN", "EM")], U19, "vowel substitution"),
    ("spelling", "PESPI", [32], ["US"], [("PEPSI", "US")], U19, "transposed letters"),
    ("spelling", "COLAGTE", [3], ["US"], [("COLGATE", "US")], U19, "transposed letters"),
    (
        "spelling",
        "PAMU",
        [25],
        ["EM"],
        [("PUMA", "EM")],
        cp("letter rearrangement of a sportswear brand"),
        "anagram keeping the letters of PUMA",
    ),
    ("spelling", "TOYTOA", [12], ["US"], [("TOYOTA", "US")], U19, "transposed letters"),
    ("spelling", "VOLKSWAGON", [12], ["EM"], [("VOLKSWAGEN", "EM")], U19, "common misspelling"),
]

LOOKALIKE: list[Row] = [
    ("lookalike", "HUAWE1", [9], ["EM"], [("HUAWEI", "EM")], UH, "digit 1 for I"),
    ("lookalike", "G00GLE", [9], ["US"], [("GOOGLE", "US")], UH, "digit 0 for O"),
    ("lookalike", "AMAZ0N", [35], ["US"], [("AMAZON", "US")], UH, "digit 0 for O"),
    ("lookalike", "PAYPA1", [36], ["US"], [("PAYPAL", "US")], UH, "digit 1 for l"),
    ("lookalike", "MICR0SOFT", [9], ["US"], [("MICROSOFT", "US")], UH, "digit 0 for O"),
    ("lookalike", "ARNAZON", [35], ["US"], [("AMAZON", "US")], UH, "rn for m"),
    ("lookalike", "S\u0410MSUNG", [9], ["US"], [("SAMSUNG", "US")], UH, "Cyrillic А (U+0410) for Latin A"),
    ("lookalike", "NIK\u0415", [25], ["US"], [("NIKE", "US")], UH, "Cyrillic Е (U+0415) for Latin E"),
    ("lookalike", "\u0430pple", [9], ["US"], [("APPLE", "US")], UH, "Cyrillic а (U+0430) for Latin a"),
    ("lookalike", "f\u0430\u0441ebook", [9], ["US"], [("FACEBOOK", "US")], UH, "Cyrillic а and с"),
    ("lookalike", "ORE\u041e", [30], ["US"], [("OREO", "US")], UH, "Cyrillic О (U+041E) for Latin O"),
    ("lookalike", "CHANE1", [3], ["EM"], [("CHANEL", "EM")], UH, "digit 1 for L"),
    ("lookalike", "VOLKSVVAGEN", [12], ["EM"], [("VOLKSWAGEN", "EM")], UH, "vv for w"),
    ("lookalike", "NETFL1X", [41], ["US"], [("NETFLIX", "US")], UH, "digit 1 for I"),
    (
        "lookalike",
        "ABIBAS",
        [25],
        ["EM", "US"],
        [("ADIDAS", "EM")],
        KO + "'Abibas' sportswear imitating adidas",
        "b for d",
    ),
    (
        "lookalike",
        "HIPHONE",
        [9],
        ["US"],
        [("IPHONE", "US")],
        KO + "'HiPhone' handsets imitating the iPhone",
        "",
    ),
    (
        "lookalike",
        "POLYSTATION",
        [9],
        ["US"],
        [("PLAYSTATION", "US")],
        KO + "'PolyStation' game consoles imitating the PlayStation",
        "",
    ),
    ("lookalike", "LEG0", [28], ["EM"], [("LEGO", "EM")], UH, "digit 0 for O"),
    (
        "lookalike",
        "\u0406\u041a\u0415\u0410",
        [20],
        ["EM"],
        [("IKEA", "EM")],
        UH,
        "all four letters Cyrillic",
    ),
    ("lookalike", "MlCHELIN", [12], ["EM"], [("MICHELIN", "EM")], UH, "lower-case l for I"),
    ("lookalike", "CARTlER", [14], ["EM"], [("CARTIER", "EM")], UH, "lower-case l for I"),
    ("lookalike", "T0Y0TA", [12], ["US"], [("TOYOTA", "US")], UH, "digit 0 for O"),
    ("lookalike", "PEPSl", [32], ["US"], [("PEPSI", "US")], UH, "lower-case l for I"),
    ("lookalike", "HElNEKEN", [32], ["EM"], [("HEINEKEN", "EM")], UH, "lower-case l for I"),
    ("lookalike", "BMVV", [12], ["EM"], [("BMW", "EM")], UH, "vv for W"),
    ("lookalike", "C0LGATE", [3], ["US"], [("COLGATE", "US")], UH, "digit 0 for O"),
    ("lookalike", "RED BUII", [32], ["EM"], [("RED-BULL", "EM")], UH, "capital I for l"),
]

SOUND_LATIN: list[Row] = [
    ("sound_latin", "KOKA-KOLA", [32], ["US"], [("COCA-COLA", "US")], SL, "K for hard C"),
    (
        "sound_latin",
        "KOKE",
        [32],
        ["US"],
        [("COKE", "US")],
        "The Coca-Cola Co. v. Koke Co. of America, 254 U.S. 143 (1920)",
        "Koke enjoined",
    ),
    ("sound_latin", "DAISON", [7], ["EM"], [("DYSON", "EM")], SL, "AI for Y"),
    (
        "sound_latin",
        "LOINT'S",
        [25],
        ["EM"],
        [("LLOYD", "EM")],
        "Lloyd Schuhfabrik Meyer & Co. GmbH v. Klijsen Handel BV, C-342/97 (CJEU 1999)",
        "aural similarity of LOINT'S and LLOYD for shoes referred to the Court; ruling gave the test, the "
        "national court decided the facts",
    ),
    ("sound_latin", "NAIKI", [25], ["US"], [("NIKE", "US")], SL, "spelled as pronounced"),
    ("sound_latin", "ADEEDAS", [25], ["EM"], [("ADIDAS", "EM")], SL, "EE for I"),
    ("sound_latin", "FILIPS", [9], ["EM"], [("PHILIPS", "EM")], SL, "F for PH"),
    ("sound_latin", "SAMSOONG", [9], ["US"], [("SAMSUNG", "US")], SL, "OO for U"),
    ("sound_latin", "HWAWAY", [9], ["EM"], [("HUAWEI", "EM")], SL, "spelled as pronounced in English"),
    (
        "sound_latin",
        "CANNON",
        [9],
        ["EM"],
        [("CANON", "EM")],
        "Canon Kabushiki Kaisha v. Metro-Goldwyn-Mayer Inc., C-39/97 (CJEU 1998)",
        "CANNON opposed by CANON; the Court ruled on similarity of goods",
    ),
    (
        "sound_latin",
        "DOUGIES",
        [5],
        ["US"],
        [("HUGGIES", "US")],
        "Kimberly-Clark Corp. v. H. Douglas Enterprises, Ltd., 774 F.2d 1144 (Fed. Cir. 1985)",
        "diapers; confusion found",
    ),
    (
        "sound_latin",
        "FUNDOUGH",
        [28],
        ["US"],
        [("PLAY-DOH", "US")],
        "Kenner Parker Toys Inc. v. Rose Art Industries, Inc., 963 F.2d 350 (Fed. Cir. 1992)",
        "modelling compound; confusion found",
    ),
    (
        "sound_latin",
        "SKYPE",
        [9],
        ["EM"],
        [("SKY", "EM")],
        "Skype v OHIM, T-423/12 (General Court 2015), upheld on appeal by the Court of Justice",
        "SKYPE pronounced with SKY as its first syllable; confusion found",
    ),
    ("sound_latin", "MAKDONALDS", [43], ["US"], [("MCDONALDS", "US")], SL, "MAK for MC"),
    ("sound_latin", "NESSLAY", [30], ["EM"], [("NESTLE", "EM")], SL, "spelled as pronounced in English"),
    ("sound_latin", "EYEKEA", [20], ["EM"], [("IKEA", "EM")], SL, "spelled as pronounced in English"),
    ("sound_latin", "GOOGEL", [9], ["US"], [("GOOGLE", "US")], SL, "-EL for -LE"),
    ("sound_latin", "SHANELLE", [3], ["EM"], [("CHANEL", "EM")], SL, "SH for CH"),
    ("sound_latin", "DEE-OR", [3], ["EM"], [("DIOR", "EM")], SL, "spelled as pronounced"),
    (
        "sound_latin",
        "AIRMEZ",
        [18],
        ["EM"],
        [("HERMES", "EM")],
        SL,
        "silent H dropped, spelled as pronounced",
    ),
    ("sound_latin", "KARTIAY", [14], ["EM"], [("CARTIER", "EM")], SL, "spelled as pronounced in French"),
    ("sound_latin", "HYNEKEN", [32], ["EM"], [("HEINEKEN", "EM")], SL, "Y for EI"),
    (
        "sound_latin",
        "CHINGTAO",
        [32],
        ["US"],
        [("TSINGTAO", "US")],
        SL,
        "alternative romanisation of the same Chinese place name",
    ),
    ("sound_latin", "MISHLEN", [12], ["EM"], [("MICHELIN", "EM")], SL, "spelled as pronounced"),
    ("sound_latin", "PEPSEE", [32], ["US"], [("PEPSI", "US")], SL, "EE for I"),
    ("sound_latin", "KOLGATE", [3], ["US"], [("COLGATE", "US")], SL, "K for hard C"),
    ("sound_latin", "TOYODA", [12], ["US"], [("TOYOTA", "US")], SL, "voiced D for T"),
]

SOUND_CHINESE: list[Row] = [
    ("sound_chinese", "星巴客", [43], ["CN"], [("XINGBAKE", "CN")], HP, "客 kè for 克 kè"),
    ("sound_chinese", "哇哈哈", [32], ["CN"], [("WAHAHA-ZH", "CN")], HP, "哇 wā for 娃 wá"),
    ("sound_chinese", "康师父", [30], ["CN"], [("KANGSHIFU", "CN")], HP, "父 fù for 傅 fù"),
    ("sound_chinese", "耐客", [25], ["CN"], [("NAIKE", "CN")], HP, "客 kè for 克 kè"),
    ("sound_chinese", "华伟", [9], ["CN"], [("HUAWEI-ZH", "CN")], HP, "伟 wěi for 为 wéi (tone differs)"),
    ("sound_chinese", "小蜜", [9], ["CN"], [("XIAOMI-ZH", "CN")], HP, "蜜 mì for 米 mǐ"),
    ("sound_chinese", "连想", [9], ["CN"], [("LIANXIANG", "CN")], HP, "连 lián for 联 lián"),
    ("sound_chinese", "海儿", [11], ["CN"], [("HAIER-ZH", "CN")], HP, "儿 ér for 尔 ěr"),
    ("sound_chinese", "伊丽", [29], ["CN"], [("YILI", "CN")], HP, "丽 lì for 利 lì"),
    ("sound_chinese", "蒙纽", [29], ["CN"], [("MENGNIU-ZH", "CN")], HP, "纽 niǔ for 牛 niú"),
    ("sound_chinese", "蒙流", [29], ["CN"], [("MENGNIU-ZH", "CN")], HP, "fuzzy initial n/l: liú for niú"),
    ("sound_chinese", "李凌", [25], ["CN"], [("LINING-ZH", "CN")], HP, "fuzzy initial n/l: líng for níng"),
    ("sound_chinese", "安塔", [25], ["CN"], [("ANTA-ZH", "CN")], HP, "塔 tǎ for 踏 tà"),
    ("sound_chinese", "茅苔", [33], ["CN"], [("MAOTAI", "CN")], HP, "苔 tái for 台 tái"),
    ("sound_chinese", "王老记", [32], ["CN"], [("WANGLAOJI", "CN")], HP, "记 jì for 吉 jí"),
    ("sound_chinese", "老甘妈", [30], ["CN"], [("LAOGANMA", "CN")], HP, "甘 gān for 干 gān"),
    ("sound_chinese", "白像", [30], ["CN"], [("BAIXIANG", "CN")], HP, "像 xiàng for 象 xiàng"),
    ("sound_chinese", "六个合桃", [32], ["CN"], [("LIUGEHETAO", "CN")], HP, "合 hé for 核 hé"),
    ("sound_chinese", "大白图", [30], ["CN"], [("DABAITU", "CN")], HP, "图 tú for 兔 tù"),
    ("sound_chinese", "特伦苏", [29], ["CN"], [("TELUNSU", "CN")], HP, "伦 lún for 仑 lún"),
    ("sound_chinese", "可口可勒", [32], ["CN"], [("KEKOUKELE", "CN")], HP, "勒 lè for 乐 lè"),
    ("sound_chinese", "麦当牢", [43], ["CN"], [("MAIDANGLAO", "CN")], HP, "牢 láo for 劳 láo"),
    ("sound_chinese", "肯得基", [43], ["CN"], [("KENDEJI", "CN")], HP, "得 dé for 德 dé"),
    ("sound_chinese", "宝码", [12], ["CN"], [("BAOMA", "CN")], HP, "码 mǎ for 马 mǎ"),
    ("sound_chinese", "同仁棠", [5], ["CN"], [("TONGRENTANG", "CN")], HP, "棠 táng for 堂 táng"),
    ("sound_chinese", "全聚得", [43], ["CN"], [("QUANJUDE", "CN")], HP, "得 dé for 德 dé"),
    ("sound_chinese", "康斯傅", [30], ["CN"], [("KANGSHIFU", "CN")], HP, "fuzzy initial sh/s: sī for shī"),
    ("sound_chinese", "鹊巢", [30], ["CN"], [("QUECHAO", "CN")], HP, "鹊 què (magpie) for 雀 què"),
    ("sound_chinese", "云南百药", [5], ["CN"], [("YUNNANBAIYAO", "CN")], HP, "百 bǎi for 白 bái"),
    ("sound_chinese", "哈根大斯", [30], ["CN"], [("HAGENDASI", "CN")], HP, "大 dà for 达 dá"),
    (
        "sound_chinese",
        "兴巴克",
        [43],
        ["CN"],
        [("XINGBAKE", "CN")],
        HP,
        "fuzzy final in/ing: 兴 xīng, 星 xīng",
    ),
]

CROSS_SCRIPT: list[Row] = [
    ("cross_script", "NAIKE", [25], ["CN"], [("NAIKE", "CN")], PY, "pinyin of 耐克"),
    ("cross_script", "LAOGANMA", [30], ["CN"], [("LAOGANMA", "CN")], PY, "pinyin of 老干妈"),
    ("cross_script", "KANGSHIFU", [30], ["CN"], [("KANGSHIFU", "CN")], PY, "pinyin of 康师傅"),
    (
        "cross_script",
        "XINGBAKE",
        [43],
        ["CN"],
        [("XINGBAKE", "CN")],
        "Starbucks Corp. and Shanghai President Starbucks Coffee Co. v. Shanghai Xingbake Coffee Shop Ltd., "
        "Shanghai No. 2 Intermediate People's Court (2005), affirmed by Shanghai High People's Court (2006)",
        "the defendant traded as Xingbake, the pinyin of 星巴克",
    ),
    (
        "cross_script",
        "乔丹",
        [25],
        ["US"],
        [("JORDAN", "US")],
        "Michael Jordan v. Trademark Review and Adjudication Board (Qiaodan Sports), Supreme People's Court (2016)",
        "the SPC held 乔丹 designates Michael Jordan in China; Chinese query against the Latin mark",
    ),
    (
        "cross_script",
        "拉菲庄园",
        [33],
        ["CN"],
        [("LAFITE", "CN")],
        "Château Lafite Rothschild v. Trademark Review and Adjudication Board (拉菲庄园), Supreme People's Court (2016)",
        "拉菲 held to correspond to LAFITE for Chinese consumers; 拉菲庄园 found similar",
    ),
    (
        "cross_script",
        "奔富",
        [33],
        ["CN"],
        [("PENFOLDS", "CN")],
        "public fact: 奔富 is the Chinese name under which Penfolds wine is known in China, and its registration "
        "by third parties was disputed by the Penfolds owner",
        "Chinese name vs Latin mark",
    ),
    (
        "cross_script",
        "新百伦",
        [25],
        ["US"],
        [("NEW-BALANCE", "US")],
        "Zhou Lelun v. New Balance Trading (China) Co., Guangzhou Intermediate People's Court (2015), "
        "Guangdong High People's Court (2017)",
        "新百伦 was New Balance's Chinese trade name: 新 'new' + 百伦 'balance'",
    ),
    ("cross_script", "WA HA HA", [32], ["CN"], [("WAHAHA-ZH", "CN")], PY, "spaced pinyin of 娃哈哈"),
    ("cross_script", "HUA WEI", [9], ["CN"], [("HUAWEI-ZH", "CN")], PY, "spaced pinyin of 华为"),
    ("cross_script", "LIANXIANG", [9], ["CN"], [("LIANXIANG", "CN")], PY, "pinyin of 联想"),
    ("cross_script", "MENGNIU", [29], ["CN"], [("MENGNIU-ZH", "CN")], PY, "pinyin of 蒙牛"),
    ("cross_script", "YILI", [29], ["CN"], [("YILI", "CN")], PY, "pinyin of 伊利"),
    ("cross_script", "LINING", [25], ["CN"], [("LINING-ZH", "CN")], PY, "pinyin of 李宁"),
    ("cross_script", "MAOTAI", [33], ["CN"], [("MAOTAI", "CN")], PY, "pinyin of 茅台"),
    ("cross_script", "WANGLAOJI", [32], ["CN"], [("WANGLAOJI", "CN")], PY, "pinyin of 王老吉"),
    ("cross_script", "TONGRENTANG", [5], ["CN"], [("TONGRENTANG", "CN")], PY, "pinyin of 同仁堂"),
    ("cross_script", "YUNNAN BAIYAO", [5], ["CN"], [("YUNNANBAIYAO", "CN")], PY, "pinyin of 云南白药"),
    ("cross_script", "QUANJUDE", [43], ["CN"], [("QUANJUDE", "CN")], PY, "pinyin of 全聚德"),
    ("cross_script", "TELUNSU", [29], ["CN"], [("TELUNSU", "CN")], PY, "pinyin of 特仑苏"),
    ("cross_script", "DA BAI TU", [30], ["CN"], [("DABAITU", "CN")], PY, "pinyin of 大白兔"),
    ("cross_script", "LIUGEHETAO", [32], ["CN"], [("LIUGEHETAO", "CN")], PY, "pinyin of 六个核桃"),
    ("cross_script", "QIAQIA", [29], ["CN"], [("QIAQIA", "CN")], PY, "pinyin of 洽洽"),
    ("cross_script", "DIAOPAI", [3], ["CN"], [("DIAOPAI", "CN")], PY, "pinyin of 雕牌"),
    (
        "cross_script",
        "耐吉",
        [25],
        ["US"],
        [("NIKE", "US")],
        TL,
        "耐吉 nàijí is the Nike name used in Taiwan",
    ),
    ("cross_script", "可口可乐", [32], ["US"], [("COCA-COLA", "US")], TL, "Chinese brand name vs Latin mark"),
    ("cross_script", "麦当劳", [43], ["US"], [("MCDONALDS", "US")], TL, "Chinese brand name vs Latin mark"),
    ("cross_script", "米其林", [12], ["EM"], [("MICHELIN", "EM")], TL, "Chinese brand name vs Latin mark"),
    ("cross_script", "迪奥", [3], ["EM"], [("DIOR", "EM")], TL, "Chinese brand name vs Latin mark"),
    ("cross_script", "索尼", [9], ["EM"], [("SONY", "EM")], TL, "Chinese brand name vs Latin mark"),
]

GLYPH: list[Row] = [
    (
        "glyph",
        "雷碧",
        [32],
        ["CN"],
        [("XUEBI", "CN")],
        KO + "雷碧 soft drinks imitating 雪碧 (Sprite)",
        "雷/雪",
    ),
    (
        "glyph",
        "粤利粤",
        [30],
        ["CN"],
        [("AOLIAO", "CN")],
        KO + "粤利粤 biscuits imitating 奥利奥 (Oreo)",
        "粤/奥",
    ),
    ("glyph", "奥利粤", [30], ["CN"], [("AOLIAO", "CN")], SH, "粤/奥 in the last position"),
    (
        "glyph",
        "周住",
        [3],
        ["CN"],
        [("DIAOPAI", "CN")],
        KO + "周住 detergent imitating 雕牌",
        "周 and 住 stacked read as 雕",
    ),
    (
        "glyph",
        "康帅傅",
        [30],
        ["CN"],
        [("KANGSHIFU", "CN")],
        KO + "康帅傅 instant noodles imitating 康师傅",
        "帅/师",
    ),
    ("glyph", "六个核弛", [32], ["CN"], [("LIUGEHETAO", "CN")], SH, "弛/桃 in the last position"),
    ("glyph", "大白免", [30], ["CN"], [("DABAITU", "CN")], SH, "免/兔 differ by one stroke"),
    ("glyph", "土力架", [30], ["CN"], [("SHILIJIA", "CN")], SH, "土/士"),
    ("glyph", "怏手", [9], ["CN"], [("KUAISHOU", "CN")], SH, "怏/快"),
    ("glyph", "蒙午", [29], ["CN"], [("MENGNIU-ZH", "CN")], SH, "午/牛"),
    ("glyph", "臼象", [30], ["CN"], [("BAIXIANG", "CN")], SH, "臼/白"),
    ("glyph", "日象", [30], ["CN"], [("BAIXIANG", "CN")], SH, "日/白"),
    ("glyph", "云南臼药", [5], ["CN"], [("YUNNANBAIYAO", "CN")], SH, "臼/白"),
    ("glyph", "治治", [29], ["CN"], [("QIAQIA", "CN")], SH, "治/洽"),
    ("glyph", "老于妈", [30], ["CN"], [("LAOGANMA", "CN")], SH, "于/干"),
    ("glyph", "玉老吉", [32], ["CN"], [("WANGLAOJI", "CN")], SH, "玉/王"),
    ("glyph", "尹利", [29], ["CN"], [("YILI", "CN")], SH, "尹/伊 (radical 亻 dropped)"),
    ("glyph", "太白兔", [30], ["CN"], [("DABAITU", "CN")], SH, "太/大"),
    ("glyph", "茅合", [33], ["CN"], [("MAOTAI", "CN")], SH, "合/台"),
    ("glyph", "每尔", [11], ["CN"], [("HAIER-ZH", "CN")], SH, "每/海 (radical 氵 dropped)"),
    ("glyph", "联相", [9], ["CN"], [("LIANXIANG", "CN")], SH, "相/想 (心 dropped)"),
    ("glyph", "星巳克", [43], ["CN"], [("XINGBAKE", "CN")], SH, "巳/巴"),
    ("glyph", "持仑苏", [29], ["CN"], [("TELUNSU", "CN")], SH, "持/特"),
    ("glyph", "洼哈哈", [32], ["CN"], [("WAHAHA-ZH", "CN")], SH, "洼/娃 (radical swapped)"),
    ("glyph", "季宁", [25], ["CN"], [("LINING-ZH", "CN")], SH, "季/李"),
    ("glyph", "安蹋", [25], ["CN"], [("ANTA-ZH", "CN")], SH, "蹋/踏"),
    ("glyph", "雀巣", [30], ["CN"], [("QUECHAO", "CN")], SH, "巣 (Japanese form) for 巢"),
    ("glyph", "毕为", [9], ["CN"], [("HUAWEI-ZH", "CN")], SH, "毕/华 (same lower component 十)"),
]
