"""Containment: a mark glued to a goods or shop word, and the query as the distinctive end of the mark."""

from __future__ import annotations

from ipwarden.similarity.aspects import containment
from ipwarden.similarity.forms import glued_to_generic, prepare
from ipwarden.similarity.keys import mark_keys, query_probes
from ipwarden.similarity.resources import given_names, lexicon


def test_a_mark_glued_to_a_generic_or_goods_word_is_split_off() -> None:
    assert glued_to_generic("gapkids") == ("gap",)
    assert glued_to_generic("officialcoach") == ("coach",)
    assert glued_to_generic("nike") == () and glued_to_generic("gap") == ()
    assert glued_to_generic("kiamotors") == ("kia",)  # a vehicle word (class 12)
    found = containment(prepare("GAPKIDS"), prepare("GAP"))
    assert found is not None and found.score == 0.88 and "glued" in found.reasons[0]
    assert "c:gap" in {p.key for p in query_probes(prepare("GAPKIDS"))}
    assert containment(prepare("SINGAPORE"), prepare("GAP")) is None  # no generic word around it


def test_the_query_as_the_distinctive_end_of_a_longer_mark() -> None:
    surname = containment(prepare("KORS"), prepare("MICHAEL KORS"))
    assert surname is not None and surname.score == 0.79 and "ends with the query" in surname.reasons[0]
    ordinary = containment(prepare("CAPITAL"), prepare("LION CAPITAL"))  # a dictionary word: no more
    assert ordinary is not None and ordinary.score == 0.75
    first = containment(prepare("MICHAEL"), prepare("MICHAEL KORS"))  # not the end of the mark
    assert first is not None and first.score == 0.75


def test_a_short_word_is_probed_for_a_mark_glued_to_a_letter_or_two() -> None:
    keys = {p.key: p for p in query_probes(prepare("SONYX"))}
    assert "c:sony" in keys and keys["c:sony"].group == "containment"
    assert "c:onyx" in keys  # or the letters before it
    assert "c:son" not in keys  # three letters are too short to be a mark found this way
    found = containment(prepare("SONYX"), prepare("SONY"))
    assert found is not None and "'sony' inside 'sonyx'" in found.reasons[0]


def test_an_earlier_mark_spaced_or_joined_another_way_is_contained_whole() -> None:
    for query, earlier in [
        ("COCACOLA ZERO SUGAR", "COCA-COLA"),
        ("LEVIS 501 JEANS", "LEVI'S"),
        ("MCDONALDS HAPPY MEAL", "MCDONALD'S"),
    ]:
        found = containment(prepare(query), prepare(earlier))
        assert found is not None and found.score == 0.88, query
        assert "spaced or joined another way" in found.reasons[0] and earlier in found.reasons[0]
    # the letters must begin and end with the query's words: 'ike' is not a word of NIKE STORE
    found = containment(prepare("NIKE STORE"), prepare("IKES"))
    assert found is None or "spaced or joined" not in found.reasons[0]


def test_a_short_mark_counts_whole_where_it_opens_the_query() -> None:
    opening = containment(prepare("BMW M3 COUPE"), prepare("BMW"))
    assert opening is not None and opening.score == 0.8
    joined = containment(prepare("M&MS PEANUT"), prepare("M&M'S"))  # M&M'S written M&MS
    assert joined is not None and joined.score == 0.8
    later = containment(prepare("COUPE BMW"), prepare("BMW"))
    assert later is not None and later.score == 0.7
    code = containment(prepare("M2 ENTERTAINMENT"), prepare("M2"))  # letters and digits: a model code
    assert code is not None and code.score == 0.7


def test_two_chinese_characters_weigh_as_a_whole_word_beside_a_number() -> None:
    found = containment(prepare("新百伦574复古跑鞋"), prepare("新百伦"))
    assert found is not None and found.score == 0.88


def test_a_plural_or_possessive_s_on_the_earlier_mark() -> None:
    found = containment(prepare("SAMSUNGS GALAXY"), prepare("SAMSUNG"))
    assert found is not None and found.score == 0.88 and "possessive S" in found.reasons[0]
    assert "c:samsung" in {p.key for p in query_probes(prepare("SAMSUNGS GALAXY"))}


