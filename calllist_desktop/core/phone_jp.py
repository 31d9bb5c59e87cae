"""Japanese numbers in their national form (03-1234-5678) without importing ``phonenumbers``.

Why: the desktop client shows the national form of every number in its first paint, and
importing ``phonenumbers`` and compiling its Japanese patterns cost ~20 ms of a ~250 ms start.
This is the same algorithm ``phonenumbers.format_number(..., NATIONAL)`` runs for +81 numbers,
on a copy of its Japanese formatting rules: the first rule whose last leading-digits pattern
matches the start of the number and whose pattern matches all of it; the trunk prefix 0 goes
in front of the first group.

The copy holds the rules in a form that needs no regular expressions: each pattern is a row of
digit groups, kept as their (fewest, most) digits, and each leading-digits pattern a finite
alternation of digits, kept as the prefixes it matches. Compiling those patterns (one of them
760 characters long) was ~2 ms of the first paint. ``tests/core/test_phone.py`` expands the
installed ``phonenumbers`` metadata the same way and compares (an upgrade that changes it fails
there, and prints the new copy), and checks the results against ``phonenumbers`` itself.
"""

from __future__ import annotations

from typing import Final

Groups = tuple[tuple[int, int], ...]
Rule = tuple[Groups, str, tuple[str, ...], str | None]
"""(digit groups, format, leading prefixes (empty: any), national prefix formatting rule)."""

