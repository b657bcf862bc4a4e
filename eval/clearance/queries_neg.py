"""Negative query rows: marks that must NOT come out high risk (see queries_table.py for the row shape).

Every note starts with "Kind: <kind>." where kind is one of unrelated_goods, decided_no_confusion,
conceptual_difference, generic_shared, ordinary_word, coexistence. Where the query class is related to the
earlier mark's class the note also carries "Justification: ...".
"""

from __future__ import annotations

from queries_table import Row, cp

UG = cp("identical or near-identical mark for goods/services in an unrelated Nice class")
OW = cp("ordinary word or phrase that happens to be close to a mark, used for unrelated goods")
GS = cp("marks sharing only a generic or descriptive word")
CO = "public fact: both marks are registered and used by different owners side by side"


def neg(query: str, classes: list[int], offices: list[str], expect: list[tuple[str, str]], source: str,
        kind: str, note: str) -> Row:
    # search the earlier mark's office too, so a negative is never passed merely by an office filter
    all_offices = sorted(set(offices) | {office for _slug, office in expect})
    return ("negative", query, classes, all_offices, expect, source, f"Kind: {kind}. {note}")


NEGATIVE: list[Row] = [
    # decided cases: no likelihood of confusion
    neg("COACH", [16, 41], ["US"], [("COACH", "US")],
        "Coach Services, Inc. v. Triumph Learning LLC, 668 F.3d 1356 (Fed. Cir. 2012)", "decided_no_confusion",
        "educational test-preparation materials vs handbags; opposition dismissed"),
    neg("BLUE MOON", [32], ["US"], [("BLUE-MOON", "US")],
        "In re Coors Brewing Co., 343 F.3d 1340 (Fed. Cir. 2003)", "decided_no_confusion",
        "Justification: beer vs restaurant services are related in general, but the court reversed the refusal "
        "for lack of evidence that restaurants brand beer"),
    neg("BOSTON SEA PARTY", [43], ["US"], [("BOSTON-TEA-PARTY", "US")],
        "Jacobs v. International Multifoods Corp., 668 F.2d 1234 (CCPA 1982)", "decided_no_confusion",
        "Justification: tea vs restaurant services held not related enough; no confusion"),
    neg("非诚勿扰", [41], ["CN"], [("FEICHENGWURAO", "CN")],
        "Jin Ahuan v. Jiangsu Broadcasting Corp. and Zhenai.com, Guangdong High People's Court (2016, retrial)",
        "decided_no_confusion", "television entertainment programme vs dating services; no infringement on retrial"),
    neg("PICARO", [12], ["EM"], [("PICASSO", "EM")], "Ruiz-Picasso and Others v OHIM, C-361/04 P (CJEU 2006)",
        "conceptual_difference",
        "Justification: same class, but the meaning of PICASSO (the painter) counteracts the visual and aural "
        "similarity; no confusion"),
    neg("ZIRH", [3], ["EM"], [("SIR", "EM")], "Mülhens GmbH & Co. KG v OHIM, C-206/04 P (CJEU 2006)",
        "decided_no_confusion", "Justification: same class, aural similarity alone held insufficient; no confusion"),
    neg("BASS", [25], ["EM"], [("PASH", "EM")],
        "Phillips-Van Heusen Corp. v OHIM, T-292/01 (General Court 2003)", "conceptual_difference",
        "Justification: same class, but BASS has a clear meaning that counteracts the aural similarity to PASH"),
    neg("FROOTEE ICE", [30], ["US"], [("FROOT-LOOPS", "US")],
        "Kellogg Co. v. Pack'em Enterprises, Inc., 951 F.2d 330 (Fed. Cir. 1991)", "decided_no_confusion",
        "Justification: related goods, but the marks' dissimilarity alone was dispositive"),
    neg("CRYSTAL CREEK", [33], ["US"], [("CRISTAL", "US")],
        "Champagne Louis Roederer, S.A. v. Delicato Vineyards, 148 F.3d 1373 (Fed. Cir. 1998)",
        "decided_no_confusion", "Justification: same goods (wine), marks held dissimilar in commercial impression"),
    neg("PECAN SHORTEES", [30], ["US"], [("PECAN-SANDIES", "US")],
        "Keebler Co. v. Murray Bakery Products, 866 F.2d 1386 (Fed. Cir. 1989)", "generic_shared",
        "Justification: same goods; the marks share only the descriptive word PECAN"),
    neg("VEUVE ROYALE", [33], ["US"], [("THE-WIDOW", "US")],
        "Palm Bay Imports, Inc. v. Veuve Clicquot Ponsardin, 396 F.3d 1369 (Fed. Cir. 2005)",
        "decided_no_confusion",
        "Justification: same goods; buyers would not translate VEUVE into THE WIDOW, so no confusion with that "
        "mark (confusion with VEUVE CLICQUOT is a positive query)"),
    neg("TIA MARIA", [43], ["US"], [("AUNT-MARYS", "US")], "In re Tia Maria, Inc., 188 USPQ 524 (TTAB 1975)",
        "decided_no_confusion",
        "Justification: restaurant services vs canned fruits and vegetables; the board declined to treat the "
        "Spanish words as the equivalent of AUNT MARY'S and reversed the refusal"),
    neg("BED & BREAKFAST REGISTRY", [43], ["US"], [("BB-INTERNATIONAL", "US")],
        "In re Bed & Breakfast Registry, 791 F.2d 157 (Fed. Cir. 1986)", "generic_shared",
        "Justification: same services; the marks share only the descriptive phrase BED & BREAKFAST"),
    # coexisting real marks for unrelated goods
    neg("DELTA", [11], ["US"], [("DELTA-AIR", "US")], CO, "coexistence",
        "faucets (Delta Faucet Company) vs air transport (Delta Air Lines)"),
    neg("DELTA", [39], ["US"], [("DELTA-FAUCET", "US")], CO, "coexistence",
        "air transport vs plumbing fixtures"),
    neg("DOVE", [30], ["US"], [("DOVE-SOAP", "US")], CO, "coexistence",
        "chocolate (Mars) vs soap (Unilever): the same word has coexisted for decades in the US for unrelated "
        "goods, so a chocolate DOVE must not be rated high against the soap mark"),
    neg("DOVE", [3], ["US"], [("DOVE-CHOC", "US")], CO, "coexistence", "soap vs chocolate, the reverse direction"),
    neg("POLO", [12], ["US"], [("POLO", "US")], CO, "coexistence", "cars (Volkswagen Polo) vs clothing"),
    neg("HERMES", [39], ["EM"], [("HERMES", "EM")], CO, "coexistence",
        "parcel delivery (Hermes Germany) vs leather goods (Hermès International)"),
    neg("LLOYDS", [36], ["EM"], [("LLOYD", "EM")], CO, "coexistence", "banking vs shoes"),
    neg("GIANT", [12], ["EM"], [("GIANT-FOOD", "US")], CO, "coexistence", "Justification: bicycles vs supermarket foods and retail; class 35 retail relates to goods in general, but the GIANT bicycle and GIANT FOOD supermarket marks coexist"),
    neg("LION", [3], ["CN"], [("LION-CAPITAL", "US")], CO, "coexistence", "toiletries vs investment services"),
    neg("CROWN ROYAL", [33], ["US"], [("CROWN", "CN")], CO, "coexistence", "whisky vs cars"),
    neg("长城", [33], ["CN"], [("CHANGCHENG-AUTO", "CN")], CO, "coexistence",
        "Great Wall wine (COFCO) vs Great Wall Motor cars"),
    neg("长城", [12], ["CN"], [("CHANGCHENG-WINE", "CN")], CO, "coexistence", "cars vs wine, the reverse direction"),
    neg("雪花", [32], ["CN"], [("XUEBI", "CN")], CO, "coexistence",
        "Justification: same class; Snow beer (雪花) and Sprite (雪碧) share only the common character 雪 and "
        "have coexisted for decades"),
    neg("伊力特", [33], ["CN"], [("YILI", "CN")], CO, "coexistence",
        "liquor vs dairy; Yilite liquor and Yili dairy have long coexisted "
        "and 伊力特 is read as one name with a different ending"),
    neg("白家", [30], ["CN"], [("BAIXIANG", "CN")], CO, "conceptual_difference",
        "Justification: same class (noodles); 白家 'the Bai family' and 白象 'white elephant' share only 白 and "
        "differ in sound (jiā/xiàng) and meaning; both are established noodle brands"),
    neg("华夏", [36], ["CN"], [("HUAWEI-ZH", "CN")], CO, "coexistence", "banking vs telecom equipment; share only 华"),
    neg("CAPITAL ONE", [36], ["US"], [("LION-CAPITAL", "US")], GS, "generic_shared",
        "Justification: same class; the marks share only the descriptive word CAPITAL"),
    # identical or near-identical marks, unrelated goods
    neg("APPLE", [31], ["US"], [("APPLE", "US")], UG, "unrelated_goods",
        "fresh apples: the word is the generic name of the goods"),
    neg("苹果", [31], ["CN"], [("PINGGUO", "CN")], UG, "unrelated_goods", "fresh apples, generic for the goods"),
    neg("小米", [30], ["CN"], [("XIAOMI-ZH", "CN")], UG, "unrelated_goods",
        "class 30 is unrelated to phones; 小米 is the generic word for millet grain"),
    neg("小米粥", [30], ["CN"], [("XIAOMI-ZH", "CN")], OW, "ordinary_word", "'millet porridge'"),
    neg("BLACKBERRY", [31], ["US"], [("BLACKBERRY", "US")], UG, "unrelated_goods",
        "fresh berries, generic for the goods"),
    neg("CANNON", [24], ["EM"], [("CANON", "EM")], UG, "unrelated_goods", "towels and bed linen vs cameras"),
    neg("LIFE", [32], ["EM"], [("LIFE", "EM")], UG, "unrelated_goods", "bottled water vs consumer electronics"),
    neg("SKY", [19], ["EM"], [("SKY", "EM")], UG, "unrelated_goods", "building materials vs broadcasting"),
    neg("JAGUAR", [31], ["EM"], [("JAGUAR", "EM")], UG, "unrelated_goods", "live animals vs cars"),
    neg("CAMEL", [31], ["US"], [("CAMEL", "US")], UG, "unrelated_goods", "animal feed vs tobacco"),
    neg("SHELL", [14], ["EM"], [("SHELL", "EM")], UG, "unrelated_goods",
        "14 vs 4 unrelated; seashell jewellery uses the word in its ordinary meaning"),
    neg("PUMA", [31], ["EM"], [("PUMA", "EM")], UG, "unrelated_goods", "live plants and animal feed vs clothing"),
    # ordinary words close to a mark
    neg("AMAZING", [30], ["US"], [("AMAZON", "US")], OW, "ordinary_word", "Justification: snack foods vs online retail services (related in general); AMAZING is an ordinary English adjective and reads differently from AMAZON"),
    neg("SAMSON", [7], ["US"], [("SAMSUNG", "US")], OW, "ordinary_word", "a given name; hydraulic tools vs phones"),
    neg("LOGO", [42], ["EM"], [("LEGO", "EM")], OW, "ordinary_word", "design services vs toys"),
    neg("PUMP", [7], ["EM"], [("PUMA", "EM")], OW, "ordinary_word", "pumps vs clothing"),
    neg("SHELLFISH", [29], ["EM"], [("SHELL", "EM")], OW, "ordinary_word", "seafood vs fuels"),
    neg("APPLESAUCE", [29], ["US"], [("APPLE", "US")], OW, "ordinary_word", "fruit purée vs computers"),
    neg("BALANCE", [5], ["US"], [("NEW-BALANCE", "US")], GS, "generic_shared", "dietary supplements vs footwear"),
    neg("大白菜", [31], ["CN"], [("DABAITU", "CN")], OW, "ordinary_word",
        "Justification: fresh vegetables (31) and sweets (30) are related food classes, but 大白菜 is the ordinary word for Chinese cabbage and shares only 大白"),
    neg("老干部", [16], ["CN"], [("LAOGANMA", "CN")], OW, "ordinary_word", "'veteran cadre' on stationery vs chilli sauce"),
    neg("星空", [16], ["CN"], [("XINGBAKE", "CN")], OW, "ordinary_word", "'starry sky' on stationery vs cafes"),
    neg("青岛旅游", [39], ["CN"], [("QINGDAOPIJIU", "CN")], GS, "generic_shared",
        "'Qingdao travel': place name plus generic word vs beer"),
    # generic words shared with a mark, same field
    neg("核桃露", [32], ["CN"], [("LIUGEHETAO", "CN")], GS, "generic_shared",
        "Justification: same class; 'walnut milk' is the generic name of the drink and shares only 核桃 (walnut)"),
    neg("红烧牛肉面", [30], ["CN"], [("KANGSHIFU", "CN")], GS, "generic_shared",
        "Justification: same class; 'braised beef noodles' is a generic product name"),
    neg("OFFICIAL STORE", [35], ["US"], [("AMAZON", "US")], GS, "generic_shared",
        "Justification: retail services; the added words of typosquatting without any mark"),
    neg("官方旗舰店", [35], ["CN"], [("NAIKE", "CN")], GS, "generic_shared",
        "Justification: retail of clothing relates to clothing; the query is 'official flagship store' alone, without any mark"),
    neg("AIR PRO", [25], ["US"], [("NIKE", "US")], GS, "generic_shared",
        "Justification: same class; descriptive model words without the NIKE mark"),
]