def test_a_coined_name_that_opens_a_longer_word() -> None:
    found = containment(prepare("CASIOTONE"), prepare("CASIO"))
    assert found is not None and found.score == 0.85 and "begins with" in found.reasons[0]
    ordinary = containment(prepare("HEARTSPRING"), prepare("HEART"))  # an ordinary word: a part only
    assert (
        ordinary is not None and ordinary.score == 0.75 and "name of no ordinary meaning" not in str(ordinary)
    )
    assert containment(prepare("CASIO"), prepare("CASIO")) is None


def test_an_earlier_mark_opening_a_compound_with_an_ordinary_word() -> None:
    for query, mark in (("LEGOLAND", "LEGO"), ("NIKEPLUS", "NIKE")):
        found = containment(prepare(query), prepare(mark))
        assert found is not None and found.score == 0.85 and "an ordinary word after it" in found.reasons[0]
    sky = containment(prepare("SKYKICK"), prepare("SKY"))  # an ordinary word of three letters: medium only
    assert sky is not None and sky.score == 0.75 and "'SKY'" in sky.reasons[0]
    assert containment(prepare("CARPET"), prepare("CAR")) is None  # a dictionary word is not two words
    assert containment(prepare("SKYKICKX"), prepare("SKY")) is None  # KICKX is no word


def test_a_coined_mark_after_a_prefix_or_an_ordinary_word() -> None:
    for query in ("MYNIKE", "iNIKE", "THENIKE", "AIRNIKE"):
        found = containment(prepare(query), prepare("NIKE"))
        assert found is not None and found.score == 0.8 and "ends with" in found.reasons[0], query
    assert containment(prepare("XQNIKE"), prepare("NIKE")).score == 0.75  # type: ignore[union-attr]
    book = containment(prepare("FACEBOOK"), prepare("BOOK"))  # an ordinary mark: a part of the word only
    assert book is not None and book.score == 0.75


def test_a_short_or_ordinary_mark_ending_a_compound_after_a_word_of_its_own() -> None:
    for query in ("PROCAT", "BIGCAT", "MYGAP"):
        found = containment(prepare(query), prepare(query[-3:]))
        assert found is not None and found.score == 0.74 and "ends with the whole earlier mark" in str(found)
    assert "after 'PRO'" in str(containment(prepare("PROCAT"), prepare("CAT")))
    # the beginning counts most: CANONJET is nearer CANON than JET
    canon = containment(prepare("CANONJET"), prepare("CANON"))
    assert canon is not None and canon.score > containment(prepare("CANONJET"), prepare("JET")).score  # type: ignore[union-attr]
    # a dictionary word is read as itself (WILDCAT, AIRBUS), and XQ is no word
    for query, mark in (("WILDCAT", "CAT"), ("AIRBUS", "BUS"), ("XQCAT", "CAT"), ("CARPET", "PET")):
        assert containment(prepare(query), prepare(mark)) is None, query
    assert "c:cat" in {p.key for p in query_probes(prepare("PROCAT"))}
    assert "c:cat" not in {p.key for p in query_probes(prepare("WILDCAT"))}


def test_look_alike_digits_in_a_glued_word_read_as_letters() -> None:
    """JUU1VAPOR.COM holds JUUL (1 for l) and GUCC1SHOP GUCCI (1 for i): just below the letters written."""
    juul = containment(prepare("juu1vapor.com"), prepare("JUUL"))
    assert juul is not None and juul.score == 0.83 and "look-alike digits" in juul.reasons[0]
    gucci = containment(prepare("GUCC1SHOP"), prepare("GUCCI"))
    assert gucci is not None and gucci.score == 0.86 and "'guccishop'" in gucci.reasons[0]
    # four digits are too many to read as letters: a model code, not a word
    assert containment(prepare("JUU1111VAPOR"), prepare("JUUL")) is None


def test_a_short_head_hyphenated_to_a_generic_word_is_one_name() -> None:
    walmart = prepare("WAL-MART")
    assert walmart.core == ("walmart",) and walmart.dropped == ()
    assert prepare("WAL MART").core == ("wal",)  # two words, MART generic: no hyphen, no name
    assert prepare("NIKE-STORE").core == ("nike",)  # a head of four letters is a name of its own
    found = containment(prepare("WALMARTCANADASUCKS.COM"), walmart)
    assert found is not None and found.score == 0.85 and "'WALMART'" in found.reasons[0]