# In the order of phonenumbers' metadata for JP (``PhoneMetadata.metadata_for_region("JP").number_format``).
JP_FORMATS: Final[tuple[Rule, ...]] = (
    (((4, 4), (4, 4)), "\\1-\\2", ("007770", "007771"), None),
    (((8, 10),), "\\1", ("000",), None),
    (((3, 3), (3, 3), (3, 3)), "\\1-\\2-\\3", ("120", "570", "990"), "0\\1"),
    (
        ((4, 4), (1, 1), (4, 4)),
        "\\1-\\2-\\3",
        (
            "1267", "1372", "1374", "1377", "1392", "1397", "1398", "1456", "1457", "1466", "1547", "1558",
            "1564", "1586", "1587", "1632", "1634", "1635", "1648", "1654", "1655", "1656", "1658", "4992",
            "4994", "4996", "4998", "5769", "59792", "59793", "59794", "59795", "59796", "59799", "7468",
            "8387", "8388", "8389", "83962", "83964", "83965", "83967", "83968", "83969", "8477", "8512",
            "8513", "8514", "8515", "8516", "8517", "8518", "8519", "9802", "9912", "9913", "9969",
        ),
        "0\\1",
    ),
    (((2, 2), (3, 3), (4, 4)), "\\1-\\2-\\3", ("60",), "0\\1"),
    (
        ((1, 1), (4, 4), (4, 4)),
        "\\1-\\2-\\3",
        (
            "3", "420", "4290", "4292", "4293", "4294", "4295", "4296", "4299", "4700", "4701", "4709", "471",
            "61", "62", "63", "64", "65", "66", "67", "68", "69",
        ),
        "0\\1",
    ),
    (
        ((2, 2), (3, 3), (4, 4)),
        "\\1-\\2-\\3",
        (
            "11", "1540", "1541", "1548", "1550", "1551", "1557", "177", "188", "196", "199", "221", "222",
            "2230", "2231", "2234", "2235", "2236", "2237", "2238", "2239", "227", "230", "231", "232", "236",
            "239", "245", "249", "2500", "2501", "251", "252", "253", "2540", "2541", "2550", "2551", "2552",
            "2553", "2554", "2555", "2556", "2559", "2560", "2561", "2570", "2571", "2575", "2576", "2577",
            "2578", "2579", "2580", "2581", "25917", "25999", "262", "2640", "2641", "2646", "2647", "2648",
            "2649", "271", "272", "273", "275", "2780", "2781", "2788", "2789", "281", "2830", "2831", "2833",
            "2834", "286", "2890", "2891", "2892", "2893", "2894", "2895", "290", "2917", "292", "2930", "2931",
            "2935", "2936", "2937", "2938", "2939", "298", "421", "4220", "4221", "423", "424", "425", "426",
            "427", "4280", "4281", "4284", "4285", "4286", "429", "430", "431", "432", "433", "434", "435",
            "437", "44", "45", "462", "464", "468", "472", "473", "474", "4750", "4751", "4759", "477", "4790",
            "4791", "4799", "481", "482", "483", "484", "485", "486", "487", "488", "489", "492", "499", "52",
            "530", "534", "535", "5390", "5391", "5392", "5393", "5394", "5395", "53964", "53965", "53966",
            "53967", "53968", "53969", "53970", "53971", "53972", "53973", "53975", "53976", "53978", "53979",
            "5398", "540", "541", "542", "543", "546", "549", "552", "559", "580", "582", "583", "588", "589",
            "590", "591", "592", "593", "5980", "5981", "5989", "5990", "5991", "5999", "720", "722", "723",
            "724", "726", "727", "728", "729", "734", "75", "760", "762", "764", "769", "775", "777", "78",
            "792", "793", "7940", "7941", "7942", "7943", "7944", "7945", "7949", "7950", "7951", "7955",
            "7956", "7959", "7960", "7961", "7966", "7967", "821", "822", "8240", "8241", "8242", "8243",
            "8249", "825", "828", "8290", "8291", "82921", "82922", "82923", "82924", "82925", "82926", "82927",
            "82928", "82929", "82941", "82942", "82943", "8296", "8299", "832", "8360", "8370", "8371", "83766",
            "83767", "83768", "8377", "8378", "8379", "8380", "8381", "839", "849", "851", "860", "861", "862",
            "86362", "86363", "86364", "86365", "86367", "86368", "86369", "864", "8650", "8651", "8652",
            "8653", "86552", "86553", "8658", "8659", "8660", "8661", "86691", "86697", "86698", "86722",
            "86723", "86724", "86726", "86728", "86737", "86738", "8680", "8681", "8689", "8690", "8691",
            "8694", "8695", "86990", "86991", "86994", "86995", "86996", "86997", "86998", "86999", "870",
            "871", "872", "873", "874", "876", "878", "886", "888", "890", "891", "899", "921", "922", "923",
            "924", "925", "926", "927", "928", "929", "931", "932", "933", "934", "935", "936", "937", "938",
            "939", "941", "945", "951", "953", "958", "961", "962", "963", "971", "975", "976", "981", "988",
            "989", "991", "992", "99331", "99343", "99345", "99347", "9940", "9941", "9947", "9948", "998",
            "999",
        ),
        "0\\1",
    ),
    (
        ((3, 3), (2, 2), (4, 4)),
        "\\1-\\2-\\3",
        (
            "1", "22", "23", "24", "25", "26", "27", "28", "29", "4", "53", "54", "55", "56", "57", "58", "59",
            "72", "73", "74", "76", "77", "79", "82", "83", "84", "85", "86", "87", "88", "89", "92", "93",
            "94", "95", "96", "97", "98", "99",
        ),
        "0\\1",
    ),
    (((4, 4), (2, 2), (3, 4)), "\\1-\\2-\\3", ("0077",), None),
    (((4, 4), (2, 2), (4, 4)), "\\1-\\2-\\3", ("008",), None),
    (((3, 3), (3, 3), (4, 4)), "\\1-\\2-\\3", ("800",), "0\\1"),
    (((2, 2), (4, 4), (4, 4)), "\\1-\\2-\\3", ("2", "5", "6", "7", "8", "9"), "0\\1"),
    (((4, 4), (3, 3), (3, 4)), "\\1-\\2-\\3", ("0",), None),
    (((4, 4), (4, 4), (4, 5)), "\\1-\\2-\\3", ("0",), None),
    (((4, 4), (5, 5), (5, 6)), "\\1-\\2-\\3", ("0",), None),
    (((4, 4), (6, 6), (6, 7)), "\\1-\\2-\\3", ("0",), None),
)


def _national_rule(rule: Rule) -> tuple[Groups, str, tuple[str, ...], int, int]:
    """A rule ready to apply: its format for the national form, and the lengths its pattern fits.

    Only the last group of a pattern varies in length (the test of the copy checks it), so a
    number fits when all its digits are there, and its groups are cut from the left.
    """
    groups, number_format, leading, prefix_rule = rule
    if prefix_rule:
        number_format = number_format.replace("\\1", prefix_rule, 1)  # as phonenumbers does, on its first group
    return (groups, number_format, leading, sum(low for low, _ in groups), sum(high for _, high in groups))


_RULES: Final = tuple(_national_rule(rule) for rule in JP_FORMATS)


def format_japanese(national: str) -> str:
    """The national form of a Japanese national significant number (``312345678`` -> ``03-1234-5678``);
    the digits as they are when no rule fits, as ``phonenumbers`` does."""
    if not national.isdecimal():  # what the patterns' \d matches
        return national
    length = len(national)
    for groups, number_format, leading, shortest, longest in _RULES:
        if shortest <= length <= longest and (not leading or national.startswith(leading)):
            start = 0
            for number, (low, _high) in enumerate(groups[:-1], 1):
                number_format = number_format.replace(f"\\{number}", national[start : start + low])
                start += low
            return number_format.replace(f"\\{len(groups)}", national[start:])
    return national