def test_the_chinese_name_of_a_coined_latin_mark_with_goods_words() -> None:
    found = containment(prepare("古驰手袋"), prepare("GUCCI"))
    assert found is not None and found.score == 0.85 and "'古驰'" in found.reasons[0]
    two_words = containment(prepare("路易威登包"), prepare("LOUIS VUITTON"))
    assert two_words is not None and "'路易威登'" in two_words.reasons[0]
    # an ordinary word's translation is a meaning, judged as one (苹果 'apple')
    assert containment(prepare("苹果手机"), prepare("APPLE")) is None


def test_pinyin_written_a_syllable_a_word_among_other_words() -> None:
    keys = {p.key for p in query_probes(prepare("LAO GAN MA SPICY CHILI CRISP"))}
    assert "y:lao gan ma" in keys


def test_an_earlier_mark_written_without_its_possessive_s() -> None:
    found = containment(prepare("KELLOGG CORN FLAKES"), prepare("KELLOGG'S"))
    assert found is not None and found.score == 0.88 and "but for its possessive S" in found.reasons[0]
    two_words = containment(prepare("JACK DANIEL HONEY"), prepare("JACK DANIEL'S"))
    assert two_words is not None and two_words.score == 0.88


def test_a_mark_glued_to_several_generic_or_goods_words() -> None:
    assert "louisvuitton" in glued_to_generic("louisvuittonoutletstore")
    assert "levis" in glued_to_generic("levisjeansoutlet")
    found = containment(prepare("louisvuittonoutletstore"), prepare("LOUIS VUITTON"))
    assert found is not None and found.score == 0.88 and "'LOUIS VUITTON' glued" in found.reasons[0]
    assert glued_to_generic("singapore") == ()


def test_glued_words_are_probed_as_written_and_for_a_short_opening_word() -> None:
    nike = next(k for k in mark_keys(prepare("NIKE")) if k.startswith("c:"))
    assert prepare("AIRNIKE").core_skel != ("airnike",)  # rn and i read as look-alikes in the key
    assert nike in {p.key for p in query_probes(prepare("AIRNIKE"))}
    assert "c:sky" in {p.key for p in query_probes(prepare("SKYKICK CLOUD BACKUP"))}
    assert "c:sky" not in {p.key for p in query_probes(prepare("SKYSCRAPER"))}  # a dictionary word


def _weak_part_set_aside(query: str, earlier: str, why: str) -> None:
    """The two marks meet at 0.85, the reason naming the weak part (a prefix, a place name)."""
    found = containment(prepare(query), prepare(earlier))
    assert found is not None and found.score == 0.85 and why in found.reasons[0], (query, found)


def test_a_chinese_mark_without_its_prefix_of_age_or_size_or_with_another() -> None:
    _weak_part_set_aside("凤祥", "老凤祥", "'老' ('old') before it")
    _weak_part_set_aside("小白兔", "大白兔", "'小' ('little') for '大' ('big')")
    plain = containment(prepare("稻香"), prepare("稻香村"))  # 稻 'rice' is no such prefix: the opening
    assert plain is not None and "prefix" not in plain.reasons[0] and "opens with" in plain.reasons[0]
    single = containment(prepare("鹅"), prepare("小鹅"))  # one character left is no dominant element
    assert single is None or "prefix" not in single.reasons[0]
    assert containment(prepare("小白鹅"), prepare("大白兔")) is None  # the rest differs


def test_an_earlier_mark_held_in_look_alike_characters_is_named_as_such() -> None:
    plain = containment(prepare("NIKE AIR MAX"), prepare("NIKE"))
    alike = containment(prepare("N1KE AIR MAX"), prepare("NIKE"))
    assert plain is not None and alike is not None and alike.score < plain.score
    assert alike.reasons[0] == "contains 'N1KE', the whole earlier mark 'NIKE' in look-alike characters"


def test_the_query_inside_a_glued_word_of_the_earlier_mark() -> None:
    cases = {
        ("GAP", "GAPKIDS"): (0.85, "glued to generic or goods words"),
        ("ROLEX", "ROLEX 116610LN"): (0.85, "beside a number or a model code"),
        ("LEGO", "LEGOLAND"): (0.8, "begins with the whole query and an ordinary word after it"),
        ("SKY", "SKYKICK"): (0.75, "begins with the whole query"),  # an ordinary word: a part only
        ("NIKE", "MYNIKE"): (0.75, "ends with the whole query after a prefix"),
    }
    for (query, earlier), (score, why) in cases.items():
        found = containment(prepare(query), prepare(earlier))
        assert found is not None and found.score == score and why in found.reasons[0], (query, found)
        assert "t:" + prepare(query).core_skel[0] in mark_keys(prepare(earlier))  # the query's word finds it
    assert containment(prepare("VIAN"), prepare("EVIAN")) is None  # a one-letter prefix is no such piece
    assert containment(prepare("SUN"), prepare("SUNFLOWER")) is None  # a dictionary word is one word


def test_a_chinese_mark_less_its_first_character() -> None:
    less = containment(prepare("星尔克"), prepare("鸿星尔克"))
    assert less is not None and less.score == 0.8 and "less only its first character '鸿'" in less.reasons[0]
    part = containment(prepare("百事"), prepare("百事可乐"))  # its opening: a part as any other
    assert part is not None and part.score == 0.75
    word = containment(prepare("大福"), prepare("周大福"))  # 'great blessing', a word of its own
    assert word is not None and word.score == 0.75


def test_an_earlier_mark_of_more_words_contained_whole_ranks_above_one_word() -> None:
    two = containment(prepare("STONE LION CAPITAL"), prepare("LION CAPITAL"))
    one = containment(prepare("STONE LION CAPITAL"), prepare("LION"))
    assert two is not None and one is not None and two.score == 0.89 and one.score == 0.88


def test_the_query_opening_a_longer_earlier_mark() -> None:
    cases = {
        ("HARLEY", "HARLEY-DAVIDSON"): (0.85, "opens with the whole query, a name of no ordinary meaning"),
        ("GOPRO", "GOPRO HERO"): (0.85, "opens with the whole query, a name of no ordinary meaning"),
        ("JBL", "JBL CHARGE"): (0.8, "opens with the whole query, letters of no ordinary meaning"),
        ("MICHAEL", "MICHAEL KORS"): (0.75, "contains the query as a whole"),  # a common given name
        ("LION", "LION CAPITAL"): (0.75, "contains the query as a whole"),  # an ordinary word
        ("DULUTH NEWS", "DULUTH NEWS-TRIBUNE"): (0.75, "contains the query as a whole"),  # 'news' is one
        ("M2", "M2 RACING TEAM"): (0.75, "contains the query as a whole"),  # a digit: a model code
    }
    for (query, earlier), (score, why) in cases.items():
        found = containment(prepare(query), prepare(earlier))
        assert found is not None and found.score == score and why in found.reasons[0], (query, found)
    assert "michael" in given_names() and "harley" not in given_names()  # given to under 0.02 %


def test_a_mark_opening_with_a_short_word_is_filed_for_those_letters_alone() -> None:
    assert "o:hp" in mark_keys(prepare("HP INVENT"))
    assert not any(k.startswith("o:") for k in mark_keys(prepare("HP")))  # no other word after it
    assert not any(k.startswith("o:") for k in mark_keys(prepare("HARLEY DAVIDSON")))  # t: keys find it
    probes = {p.key: p for p in query_probes(prepare("HP"))}
    assert probes["o:hp"].group == "containment" and probes["o:hp"].exact
    assert "o:hp" not in {p.key for p in query_probes(prepare("HP INVENT"))}


def test_a_chinese_name_opening_a_longer_earlier_mark() -> None:
    for query, earlier in [("百度", "百度地图"), ("娃哈哈", "娃哈哈AD钙奶")]:  # a name, and no word at all
        found = containment(prepare(query), prepare(earlier))
        assert found is not None and found.score == 0.85, query
        assert "opens with the whole query, a name of no ordinary meaning" in found.reasons[0]
    for query, earlier in [("熊猫", "熊猫乐园"), ("白象", "白象牙"), ("阿里", "阿里巴巴")]:
        # an ordinary word ('panda'), or characters that open a longer dictionary word (象牙 'ivory')
        found = containment(prepare(query), prepare(earlier))
        assert found is not None and found.score == 0.75, query


def test_a_chinese_mark_without_its_place_name_or_with_another() -> None:
    _weak_part_set_aside("茅台", "贵州茅台", "after the place name '贵州' (Guizhou)")
    _weak_part_set_aside("天津同仁堂", "北京同仁堂", "'天津' (Tianjin) for '北京' (Beijing)")
    short = containment(prepare("滩"), prepare("上海滩"))  # one character left is no dominant element
    assert short is None or "place name" not in short.reasons[0]
    assert "上海" in lexicon().chinese_places and "北京" in lexicon().chinese_places


def test_a_distinctive_word_shared_when_neither_mark_holds_the_other() -> None:
    fusco = containment(prepare("ENZO FUSCO"), prepare("ANTONIO FUSCO"))  # T-185/03 Fusco v OHIM
    assert fusco is not None and fusco.score == 0.76
    assert fusco.reasons[0].startswith("shares 'FUSCO', a word of no ordinary meaning")
    possessive = containment(prepare("FUSCO'S SHOES CLUB"), prepare("ANTONIO FUSCO"))
    assert possessive is not None and possessive.score == 0.76
    surname = containment(prepare("WALKER BLACK LABEL"), prepare("JOHNNIE WALKER"))  # borne by many traders
    assert surname is not None and surname.score == 0.7 and "a common surname" in surname.reasons[0]
    assert containment(prepare("CAPITAL ONE"), prepare("LION CAPITAL")) is None  # an ordinary word
    assert containment(prepare("MICHAEL JORDAN"), prepare("MICHAEL KORS")) is None  # a given name
    assert containment(prepare("ACME ROCKETS"), prepare("ACMA ROCKETS")) is None  # spelling judges that
    assert containment(prepare("RICCI"), prepare("ROSSI RICCI")) is not None  # inside: a rule of its own


def test_one_letter_inside_a_query_says_next_to_nothing() -> None:
    found = containment(prepare("K+EFF"), prepare("K+"))  # In re Electrolyte Laboratories (Fed. Cir. 1990)
    assert found is not None and found.score == 0.6
    two = containment(prepare("LG OLED TV"), prepare("LG"))
    assert two is not None and two.score == 0.8


def test_a_mark_spaced_without_its_plural_s_or_running_into_a_goods_word() -> None:
    spaced = containment(prepare("BE A REAL SPEC SAVER AT ASDA"), prepare("SPECSAVERS"))  # [2012] EWCA Civ 24
    assert spaced is not None and spaced.score == 0.85 and "without its plural S" in spaced.reasons[0]
    assert containment(prepare("SPEC SAVER"), prepare("GLASS")) is None  # too short a mark to be respaced
    liquor = containment(prepare("青花汾酒"), prepare("汾酒"))  # 酒 'liquor' set aside after 青花汾
    assert liquor is not None and liquor.score == 0.88
    across = containment(prepare("茅台酒"), prepare("台酒"))  # 台 belongs to the word 茅台
    assert across is not None and across.score == 0.75 and "across the word" in across.reasons[0]
    assert containment(prepare("VARGA GIRL"), prepare("VARGAS")) is None  # In re Hearst: one word, no S


def test_the_earlier_mark_less_its_first_letter() -> None:
    """IKON for NIKON (Nikon Inc. v. Ikon Corp., 2d Cir. 1993): medium, as a part of a mark; not two words."""
    found = containment(prepare("IKON"), prepare("NIKON"))
    assert found is not None and found.score == 0.78 and "less only its first letter 'N'" in found.reasons[0]
    assert containment(prepare("RANGE"), prepare("ORANGE")) is None  # two English words
    assert containment(prepare("KON"), prepare("IKON")) is None  # three letters are in countless marks
    assert containment(prepare("VIAN"), prepare("EVIAN")) is None  # a vowel: a syllable less


def test_the_word_that_dominates_an_earlier_mark_of_a_weak_word_and_another() -> None:
    """THOMAS PINK: a given name beside PINK, which dominates the mark ([2014] EWHC 2631 (Ch)); medium."""
    pink = containment(prepare("VICTORIA'S SECRET PINK"), prepare("THOMAS PINK"))
    assert pink is not None and pink.score == 0.74
    assert "dominates the earlier mark 'THOMAS PINK'" in pink.reasons[0] and "a given name" in pink.reasons[0]
    insight = containment(
        prepare("INSIGHT RADIOLOGY"), prepare("INSIGHT CLINICAL IMAGING")
    )  # [2017] FCAFC 83
    assert insight is not None and "'CLINICAL', a word of the goods" in insight.reasons[0]
    caesar = containment(prepare("PIZZA CAESAR USA"), prepare("LITTLE CAESARS"))  # In re Denisi (TTAB 1985)
    assert caesar is not None and caesar.score == 0.74 and "size, age or praise" in caesar.reasons[0]
    glass = containment(prepare("THE WINDSHIELD DOCTOR"), prepare("GLASS DOCTOR"))  # 470 F.3d 162 (4th Cir.)
    assert glass is not None and "'GLASS', a word of the goods" in glass.reasons[0]
    assert containment(prepare("PINK LADY"), prepare("HOT PINK")) is None  # HOT is no weak word
    assert containment(prepare("LITTLE LAMB"), prepare("LITTLE CAESARS")) is None  # the weak word shared
    assert containment(prepare("BLUE SKY"), prepare("JOHN SKYE")) is None  # another word
    coined = containment(prepare("REMY COGNAC BAR"), prepare("REMY MARTIN"))  # no ordinary word: above
    assert coined is not None and coined.score == 0.76


def test_the_ending_of_a_name_glued_from_two_english_words() -> None:
    """THE SHACK for RADIOSHACK: the second word of the name, medium, as a part of the earlier mark."""
    found = containment(prepare("THE SHACK"), prepare("RADIOSHACK"))
    assert found is not None and found.score == 0.75 and "after an ordinary word" in found.reasons[0]
    assert "t:shack" in mark_keys(prepare("RADIOSHACK"))  # filed under it, for the shorter query
    prefixed = containment(prepare("NIKE"), prepare("MYNIKE"))
    assert prefixed is not None and "after a prefix" in prefixed.reasons[0]
    assert containment(prepare("ASONIC"), prepare("PANASONIC")) is None  # no English word
    assert containment(prepare("SHACK"), prepare("SHACKLETON")) is None  # the opening, not a glued name


def test_the_words_of_the_earlier_mark_in_another_order() -> None:
    """SPACE SMART for SMARTSPACE (In re Charger Ventures, Fed. Cir. 2023): above a mark that is one of them."""
    glued = containment(prepare("SPACE SMART"), prepare("SMARTSPACE"))
    assert glued is not None and glued.score == 0.9 and "in another order" in glued.reasons[0]
    apart = containment(prepare("BENZ MERCEDES"), prepare("MERCEDES BENZ"))
    assert apart is not None and apart.score == 0.9
    one = containment(prepare("SPACE SMART"), prepare("SMART"))
    assert one is not None and one.score < glued.score
    more = containment(prepare("BENZ MERCEDES CLASS"), prepare("MERCEDES BENZ"))  # a word more: below
    assert more is not None and more.score == 0.85
    assert "c:smartspace" in {p.key for p in query_probes(prepare("SPACE SMART"))}


def test_a_pejorative_word_in_a_domain_name_is_set_aside() -> None:
    """directlinesucks.com holds DIRECT LINE (WIPO Overview 3.0, 1.13; WIPO D2000-0583)."""
    found = containment(prepare("DIRECTLINESUCKS.COM"), prepare("DIRECT LINE"))
    assert found is not None and found.score == 0.88 and "glued to generic" in found.reasons[0]


def test_the_words_in_another_order_one_in_another_form() -> None:
    """RUST BUSTER for BUST RUST (In re Nationwide Industries, TTAB 1988); the same order is no reordering."""
    found = containment(prepare("RUST BUSTER"), prepare("BUST RUST"))
    assert found is not None and found.score == 0.9 and "-er or -ry ending aside" in found.reasons[0]
    trade = containment(prepare("BEST JEWELRY"), prepare("JEWELERS' BEST"))  # In re Best Products, TTAB 1986
    assert trade is not None and trade.score == 0.9
    plural = containment(prepare("SPACE SMART"), prepare("SMART SPACES"))
    assert plural is not None and plural.score == 0.9
    same_order = containment(prepare("SMART SPACES"), prepare("SMART SPACE"))
    assert same_order is None or "another order" not in same_order.reasons[0]
    assert (
        containment(prepare("WATER TOWER"), prepare("TOW WATERS")) is None
    )  # a stem of four letters at least
