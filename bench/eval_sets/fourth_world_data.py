"""Word lists for fourth_world: regions, places, streets, names, phones, e-mail domains, titles, dealers.

Written blind from a brief: an Austrian and Swiss car importer's central customer master. Nothing here
was taken from the matcher or from another generator. Lists are ordered roughly by frequency: the
generator draws earlier entries more often (weight 1 / (rank + 3)), so namesakes happen as in life.
"""

# ---------------------------------------------------------------------------------------------------
# Regions: share of households in percent (sums to 100), country, origin mix, dwelling mix.
# "village" origin: surname drawn from the place's own short list half of the time.
# ---------------------------------------------------------------------------------------------------
REGIONS = {
    # Austria: 60
    "vienna": {"country": "AT", "share": 22, "lang": "de",
               "origins": {"at_de": 51, "bcs": 13, "tr": 8, "cz_sk": 7, "ro": 5, "hu": 3, "al": 4, "pt": 1,
                           "it": 1, "ch_de": 1, "er": 1, "fr": 1, "ta": 0.5},
               "kinds": {"estate": 35, "flats": 55, "house": 10}},
    "graz": {"country": "AT", "share": 7, "lang": "de",
             "origins": {"at_de": 70, "bcs": 10, "tr": 4, "ro": 4, "hu": 3, "al": 3, "cz_sk": 2, "it": 1},
             "kinds": {"flats": 65, "house": 35}},
    "linz": {"country": "AT", "share": 6, "lang": "de",
             "origins": {"at_de": 67, "bcs": 10, "tr": 6, "ro": 5, "cz_sk": 5, "hu": 2, "al": 3},
             "kinds": {"flats": 60, "house": 40}},
    "salzburg": {"country": "AT", "share": 6, "lang": "de",
                 "origins": {"at_de": 72, "bcs": 9, "tr": 5, "ro": 4, "hu": 2, "cz_sk": 2, "al": 3, "bav": 2},
                 "kinds": {"flats": 55, "house": 45}},
    "innsbruck": {"country": "AT", "share": 5, "lang": "de",
                  "origins": {"at_de": 66, "st": 5, "it": 4, "tr": 7, "bcs": 8, "ro": 3, "hu": 2, "al": 2,
                              "ch_de": 1, "cz_sk": 2},
                  "kinds": {"flats": 60, "house": 40}},
    "tyrol_villages": {"country": "AT", "share": 6, "lang": "de",
                       "origins": {"village": 85, "at_de": 8, "bcs": 3, "tr": 2, "cz_sk": 2},
                       "kinds": {"house": 80, "flats": 20}},
    "vorarlberg": {"country": "AT", "share": 4, "lang": "de",
                   "origins": {"village": 55, "at_de": 20, "tr": 10, "bcs": 6, "ch_de": 4, "it": 3, "ro": 2},
                   "kinds": {"house": 60, "flats": 40}},
    "burgenland": {"country": "AT", "share": 4, "lang": "de",
                   "origins": {"burgenland": 55, "at_de": 25, "hu": 10, "bcs": 4, "cz_sk": 3, "ro": 3},
                   "kinds": {"house": 85, "flats": 15}},
    # Switzerland: 35
    "zurich": {"country": "CH", "share": 10, "lang": "de",
               "origins": {"ch_de": 55, "it": 8, "pt": 6, "al": 7, "bcs": 6, "tr": 4, "ta": 4, "er": 3, "fr": 2,
                           "at_de": 3, "cz_sk": 1, "hu": 1},
               "kinds": {"flats": 75, "house": 25}},
    "bern": {"country": "CH", "share": 6, "lang": "de",
             "origins": {"ch_de": 62, "ta": 7, "er": 5, "it": 6, "pt": 5, "al": 5, "bcs": 4, "fr": 3, "tr": 3},
             "kinds": {"flats": 70, "house": 30}},
    "basel": {"country": "CH", "share": 4, "lang": "de",
              "origins": {"ch_de": 55, "it": 9, "tr": 9, "pt": 5, "al": 6, "bcs": 6, "fr": 4, "ta": 2, "er": 2,
                          "at_de": 2},
              "kinds": {"flats": 75, "house": 25}},
    "lucerne": {"country": "CH", "share": 3, "lang": "de",
                "origins": {"ch_de": 68, "al": 7, "pt": 6, "bcs": 6, "it": 5, "ta": 3, "er": 3, "tr": 2},
                "kinds": {"flats": 65, "house": 35}},
    "stgallen": {"country": "CH", "share": 3, "lang": "de",
                 "origins": {"ch_de": 65, "al": 8, "bcs": 7, "at_de": 6, "it": 4, "pt": 4, "tr": 4, "ta": 2},
                 "kinds": {"flats": 60, "house": 40}},
    "ticino": {"country": "CH", "share": 4, "lang": "it",
               "origins": {"it": 72, "ch_de": 10, "pt": 6, "bcs": 4, "al": 4, "fr": 2, "er": 1, "tr": 1},
               "kinds": {"flats": 60, "house": 40}},
    "romandy": {"country": "CH", "share": 5, "lang": "fr",
                "origins": {"fr": 58, "pt": 16, "it": 7, "ch_de": 6, "al": 5, "er": 3, "tr": 2, "bcs": 2, "ta": 1},
                "kinds": {"flats": 70, "house": 30}},
    # South Tyrol, Liechtenstein, southern Germany: 5
    "south_tyrol": {"country": "IT", "share": 2, "lang": "de",
                    "origins": {"st": 62, "it": 33, "al": 3, "pt": 1, "bcs": 1},
                    "kinds": {"flats": 50, "house": 50}},
    "liechtenstein": {"country": "LI", "share": 1, "lang": "de",
                      "origins": {"li": 70, "ch_de": 10, "at_de": 8, "it": 4, "tr": 4, "pt": 2, "bcs": 2},
                      "kinds": {"flats": 45, "house": 55}},
    "bavaria": {"country": "DE", "share": 2, "lang": "de",
                "origins": {"bav": 75, "tr": 8, "bcs": 5, "ro": 4, "it": 3, "cz_sk": 2, "hu": 1, "pt": 1, "at_de": 1},
                "kinds": {"flats": 50, "house": 50}},
}

# Mobile numbers from another country, per region (percent of people; the rest have a home number).
FOREIGN_MOBILE = {
    "vienna": {"HU": 1, "SK": 1.5, "DE": 0.5},
    "burgenland": {"HU": 5, "SK": 1},
    "salzburg": {"DE": 4},
    "innsbruck": {"DE": 2, "IT": 3},
    "tyrol_villages": {"DE": 2, "IT": 1, "CH": 1},
    "vorarlberg": {"CH": 12, "LI": 3, "DE": 2},
    "zurich": {"DE": 2, "AT": 1, "IT": 1},
    "basel": {"DE": 6, "FR": 4},
    "stgallen": {"AT": 8, "LI": 2, "DE": 1},
    "ticino": {"IT": 12},
    "romandy": {"FR": 7},
    "lucerne": {"DE": 1},
    "bern": {"DE": 1},
    "south_tyrol": {"AT": 6},
    "liechtenstein": {"CH": 25, "AT": 10},
    "bavaria": {"AT": 10},
    "graz": {"SK": 0.5, "HU": 0.5},
    "linz": {"DE": 1},
}

# ---------------------------------------------------------------------------------------------------
# Places: (postal code, city, extra, landline area code). extra: Vienna district name, Swiss canton, or "".
# ---------------------------------------------------------------------------------------------------
PLACES = {
    "vienna": [
        ("1100", "Wien", "Favoriten", "1"), ("1210", "Wien", "Floridsdorf", "1"), ("1220", "Wien", "Donaustadt", "1"),
        ("1160", "Wien", "Ottakring", "1"), ("1110", "Wien", "Simmering", "1"), ("1120", "Wien", "Meidling", "1"),
        ("1230", "Wien", "Liesing", "1"), ("1200", "Wien", "Brigittenau", "1"), ("1020", "Wien", "Leopoldstadt", "1"),
        ("1030", "Wien", "Landstraße", "1"), ("1140", "Wien", "Penzing", "1"), ("1150", "Wien", "Rudolfsheim-Fünfhaus", "1"),
        ("1170", "Wien", "Hernals", "1"), ("1190", "Wien", "Döbling", "1"), ("1130", "Wien", "Hietzing", "1"),
        ("1180", "Wien", "Währing", "1"), ("1050", "Wien", "Margareten", "1"), ("1090", "Wien", "Alsergrund", "1"),
        ("1060", "Wien", "Mariahilf", "1"), ("1070", "Wien", "Neubau", "1"), ("1040", "Wien", "Wieden", "1"),
        ("1080", "Wien", "Josefstadt", "1"), ("1010", "Wien", "Innere Stadt", "1"),
    ],
    "graz": [
        ("8020", "Graz", "", "316"), ("8010", "Graz", "", "316"), ("8051", "Graz", "", "316"), ("8053", "Graz", "", "316"),
        ("8041", "Graz", "", "316"), ("8042", "Graz", "", "316"), ("8055", "Graz", "", "316"), ("8045", "Graz", "", "316"),
        ("8054", "Seiersberg-Pirka", "", "316"), ("8071", "Hausmannstätten", "", "3135"), ("8200", "Gleisdorf", "", "3112"),
        ("8401", "Kalsdorf bei Graz", "", "3135"),
    ],
    "linz": [
        ("4020", "Linz", "", "732"), ("4030", "Linz", "", "732"), ("4040", "Linz", "", "732"), ("4050", "Traun", "", "7229"),
        ("4060", "Leonding", "", "732"), ("4400", "Steyr", "", "7252"), ("4600", "Wels", "", "7242"),
        ("4061", "Pasching", "", "7229"), ("4470", "Enns", "", "7223"),
    ],
    "salzburg": [
        ("5020", "Salzburg", "", "662"), ("5023", "Salzburg", "", "662"), ("5026", "Salzburg", "", "662"),
        ("5071", "Wals-Siezenheim", "", "662"), ("5081", "Anif", "", "6246"), ("5400", "Hallein", "", "6245"),
        ("5500", "Bischofshofen", "", "6462"), ("5700", "Zell am See", "", "6542"), ("5760", "Saalfelden am Steinernen Meer", "", "6582"),
        ("5310", "Mondsee", "", "6232"),
    ],
    "innsbruck": [
        ("6020", "Innsbruck", "", "512"), ("6060", "Hall in Tirol", "", "5223"), ("6063", "Rum", "", "512"),
        ("6065", "Thaur", "", "5223"), ("6067", "Absam", "", "5223"), ("6071", "Aldrans", "", "512"),
        ("6176", "Völs", "", "512"), ("6130", "Schwaz", "", "5242"), ("6330", "Kufstein", "", "5372"), ("6460", "Imst", "", "5412"),
    ],
    "tyrol_villages": [
        ("6167", "Neustift im Stubaital", "", "5226"), ("6450", "Sölden", "", "5254"), ("6444", "Längenfeld", "", "5253"),
        ("9981", "Kals am Großglockner", "", "4876"), ("9971", "Matrei in Osttirol", "", "4875"), ("6561", "Ischgl", "", "5444"),
        ("6555", "Kappl", "", "5445"), ("6293", "Tux", "", "5287"), ("6236", "Alpbach", "", "5336"),
        ("6311", "Wildschönau", "", "5339"), ("9963", "St. Jakob in Defereggen", "", "4873"),
    ],
    "vorarlberg": [
        ("6863", "Egg", "", "5512"), ("6870", "Bezau", "", "5514"), ("6867", "Schwarzenberg", "", "5512"),
        ("6883", "Au", "", "5515"), ("6780", "Schruns", "", "5556"), ("6850", "Dornbirn", "", "5572"),
        ("6890", "Lustenau", "", "5577"), ("6800", "Feldkirch", "", "5522"), ("6900", "Bregenz", "", "5574"),
        ("6700", "Bludenz", "", "5552"),
    ],
    "burgenland": [
        ("7000", "Eisenstadt", "", "2682"), ("7100", "Neusiedl am See", "", "2167"), ("7400", "Oberwart", "", "3352"),
        ("7210", "Mattersburg", "", "2626"), ("7540", "Güssing", "", "3322"), ("7350", "Oberpullendorf", "", "2612"),
        ("7551", "Stegersbach", "", "3326"), ("7304", "Großwarasdorf", "", "2614"), ("7301", "Deutschkreutz", "", "2613"),
    ],
    "zurich": [
        ("8004", "Zürich", "ZH", "44"), ("8005", "Zürich", "ZH", "44"), ("8050", "Zürich", "ZH", "44"),
        ("8046", "Zürich", "ZH", "44"), ("8048", "Zürich", "ZH", "44"), ("8003", "Zürich", "ZH", "44"),
        ("8032", "Zürich", "ZH", "44"), ("8400", "Winterthur", "ZH", "52"), ("8404", "Winterthur", "ZH", "52"),
        ("8610", "Uster", "ZH", "44"), ("8600", "Dübendorf", "ZH", "44"), ("8953", "Dietikon", "ZH", "44"),
        ("8820", "Wädenswil", "ZH", "44"), ("8302", "Kloten", "ZH", "44"), ("8152", "Opfikon", "ZH", "44"),
    ],
    "bern": [
        ("3011", "Bern", "BE", "31"), ("3013", "Bern", "BE", "31"), ("3014", "Bern", "BE", "31"), ("3027", "Bern", "BE", "31"),
        ("3063", "Ittigen", "BE", "31"), ("3084", "Wabern", "BE", "31"), ("3097", "Liebefeld", "BE", "31"),
        ("3400", "Burgdorf", "BE", "34"), ("3600", "Thun", "BE", "33"), ("2502", "Biel/Bienne", "BE", "32"),
    ],
    "basel": [
        ("4057", "Basel", "BS", "61"), ("4058", "Basel", "BS", "61"), ("4055", "Basel", "BS", "61"), ("4053", "Basel", "BS", "61"),
        ("4102", "Binningen", "BL", "61"), ("4132", "Muttenz", "BL", "61"), ("4133", "Pratteln", "BL", "61"),
        ("4142", "Münchenstein", "BL", "61"), ("4410", "Liestal", "BL", "61"),
    ],
    "lucerne": [
        ("6003", "Luzern", "LU", "41"), ("6005", "Luzern", "LU", "41"), ("6010", "Kriens", "LU", "41"),
        ("6020", "Emmenbrücke", "LU", "41"), ("6030", "Ebikon", "LU", "41"), ("6210", "Sursee", "LU", "41"),
    ],
    "stgallen": [
        ("9000", "St. Gallen", "SG", "71"), ("9008", "St. Gallen", "SG", "71"), ("9200", "Gossau", "SG", "71"),
        ("9400", "Rorschach", "SG", "71"), ("9430", "St. Margrethen", "SG", "71"), ("9450", "Altstätten", "SG", "71"),
        ("9470", "Buchs", "SG", "81"), ("9500", "Wil", "SG", "71"),
    ],
    "ticino": [
        ("6900", "Lugano", "TI", "91"), ("6830", "Chiasso", "TI", "91"), ("6850", "Mendrisio", "TI", "91"),
        ("6500", "Bellinzona", "TI", "91"), ("6600", "Locarno", "TI", "91"), ("6616", "Losone", "TI", "91"),
        ("6512", "Giubiasco", "TI", "91"), ("6710", "Biasca", "TI", "91"),
    ],
    "romandy": [
        ("1004", "Lausanne", "VD", "21"), ("1018", "Lausanne", "VD", "21"), ("1203", "Genève", "GE", "22"),
        ("1205", "Genève", "GE", "22"), ("1800", "Vevey", "VD", "21"), ("1820", "Montreux", "VD", "21"),
        ("1950", "Sion", "VS", "27"), ("2000", "Neuchâtel", "NE", "32"), ("1700", "Fribourg", "FR", "26"),
        ("2300", "La Chaux-de-Fonds", "NE", "32"), ("1260", "Nyon", "VD", "22"), ("1110", "Morges", "VD", "21"),
    ],
    "south_tyrol": [
        ("39100", "Bozen", "BZ", "0471"), ("39012", "Meran", "BZ", "0473"), ("39042", "Brixen", "BZ", "0472"),
        ("39031", "Bruneck", "BZ", "0474"), ("39040", "Tramin", "BZ", "0471"), ("39057", "Eppan", "BZ", "0471"),
    ],
    "liechtenstein": [
        ("9490", "Vaduz", "", ""), ("9494", "Schaan", "", ""), ("9495", "Triesen", "", ""), ("9496", "Balzers", "", ""),
        ("9492", "Eschen", "", ""), ("9493", "Mauren", "", ""), ("9497", "Triesenberg", "", ""), ("9487", "Gamprin-Bendern", "", ""),
    ],
    "bavaria": [
        ("83022", "Rosenheim", "", "8031"), ("83435", "Bad Reichenhall", "", "8651"), ("94032", "Passau", "", "851"),
        ("87435", "Kempten", "", "831"), ("88131", "Lindau", "", "8382"), ("83395", "Freilassing", "", "8654"),
        ("82467", "Garmisch-Partenkirchen", "", "8821"), ("80331", "München", "", "89"),
    ],
}

# Other ways to write a city (exports, old systems, other languages).
CITY_ALTERNATES = {
    "Wien": ("WIEN", "Vienna"),
    "Zürich": ("Zuerich", "Zurich", "ZÜRICH"),
    "Genève": ("Genf", "Geneva", "Geneve"),
    "Luzern": ("Lucerne",),
    "Neuchâtel": ("Neuenburg", "Neuchatel"),
    "Fribourg": ("Freiburg", "Fribourg/Freiburg"),
    "Sion": ("Sitten",),
    "Biel/Bienne": ("Biel", "Bienne", "Biel-Bienne"),
    "St. Gallen": ("St.Gallen", "Sankt Gallen", "St Gallen"),
    "St. Margrethen": ("St.Margrethen", "Sankt Margrethen"),
    "St. Jakob in Defereggen": ("St.Jakob i.D.", "Sankt Jakob in Defereggen", "St. Jakob i. Def."),
    "Bozen": ("Bolzano", "Bozen/Bolzano", "Bolzano - Bozen"),
    "Meran": ("Merano", "Meran/Merano"),
    "Brixen": ("Bressanone",),
    "Bruneck": ("Brunico",),
    "Tramin": ("Termeno",),
    "Eppan": ("Appiano", "Eppan an der Weinstraße"),
    "München": ("Muenchen", "Munich"),
    "Neustift im Stubaital": ("Neustift", "Neustift i. St.", "Neustift/Stubai"),
    "Matrei in Osttirol": ("Matrei i.O.", "Matrei"),
    "Kals am Großglockner": ("Kals", "Kals a. Gr."),
    "Hall in Tirol": ("Hall i.T.", "Hall"),
    "Saalfelden am Steinernen Meer": ("Saalfelden",),
    "Wals-Siezenheim": ("Wals", "Siezenheim"),
    "Kalsdorf bei Graz": ("Kalsdorf",),
    "Neusiedl am See": ("Neusiedl/See", "Neusiedl a. See"),
    "La Chaux-de-Fonds": ("La Chaux de Fonds", "Chaux-de-Fonds"),
    "Garmisch-Partenkirchen": ("Garmisch", "Garmisch Partenkirchen"),
    "Gamprin-Bendern": ("Bendern", "Gamprin"),
    "Seiersberg-Pirka": ("Seiersberg",),
}

# ---------------------------------------------------------------------------------------------------
# Streets. German streets in canonical spelling; the generator abbreviates and respells.
# ---------------------------------------------------------------------------------------------------
STREETS = {
    "vienna": (
        "Favoritenstraße", "Simmeringer Hauptstraße", "Brünner Straße", "Prager Straße", "Leopoldauer Straße",
        "Wagramer Straße", "Erzherzog-Karl-Straße", "Quellenstraße", "Thaliastraße", "Ottakringer Straße",
        "Hernalser Hauptstraße", "Währinger Straße", "Landstraßer Hauptstraße", "Mariahilfer Straße", "Linzer Straße",
        "Hütteldorfer Straße", "Meidlinger Hauptstraße", "Triester Straße", "Laxenburger Straße", "Gudrunstraße",
        "Siebenbrunnengasse", "Schönbrunner Straße", "Rennweg", "Taborstraße", "Döblinger Hauptstraße",
        "Engerthstraße", "Dresdner Straße", "Handelskai", "Wienerbergstraße", "Sonnleithnergasse",
        "Puchsbaumgasse", "Quadenstraße", "Hasenleitengasse", "Gumpendorfer Straße", "Lerchenfelder Straße",
        "Kaiserstraße", "Neubaugasse", "Josefstädter Straße", "Alser Straße", "Wiedner Hauptstraße",
        "Reinprechtsdorfer Straße", "Rinnböckstraße", "Kagraner Platz", "Siebeckstraße", "Schrödingerstraße",
        "Floridsdorfer Hauptstraße", "Jedleseer Straße", "Van-der-Nüll-Gasse", "Herndlgasse", "Gellertgasse",
    ),
    "graz": (
        "Annenstraße", "Griesplatz", "Lazarettgürtel", "Kärntner Straße", "Herrgottwiesgasse", "Triester Straße",
        "Eggenberger Gürtel", "Wiener Straße", "Grabenstraße", "Conrad-von-Hötzendorf-Straße", "Liebenauer Hauptstraße",
        "St.-Peter-Hauptstraße", "Plüddemanngasse", "Leonhardstraße", "Elisabethstraße", "Schönaugasse",
        "Alte Poststraße", "Straßganger Straße", "Hauptstraße", "Feldgasse", "Bahnhofstraße", "Kirchengasse",
    ),
    "linz": (
        "Landstraße", "Wiener Straße", "Dauphinestraße", "Salzburger Straße", "Leonfeldner Straße", "Hauptstraße",
        "Freistädter Straße", "Unionstraße", "Wankmüllerhofstraße", "Muldenstraße", "Kremstalstraße",
        "Welser Straße", "Bahnhofstraße", "Stadtplatz", "Kirchengasse", "Linzer Straße", "Schillerstraße",
    ),
    "salzburg": (
        "Ignaz-Harrer-Straße", "Alpenstraße", "Linzer Bundesstraße", "Münchner Bundesstraße", "Siezenheimer Straße",
        "Vogelweiderstraße", "Schallmooser Hauptstraße", "Maxglaner Hauptstraße", "Moosstraße", "Aigner Straße",
        "Bahnhofstraße", "Salzachstraße", "Kirchenweg", "Dorfstraße", "Hauptstraße", "Gewerbestraße",
    ),
    "innsbruck": (
        "Amraser Straße", "Reichenauer Straße", "Höttinger Au", "Pradler Straße", "Kaiserjägerstraße", "Museumstraße",
        "Andreas-Hofer-Straße", "Anichstraße", "Technikerstraße", "Kranebitter Allee", "Olympiastraße", "Fürstenweg",
        "Dorfstraße", "Salzburger Straße", "Bahnhofstraße", "Haller Straße", "Innstraße", "Schützenstraße",
    ),
    "tyrol_villages": ("Dorfstraße", "Kirchweg", "Oberdorf", "Unterdorf", "Hauptstraße", "Feldweg", "Talstraße"),
    "vorarlberg": (
        "Hauptstraße", "Bahnhofstraße", "Dorf", "Kirchstraße", "Marktstraße", "Schillerstraße", "Schulgasse",
        "Achstraße", "Rheinstraße", "Landstraße", "Feldkircher Straße", "Kapellenweg", "Moosmahdstraße",
    ),
    "burgenland": (
        "Hauptstraße", "Hauptplatz", "Kirchengasse", "Bahnstraße", "Wiener Straße", "Obere Hauptstraße",
        "Untere Hauptstraße", "Feldgasse", "Neubaugasse", "Angergasse", "Ruster Straße", "Rosengasse",
    ),
    "zurich": (
        "Bahnhofstrasse", "Langstrasse", "Badenerstrasse", "Seefeldstrasse", "Hohlstrasse", "Winterthurerstrasse",
        "Schaffhauserstrasse", "Rosengartenstrasse", "Birmensdorferstrasse", "Albisstrasse", "Dorfstrasse",
        "Zürichstrasse", "Wehntalerstrasse", "Hardstrasse", "Forchstrasse", "Wasserwerkstrasse", "Stauffacherstrasse",
        "Technikumstrasse", "Überlandstrasse", "Kanzleistrasse", "Hauptstrasse", "Seestrasse", "Kirchgasse",
    ),
    "bern": (
        "Bernstrasse", "Thunstrasse", "Länggassstrasse", "Effingerstrasse", "Freiburgstrasse", "Murtenstrasse",
        "Könizstrasse", "Seftigenstrasse", "Papiermühlestrasse", "Wankdorffeldstrasse", "Dorfstrasse",
        "Bahnhofstrasse", "Hauptstrasse", "Brunnmattstrasse", "Zentralstrasse", "Mattenhofstrasse",
    ),
    "basel": (
        "Güterstrasse", "Klybeckstrasse", "Feldbergstrasse", "Hammerstrasse", "Elsässerstrasse",
        "Gundeldingerstrasse", "St. Johanns-Vorstadt", "Burgfelderstrasse", "Rheinfelderstrasse", "Hauptstrasse",
        "Baslerstrasse", "Bahnhofstrasse", "Kasernenstrasse", "Mülhauserstrasse",
    ),
    "lucerne": (
        "Pilatusstrasse", "Baselstrasse", "Zürichstrasse", "Obergrundstrasse", "Gerliswilstrasse",
        "Luzernerstrasse", "Kantonsstrasse", "Bahnhofstrasse", "Dorfstrasse", "Hauptstrasse", "Seetalstrasse",
    ),
    "stgallen": (
        "Rorschacher Strasse", "Zürcher Strasse", "Teufener Strasse", "Rosenbergstrasse", "Bahnhofstrasse",
        "Hauptstrasse", "Staatsstrasse", "Poststrasse", "Dorfstrasse", "St. Jakob-Strasse", "Langgasse",
    ),
    "ticino": (
        "Via Cantonale", "Via San Gottardo", "Via Pretorio", "Via Nassa", "Via Lugano", "Corso San Gottardo",
        "Via Stazione", "Via Luini", "Via Besso", "Via Vela", "Via Motta", "Viale Stazione", "Via alla Campagna",
        "Via Ciseri", "Via Borghetto", "Via dei Faggi",
    ),
    "romandy": (
        "Chemin des Vignes", "Avenue de la Gare", "Rue du Simplon", "Route de Berne", "Rue de Lausanne",
        "Chemin du Levant", "Avenue de Morges", "Rue Centrale", "Route de Genève", "Chemin de la Colline",
        "Rue du Lac", "Avenue des Alpes", "Rue de la Servette", "Boulevard Carl-Vogt", "Rue du Rhône",
        "Chemin des Crêts", "Rue de l'Industrie", "Avenue de Cour",
    ),
    "south_tyrol": (
        "Bahnhofstraße", "Via Roma", "Lauben", "Meinhardstraße", "Runkelsteinerstraße", "Via Druso", "Dorfstraße",
        "Kirchgasse", "Via Resia", "Romstraße", "Andreas-Hofer-Straße", "Weinstraße",
    ),
    "liechtenstein": (
        "Landstrasse", "Städtle", "Äulestrasse", "Feldkircher Strasse", "Dorfstrasse", "Im Gässle", "Zollstrasse",
        "Fürst-Franz-Josef-Strasse", "Essanestrasse", "Kirchstrasse", "Bahnstrasse",
    ),
    "bavaria": (
        "Hauptstraße", "Bahnhofstraße", "Münchener Straße", "Salzburger Straße", "Kufsteiner Straße",
        "Ludwigstraße", "Innstraße", "Kirchplatz", "Schulstraße", "Max-Josefs-Platz", "Rosenheimer Straße",
    ),
}

# Vienna estates (Gemeindebau and big blocks): hundreds of flats behind one street number.
ESTATES = (
    ("Am Schöpfwerk", "29", "1120", "Meidling"),
    ("Heiligenstädter Straße", "82", "1190", "Döbling"),
    ("Anton-Baumgartner-Straße", "44", "1230", "Liesing"),
    ("Rennbahnweg", "27", "1220", "Donaustadt"),
    ("Kürschnergasse", "9", "1210", "Floridsdorf"),
    ("Jedleseer Straße", "66", "1210", "Floridsdorf"),
    ("Margaretengürtel", "100", "1050", "Margareten"),
    ("Rabengasse", "3", "1030", "Landstraße"),
    ("Liebknechtgasse", "12", "1160", "Ottakring"),
    ("Hütteldorfer Straße", "252", "1140", "Penzing"),
    ("Wienerbergstraße", "16", "1120", "Meidling"),
    ("Quellenstraße", "24", "1100", "Favoriten"),
    ("Siebenbrunnenfeldgasse", "3", "1050", "Margareten"),
    ("Trauzlgasse", "1", "1210", "Floridsdorf"),
)

# Villages and small towns: the few surnames that are half the place, and the local streets or hamlets.
# A street equal to the place name means an Austrian conscription number ("Neustift 45").
VILLAGES = {
    "Neustift im Stubaital": (("Pfurtscheller", "Gleirscher", "Hofer", "Kindl", "Siller", "Danler"),
                              ("Neustift", "Dorf", "Kampl", "Milders", "Neder", "Scheibe", "Herrengasse")),
    "Sölden": (("Gstrein", "Grüner", "Falkner", "Riml", "Santer", "Kneisl"),
               ("Sölden", "Dorfstraße", "Innerwald", "Rettenbach", "Windau", "Hochsölden")),
    "Längenfeld": (("Auer", "Schöpf", "Kuprian", "Holzknecht", "Pienz", "Gstrein"),
                   ("Längenfeld", "Unterlängenfeld", "Oberlängenfeld", "Huben", "Au", "Burgstein")),
    "Kals am Großglockner": (("Gratz", "Groder", "Rubisoier", "Schneider", "Oberlohr", "Bergerweiß"),
                             ("Kals", "Großdorf", "Ködnitz", "Lana", "Burg", "Unterpeischlach")),
    "Matrei in Osttirol": (("Mattersberger", "Holzer", "Gasser", "Steiner", "Berger", "Egger"),
                           ("Rauterplatz", "Lienzer Straße", "Bichl", "Klaunz", "Seblas", "Proßegg")),
    "Ischgl": (("Walser", "Zangerl", "Aloys", "Kurz", "Pfeifer", "Salner"),
               ("Ischgl", "Dorfstraße", "Mathon", "Paznaunstraße", "Silvrettastraße")),
    "Kappl": (("Zangerl", "Juen", "Siegele", "Ladner", "Jehle", "Wolf"),
              ("Kappl", "Langesthei", "Perpat", "Holdernach", "Wiesen", "Dorf")),
    "Tux": (("Erler", "Tipotsch", "Geisler", "Kreidl", "Stock", "Fankhauser"),
            ("Lanersbach", "Hintertux", "Madseit", "Juns", "Vorderlanersbach")),
    "Alpbach": (("Moser", "Lederer", "Margreiter", "Klingler", "Bischofer", "Hausberger"),
                ("Alpbach", "Inneralpbach", "Dorf", "Greith", "Achenwald")),
    "Wildschönau": (("Schoner", "Thaler", "Silberberger", "Weißbacher", "Gwiggner", "Hofer"),
                    ("Oberau", "Niederau", "Auffach", "Thierbach", "Mühltal")),
    "St. Jakob in Defereggen": (("Ladstätter", "Gasser", "Egger", "Kleinlercher", "Stemberger", "Unterkircher"),
                                ("Unterrotte", "Oberrotte", "Feistritz", "Rinderschinken", "Mariahilf")),
    "Egg": (("Moosbrugger", "Feuerstein", "Bereuter", "Fink", "Meusburger", "Greber"),
            ("Pfister", "Gerbe", "Loco", "Großdorf", "Hub", "Bach")),
    "Bezau": (("Meusburger", "Metzler", "Natter", "Fetz", "Moosbrugger", "Bechter"),
              ("Platz", "Ellenbogen", "Oberdorf", "Unterdorf", "Bahnhofstraße")),
    "Schwarzenberg": (("Feuerstein", "Kaufmann", "Fink", "Metzler", "Greber", "Bereuter"),
                      ("Hof", "Gschwend", "Loch", "Dorf", "Stangenach")),
    "Au": (("Moosbrugger", "Simma", "Fetz", "Natter", "Rüf", "Bischof"),
           ("Argenau", "Lisse", "Rehmen", "Jaghausen", "Neudorf")),
    "Schruns": (("Tschofen", "Netzer", "Vallaster", "Juen", "Bitschnau", "Zudrell"),
                ("Silvrettastraße", "Kirchplatz", "Batloggstraße", "Dorfstraße", "Gauen")),
    "Dornbirn": (("Rhomberg", "Hämmerle", "Luger", "Ölz", "Diem", "Fussenegger"),
                 ("Marktstraße", "Bahnhofstraße", "Hatlerstraße", "Schwefel", "Haselstauder Straße", "Stiglingen")),
    "Lustenau": (("Hollenstein", "Bösch", "Grabher", "Vogel", "Hämmerle", "Alge"),
                 ("Maria-Theresien-Straße", "Kaiser-Franz-Josef-Straße", "Rheinstraße", "Hofsteigstraße", "Zellgasse")),
    "Großwarasdorf": (("Karall", "Horvath", "Resetarits", "Sinkovics", "Grandits", "Wukovits"),
                      ("Hauptstraße", "Kirchengasse", "Obere Hauptstraße", "Kleinwarasdorf")),
}

# ---------------------------------------------------------------------------------------------------
# Names: FIRST_NAMES[origin] = (male, female); SURNAMES[origin].
# ---------------------------------------------------------------------------------------------------
_AT_MALE = ("Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Martin", "Josef", "Johann", "Franz",
            "Daniel", "Peter", "Wolfgang", "Gerhard", "Manfred", "Alexander", "Florian", "Lukas", "David", "Karl",
            "Günter", "Helmut", "Herbert", "Georg", "Werner", "Harald", "Walter", "Robert", "Anton", "Alois",
            "Leopold", "Rudolf", "Friedrich", "Bernhard", "Reinhard", "Erwin", "Hubert", "Jakob", "Maximilian",
            "Tobias", "Fabian", "Dominik", "Matthias", "Sebastian", "Patrick", "Mario", "Roland", "Kurt", "Ernst",
            "Paul", "Elias", "Felix", "Julian", "Simon", "Ferdinand", "Engelbert", "Siegfried", "Ulrich", "Otto",
            "Johann Georg", "Karl-Heinz", "Hans-Peter")
_AT_FEMALE = ("Maria", "Anna", "Elisabeth", "Sabine", "Andrea", "Claudia", "Christine", "Monika", "Barbara", "Katharina",
              "Julia", "Lisa", "Sandra", "Birgit", "Petra", "Gabriele", "Brigitte", "Karin", "Martina", "Daniela",
              "Nicole", "Johanna", "Theresia", "Ingrid", "Renate", "Margarete", "Helga", "Eva", "Susanne", "Ursula",
              "Franziska", "Sarah", "Lena", "Hannah", "Sophie", "Laura", "Magdalena", "Verena", "Carina", "Bettina",
              "Cornelia", "Stefanie", "Melanie", "Theresa", "Viktoria", "Marlene", "Hildegard", "Herta", "Gertraud",
              "Rosa", "Aloisia", "Josefa", "Anna-Lena", "Maria Theresia", "Elfriede")
_CH_MALE = ("Daniel", "Peter", "Thomas", "Martin", "Christian", "Andreas", "Markus", "Hans", "Stefan", "Marco",
            "Urs", "Beat", "Reto", "Patrick", "Michael", "René", "Bruno", "Rolf", "Walter", "Roger", "Kurt", "Werner",
            "Heinz", "Ulrich", "Jakob", "Ernst", "Fritz", "Rudolf", "Adrian", "Lukas", "Simon", "Jonas", "Luca",
            "Noah", "Matthias", "Samuel", "Fabian", "Dominik", "Pascal", "Raphael", "Silvan", "Cyrill", "Mathias",
            "Hansruedi", "Hanspeter", "Heinrich", "Josef", "Johann")
_CH_FEMALE = ("Ursula", "Verena", "Elisabeth", "Barbara", "Ruth", "Monika", "Brigitte", "Margrit", "Esther", "Regula",
              "Franziska", "Heidi", "Claudia", "Sandra", "Nicole", "Andrea", "Daniela", "Cornelia", "Corinne",
              "Sabrina", "Priska", "Rahel", "Anna", "Lea", "Laura", "Sara", "Nina", "Mia", "Jana", "Seraina",
              "Madeleine", "Annemarie", "Marianne", "Susanne", "Beatrice", "Yvonne", "Theresia", "Katharina")
_VILLAGE_MALE = ("Josef", "Johann", "Alois", "Andreas", "Georg", "Anton", "Franz", "Peter", "Michael", "Stefan",
                 "Thomas", "Martin", "Christian", "Markus", "Florian", "Lukas", "Matthias", "Simon", "Jakob", "Elias",
                 "Hannes", "Manuel", "Daniel", "Dominik", "Bernhard", "Herbert", "Hubert", "Engelbert", "Gottfried",
                 "Raimund")
_VILLAGE_FEMALE = ("Maria", "Anna", "Theresia", "Elisabeth", "Katharina", "Johanna", "Magdalena", "Rosa", "Notburga",
                   "Agnes", "Barbara", "Monika", "Christine", "Claudia", "Sabine", "Andrea", "Martina", "Petra",
                   "Verena", "Carina", "Lisa", "Julia", "Lena", "Sophia", "Hannah", "Laura", "Anna-Lena", "Theresa",
                   "Franziska", "Paula")

FIRST_NAMES = {
    "at_de": (_AT_MALE, _AT_FEMALE),
    "village": (_VILLAGE_MALE, _VILLAGE_FEMALE),
    "burgenland": (_AT_MALE, _AT_FEMALE),
    "bav": (_AT_MALE, _AT_FEMALE),
    "ch_de": (_CH_MALE, _CH_FEMALE),
    "li": (_CH_MALE, _CH_FEMALE),
    "st": (("Florian", "Manuel", "Hannes", "Lukas", "Simon", "Matthias", "Martin", "Andreas", "Thomas", "Stefan",
            "Michael", "Josef", "Johann", "Alexander", "Günther", "Georg", "Alois", "Christian"),
           ("Anna", "Maria", "Magdalena", "Sabine", "Petra", "Martina", "Barbara", "Elisabeth", "Evi", "Sonja",
            "Verena", "Katharina", "Julia", "Lisa", "Theresia", "Monika", "Manuela")),
    "cz_sk": (("Jan", "Petr", "Pavel", "Tomáš", "Jiří", "Martin", "Lukáš", "Jakub", "Michal", "Ondřej", "Miroslav",
               "Zdeněk", "Peter", "Juraj", "Marek", "Ľubomír", "Matej", "Radek", "Václav"),
              ("Jana", "Petra", "Lucie", "Kateřina", "Eva", "Hana", "Veronika", "Zuzana", "Lenka", "Martina",
               "Monika", "Simona", "Ivana", "Mária", "Jarmila", "Žaneta", "Tereza", "Alžběta")),
    "hu": (("László", "István", "József", "János", "Zoltán", "Sándor", "Gábor", "Ferenc", "Attila", "Péter", "Tamás",
            "Zsolt", "Balázs", "Csaba", "Gergő", "Ádám", "Levente"),
           ("Mária", "Erzsébet", "Katalin", "Ilona", "Éva", "Anna", "Zsuzsanna", "Andrea", "Krisztina", "Judit",
            "Ágnes", "Erika", "Eszter", "Réka", "Zsófia", "Nikolett", "Dóra", "Tünde", "Orsolya")),
    "bcs": (("Marko", "Ivan", "Nikola", "Stefan", "Aleksandar", "Dragan", "Milan", "Zoran", "Goran", "Dejan", "Nenad",
             "Željko", "Branko", "Miroslav", "Senad", "Emir", "Amir", "Adnan", "Haris", "Edin", "Mirza", "Jure", "Luka",
             "Matej", "Tomislav", "Đorđe", "Miloš", "Dušan", "Vuk", "Jovan"),
            ("Ana", "Marija", "Ivana", "Jelena", "Milica", "Jovana", "Snežana", "Dragana", "Gordana", "Mirjana",
             "Vesna", "Branka", "Amra", "Lejla", "Amela", "Emina", "Selma", "Azra", "Maja", "Nina", "Katarina",
             "Tanja", "Biljana", "Željka", "Đurđica", "Nataša", "Špela", "Mojca", "Urška")),
    "ro": (("Andrei", "Alexandru", "Mihai", "Ion", "Gheorghe", "Vasile", "Constantin", "Florin", "Cristian", "Adrian",
            "Bogdan", "Ionuț", "Răzvan", "Marius", "Sorin", "Ștefan"),
           ("Maria", "Elena", "Ioana", "Andreea", "Mihaela", "Ana", "Cristina", "Alina", "Gabriela", "Daniela",
            "Ramona", "Roxana", "Simona", "Larisa", "Oana", "Raluca")),
    "al": (("Arben", "Besnik", "Driton", "Fatmir", "Agim", "Valon", "Blerim", "Ilir", "Arton", "Labinot", "Florim",
            "Shkëlzen", "Bujar", "Edon", "Liridon", "Egzon", "Dardan", "Alban", "Gentrit", "Shqipron"),
           ("Arta", "Blerta", "Drita", "Valbona", "Vjosa", "Fatime", "Mimoza", "Shqipe", "Teuta", "Albana", "Besa",
            "Lirije", "Hana", "Arbnora", "Edona", "Donika", "Rinora", "Merita", "Lumturije")),
    "pt": (("João", "José", "António", "Manuel", "Francisco", "Carlos", "Paulo", "Pedro", "Luís", "Rui", "Jorge",
            "Nuno", "Miguel", "Tiago", "Ricardo", "Sérgio", "Fernando", "Vítor"),
           ("Maria", "Ana", "Sofia", "Catarina", "Inês", "Joana", "Rita", "Sandra", "Paula", "Cláudia", "Susana",
            "Fátima", "Filipa", "Mariana", "Beatriz", "Márcia", "Conceição")),
    "ta": (("Sivakumar", "Kumar", "Rajan", "Suresh", "Ramesh", "Prakash", "Thusyanthan", "Kajan", "Mathan",
            "Niroshan", "Pirathees", "Sathees", "Kirushanth", "Thivakar", "Vithushan", "Janarthanan"),
           ("Kavitha", "Sumathi", "Shanthi", "Priya", "Thusyanthi", "Mathumitha", "Nirosha", "Sharmila", "Tharshika",
            "Luxsika", "Kajani", "Vithya", "Abirami", "Keerthana", "Sangeetha", "Jeyanthi")),
    "tr": (("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Murat", "Emre", "Burak",
            "Serkan", "Kemal", "Yusuf", "Ömer", "Fatih", "Cem", "Can", "Erkan", "Onur", "Volkan", "Oğuz"),
           ("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Sultan", "Hülya", "Özlem",
            "Derya", "Gül", "Esra", "Büşra", "Merve", "Selin", "Ebru", "Aylin", "Dilek", "Gülsüm", "Tuğba")),
    "it": (("Marco", "Luca", "Andrea", "Giuseppe", "Giovanni", "Francesco", "Alessandro", "Matteo", "Paolo",
            "Stefano", "Roberto", "Fabio", "Davide", "Simone", "Lorenzo", "Mattia", "Nicola", "Claudio", "Fabrizio",
            "Gianluca", "Pierluigi", "Gian Paolo"),
           ("Maria", "Anna", "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Elena", "Paola", "Silvia", "Roberta",
            "Federica", "Valentina", "Alessia", "Martina", "Manuela", "Daniela", "Elisa", "Monica", "Lucia",
            "Maria Grazia", "Anna Maria")),
    "fr": (("Jean", "Pierre", "Philippe", "Michel", "Jacques", "Alain", "Daniel", "Christophe", "Nicolas", "Olivier",
            "Laurent", "Frédéric", "Stéphane", "Sébastien", "Julien", "Thierry", "Jean-Pierre", "Jean-Marc",
            "Jean-Claude", "François", "Yves", "Gilles", "Cédric", "Loïc", "Mathieu", "Théo", "Noé"),
           ("Marie", "Anne", "Françoise", "Catherine", "Nathalie", "Isabelle", "Sylvie", "Christine", "Valérie",
            "Sandrine", "Céline", "Sophie", "Mélanie", "Aurélie", "Chloé", "Léa", "Camille", "Élodie", "Marie-Claude",
            "Anne-Marie", "Josiane", "Monique", "Hélène", "Joëlle", "Danièle")),
    "er": (("Yonas", "Dawit", "Filmon", "Mussie", "Samuel", "Senai", "Biniam", "Yohannes", "Merhawi", "Tesfalem",
            "Henok", "Aron", "Efrem", "Teklay", "Robel", "Kibrom", "Amanuel"),
           ("Helen", "Selam", "Saba", "Rahel", "Luwam", "Yodit", "Senait", "Freweini", "Mebrat", "Ruta", "Hiwet",
            "Lidia", "Almaz", "Winta", "Feven", "Eden", "Tsega", "Semhar")),
}

_AT_SURNAMES = ("Gruber", "Huber", "Bauer", "Wagner", "Müller", "Pichler", "Steiner", "Moser", "Mayer", "Hofer",
                "Leitner", "Berger", "Fuchs", "Eder", "Fischer", "Schmid", "Winkler", "Weber", "Schwarz", "Maier",
                "Schneider", "Reiter", "Mayr", "Schmidt", "Wimmer", "Egger", "Brunner", "Lang", "Baumgartner", "Auer",
                "Binder", "Lechner", "Wolf", "Wallner", "Aigner", "Ebner", "Koller", "Lehner", "Haas", "Schuster",
                "Holzer", "Strobl", "Hölzl", "Kröpfl", "Grabner", "Haider", "Pfeiffer", "Stöger", "Zöchling",
                "Kühberger", "Riegler", "Gasser", "Thaler", "Pöll", "Nowak", "Novotny", "Swoboda", "Dvorak",
                "Prohaska", "Pospischil", "Wessely", "Kratochwil", "Hrdlicka", "Schimanek", "Jelinek", "Kowarik")
_CH_SURNAMES = ("Müller", "Meier", "Schmid", "Keller", "Weber", "Huber", "Schneider", "Meyer", "Steiner", "Fischer",
                "Gerber", "Brunner", "Baumann", "Frei", "Zimmermann", "Moser", "Widmer", "Wyss", "Graf", "Roth",
                "Kälin", "Suter", "Bachmann", "Bühler", "Hug", "Lüthi", "Zürcher", "Wüthrich", "Aebischer", "Bärtschi",
                "Ammann", "Egli", "Kunz", "Marti", "Hess", "Studer", "Baumgartner", "Sutter", "Stalder",
                "Niederberger", "Hürlimann", "Gisler", "Arnold", "Imhof", "Ruckstuhl", "Bösch", "Rüegg", "Zollinger",
                "Hofstetter", "Gasser", "Egger")

SURNAMES = {
    "at_de": _AT_SURNAMES,
    "village": _AT_SURNAMES,
    "burgenland": ("Horvath", "Wukovits", "Resetarits", "Karall", "Sinkovics", "Grandits", "Klikovits", "Tschida",
                   "Schuster", "Frank", "Gruber", "Wagner", "Bauer", "Nemeth", "Fleischhacker", "Szorger",
                   "Kappel", "Wetzelhofer", "Fabianich", "Lackner"),
    "bav": ("Bauer", "Huber", "Maier", "Wimmer", "Brandl", "Obermaier", "Hintermeier", "Zehetmair", "Sedlmeier",
            "Kellner", "Stadler", "Schmid", "Hofmann", "Gruber", "Wagner", "Reindl", "Kerscher", "Aigner"),
    "ch_de": _CH_SURNAMES,
    "li": ("Büchel", "Frick", "Marxer", "Beck", "Kaiser", "Hasler", "Ospelt", "Wohlwend", "Vogt", "Batliner",
           "Meier", "Risch", "Matt", "Sele", "Schädler", "Oehri", "Gassner", "Kieber"),
    "st": ("Pichler", "Gruber", "Hofer", "Mair", "Kofler", "Oberhofer", "Thaler", "Gasser", "Mayr", "Plattner",
           "Kerschbaumer", "Pircher", "Unterkircher", "Messner", "Obkircher", "Egger", "Rainer", "Schwienbacher"),
    "cz_sk": ("Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Marek",
              "Pokorný", "Král", "Jelínek", "Růžička", "Beneš", "Fiala", "Sedláček", "Kováč", "Horváth", "Varga",
              "Tóth", "Baláž", "Szabó", "Molnár", "Lukáč"),
    "hu": ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas", "Balogh",
           "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete", "Szűcs", "Szőke",
           "Győri"),
    "bcs": ("Đurić", "Jovanović", "Petrović", "Nikolić", "Marković", "Kovačević", "Ilić", "Stojanović", "Popović",
            "Savić", "Horvat", "Kovačić", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković", "Tomić",
            "Pavlović", "Mitrović", "Šarić", "Hodžić", "Hadžić", "Begić", "Mehmedović", "Delić", "Čolić", "Šehić",
            "Husić", "Žunić", "Krajnc", "Zupančič", "Potočnik", "Vidmar", "Kos", "Golob", "Đorđević", "Živković",
            "Lukić", "Filipović", "Blažević", "Grgić", "Čović"),
    "ro": ("Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
           "Constantin", "Mihai", "Marin", "Munteanu", "Ștefănescu", "Dobre", "Tudor", "Lungu", "Rusu", "Moldovan",
           "Ardeleanu", "Bălan", "Țurcanu", "Cioban", "Florea"),
    "al": ("Krasniqi", "Gashi", "Berisha", "Morina", "Shala", "Hoxha", "Bytyqi", "Kastrati", "Rexhepi", "Ahmeti",
           "Hasani", "Ramadani", "Salihu", "Thaçi", "Zeqiri", "Mustafa", "Hyseni", "Kelmendi", "Sadiku", "Rama",
           "Dervishi", "Qorri", "Halimi", "Jashari", "Osmani", "Bytyçi"),
    "pt": ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Jesus", "Sousa",
           "Fernandes", "Gonçalves", "Gomes", "Lopes", "Marques", "Alves", "Almeida", "Ribeiro", "Pinto", "Carvalho",
           "Teixeira", "Moreira", "Correia", "Mendes", "Nunes", "Soares", "Vieira", "Monteiro", "Cardoso", "Rocha",
           "Magalhães", "Simões", "da Silva", "dos Santos", "Ferreira da Costa", "Conceição"),
    "ta": ("Sivakumar", "Tharmalingam", "Kandiah", "Sinnathamby", "Rajendran", "Selvarajah", "Thevarajah",
           "Ponnuthurai", "Kanagaratnam", "Sivanesan", "Yogarajah", "Mahendran", "Balasingam", "Nadarajah",
           "Arumugam", "Sritharan", "Vijayakumar", "Thirunavukkarasu", "Jeyakumar", "Ratnasingam"),
    "tr": ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
           "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
           "Korkmaz", "Erdoğan", "Güneş", "Aktaş", "Bulut", "Acar", "Keskin", "Uçar", "Ünal"),
    "it": ("Rossi", "Bernasconi", "Pedrazzini", "Bianchi", "Lepori", "Molinari", "Ferrari", "Colombo", "Fontana",
           "Galli", "Cattaneo", "Lombardi", "Ghisletta", "Respini", "Rusconi", "Guscetti", "Pellandini", "Gianella",
           "Bottinelli", "Rezzonico", "Sciolli", "Ravasi", "Del Ponte", "Dell'Era", "Dalla Valle", "De Maria",
           "Lo Russo", "D'Alessandro", "Esposito", "Russo", "Romano", "Ricci", "Marino", "Greco"),
    "fr": ("Favre", "Rochat", "Bonvin", "Pittet", "Dubois", "Rey", "Perrin", "Cuendet", "Chevalley", "Gay", "Morand",
           "Berthoud", "Bovet", "Reymond", "Jaccard", "Mottier", "Girard", "Gaillard", "Martin", "Bernard", "Blanc",
           "Vuilleumier", "Guignard", "Monnier", "Jaquier", "Métral", "Duc", "Zufferey", "Fournier", "Crettenand",
           "Carron", "Michellod", "Mérillat", "Clément", "de Montmollin", "de Weck", "Dupraz", "Jeanneret"),
    "er": ("Tesfay", "Haile", "Kidane", "Tekle", "Gebremedhin", "Ghebreyesus", "Woldemariam", "Abraha", "Berhe",
           "Mehari", "Yohannes", "Tewelde", "Habte", "Kahsay", "Ghirmay", "Asmerom", "Mebrahtu", "Negash", "Okbay",
           "Zerai", "Tekeste"),
}

# Czech/Slovak feminine surname forms.
CZ_FEMININE = {
    "Novák": "Nováková", "Svoboda": "Svobodová", "Dvořák": "Dvořáková", "Černý": "Černá", "Procházka": "Procházková",
    "Kučera": "Kučerová", "Veselý": "Veselá", "Horák": "Horáková", "Němec": "Němcová", "Marek": "Marková",
    "Pokorný": "Pokorná", "Král": "Králová", "Jelínek": "Jelínková", "Růžička": "Růžičková", "Beneš": "Benešová",
    "Fiala": "Fialová", "Sedláček": "Sedláčková", "Kováč": "Kováčová", "Horváth": "Horváthová", "Varga": "Vargová",
    "Tóth": "Tóthová", "Baláž": "Balážová", "Szabó": "Szabová", "Molnár": "Molnárová", "Lukáč": "Lukáčová",
}

# Spelling variants people and clerks use for the same (transliterated) name.
TRANSLIT_VARIANTS = {
    "Tharmalingam": ("Dharmalingam",), "Sivakumar": ("Shivakumar", "Sivakumaar"), "Thevarajah": ("Devarajah", "Thevaraja"),
    "Selvarajah": ("Selvaraja",), "Kandiah": ("Kandiya", "Kandiyah"), "Yogarajah": ("Yogaraja",),
    "Tesfay": ("Tesfai", "Tesfaye"), "Gebremedhin": ("Ghebremedhin", "Gebremedin"), "Ghebreyesus": ("Gebreyesus", "Ghebreiesus"),
    "Woldemariam": ("Weldemariam", "Woldemaryam"), "Kahsay": ("Kahsai",), "Ghirmay": ("Girmay", "Ghirmai"),
    "Yohannes": ("Johannes", "Yohanes"), "Haile": ("Hayle",), "Mebrahtu": ("Mebratu",),
    "Bytyqi": ("Bytyçi", "Bytyci"), "Bytyçi": ("Bytyqi", "Bytyci"), "Thaçi": ("Thaci", "Thachi"),
    "Krasniqi": ("Krasnici",), "Hoxha": ("Hodscha", "Hodza"),
}

# Nicknames and short forms (formal first name -> forms people give).
NICKNAMES = {
    "Josef": ("Sepp", "Seppi", "Pepi", "Joschi"), "Johann": ("Hansi", "Hans", "Hannes"), "Theresia": ("Resi", "Resl", "Thesi"),
    "Verena": ("Vreni",), "Ulrich": ("Ueli", "Uli"), "Jakob": ("Köbi", "Jakl"), "Franziska": ("Fränzi", "Franzi"),
    "Franz": ("Franzl", "Franzi"), "Alois": ("Luis", "Loisl"), "Georg": ("Schorsch", "Schurl", "Jörg"),
    "Matthias": ("Hias", "Matthi"), "Maria": ("Mitzi", "Mizzi", "Ria"), "Elisabeth": ("Lisi", "Sissi", "Liesl"),
    "Katharina": ("Kathi", "Katrin"), "Johanna": ("Hanni", "Hanna"), "Rudolf": ("Rudi", "Ruedi"), "Walter": ("Walti",),
    "Christian": ("Chrigel", "Chris"), "Andreas": ("Andi", "Res", "Ändu"), "Barbara": ("Babsi", "Bärbel"),
    "Margarete": ("Gretl", "Grete"), "Gabriele": ("Gabi",), "Christine": ("Christl", "Tina"), "Leopold": ("Poldi",),
    "Friedrich": ("Fritz", "Friedl"), "Anton": ("Toni",), "Ferdinand": ("Ferdl", "Ferdi"), "Wolfgang": ("Wolfi",),
    "Michael": ("Michi",), "Thomas": ("Tom", "Thomi"), "Daniel": ("Dani",), "Dominik": ("Domi",),
    "Maximilian": ("Max", "Maxi"), "Stefanie": ("Steffi",), "Cornelia": ("Conny",), "Susanne": ("Susi",),
    "Ursula": ("Ursi", "Uschi"), "Beatrice": ("Bea",), "Regula": ("Regi",), "Heinrich": ("Heiri", "Heinz"),
    "Hanspeter": ("Hampi",), "Samuel": ("Sämi",), "Aloisia": ("Luise", "Loisi"), "Josefa": ("Pepi", "Fini"),
    "Magdalena": ("Leni", "Lena"), "Alexander": ("Alex",), "Aleksandar": ("Saša", "Aco"), "Giuseppe": ("Beppe", "Pino"),
    "Francesco": ("Franco",), "Giovanni": ("Gianni",), "Jean-Pierre": ("JP", "J.-P."), "Alexandru": ("Alex",),
    "Mehmet": ("Memo",), "Hüseyin": ("Hüso",), "Gottfried": ("Friedl",), "Engelbert": ("Berti",), "Notburga": ("Burgi",),
    "Herbert": ("Herbie",), "Katarina": ("Kaća", "Kata"), "Jovan": ("Jovo",), "Marija": ("Mara",),
}

# ---------------------------------------------------------------------------------------------------
# Titles: (title, weight). Post-nominal titles follow the surname when written into a name field.
# ---------------------------------------------------------------------------------------------------
TITLES_AT = (("Mag.", 30), ("Ing.", 20), ("Dr.", 14), ("DI", 12), ("Dipl.-Ing.", 6), ("BSc", 5), ("MSc", 5),
             ("BA", 3), ("MMag.", 2), ("MBA", 2), ("DDr.", 1), ("KR", 1), ("Prof.", 1))
TITLES_CH = (("Dr.", 30), ("dipl. Ing. ETH", 8), ("lic. iur.", 8), ("dipl. Ing. FH", 6), ("MSc", 6),
             ("lic. phil.", 5), ("Dr. med.", 5), ("BSc", 5), ("Prof. Dr.", 2))
POSTNOMINAL = ("BSc", "MSc", "BA", "MBA", "MSc ETH", "B.Sc.", "M.Sc.", "MA")
FEMALE_TITLE = {"Mag.": "Mag.a", "Dr.": "Dr.in", "DI": "DIin"}
TITLE_VARIANTS = {
    "Mag.": ("Mag", "Magister", "MAG.", "Mag.a"), "Mag.a": ("Mag.", "Mag", "Magistra"),
    "Ing.": ("Ing", "ING.", "Ingenieur"), "Dr.": ("Dr", "DR.", "Doktor", "Dr. med."), "DI": ("Dipl.-Ing.", "DI (FH)", "Dipl. Ing."),
    "Dipl.-Ing.": ("DI", "Dipl. Ing.", "Dipl.Ing."), "BSc": ("B.Sc.", "BSc.", "Bakk."), "MSc": ("M.Sc.", "MSc.", "DI"),
    "BA": ("B.A.", "Bakk."), "MMag.": ("Mag.", "MMag"), "MBA": ("M.B.A.",), "DDr.": ("Dr.", "DDr"), "KR": ("Komm.-Rat", "KommR"),
    "Prof.": ("Prof. Dr.", "Professor"), "dipl. Ing. ETH": ("Dipl.-Ing. ETH", "dipl. Ing.", "Dipl. Ing. ETH", "MSc ETH"),
    "lic. iur.": ("lic.iur.", "lic. jur.", "lic. iur"), "dipl. Ing. FH": ("dipl. Ing.", "Ing. FH", "Dipl.-Ing. (FH)"),
    "lic. phil.": ("lic.phil.", "lic. phil"), "Dr. med.": ("Dr.", "Dr.med."), "Prof. Dr.": ("Dr.", "Prof."),
    "Dr.in": ("Dr.", "Dr.in."), "DIin": ("DI", "Dipl.-Ing.in"),
}
# Titles a clerk adds by habit when the customer has none.
INVENTED_TITLES = ("Ing.", "Dr.", "Mag.", "DI", "Herr Dr.")

# ---------------------------------------------------------------------------------------------------
# Phones. Country: (calling code, trunk prefix, mobile prefixes, mobile subscriber length).
# ---------------------------------------------------------------------------------------------------
PHONE_COUNTRIES = {
    "AT": ("43", "0", ("664", "676", "650", "660", "699", "680", "681", "677", "688"), 7),
    "CH": ("41", "0", ("79", "78", "76", "77"), 7),
    "DE": ("49", "0", ("151", "160", "170", "171", "176", "152", "172", "179"), 8),
    "IT": ("39", "", ("347", "333", "348", "340", "335", "338", "320", "328", "349", "366", "393"), 7),
    "LI": ("423", "", ("79", "78", "77", "66"), 5),
    "HU": ("36", "06", ("20", "30", "70"), 7),
    "SK": ("421", "0", ("905", "908", "911", "915", "917", "940", "944", "948"), 6),
    "FR": ("33", "0", ("6", "7"), 8),
}
# Landline subscriber length by the length of the area code (Austrian and German numbers are not uniform).
LANDLINE_LENGTH = {"AT": {1: 7, 3: 6, 4: 5}, "CH": {2: 7}, "DE": {2: 7, 3: 6, 4: 5}, "IT": {4: 6}, "LI": {0: 7}}

# ---------------------------------------------------------------------------------------------------
# E-mail domains per country (domain, weight).
# ---------------------------------------------------------------------------------------------------
EMAIL_DOMAINS = {
    "AT": (("gmx.at", 18), ("gmail.com", 22), ("aon.at", 14), ("a1.net", 8), ("hotmail.com", 8), ("chello.at", 6),
           ("icloud.com", 7), ("outlook.com", 5), ("gmx.net", 5), ("live.at", 4), ("yahoo.com", 3)),
    "CH": (("bluewin.ch", 24), ("gmail.com", 24), ("gmx.ch", 8), ("hotmail.com", 8), ("icloud.com", 8),
           ("sunrise.ch", 6), ("hispeed.ch", 5), ("outlook.com", 5), ("yahoo.com", 3), ("swissonline.ch", 3),
           ("protonmail.com", 2)),
    "DE": (("gmx.de", 18), ("web.de", 18), ("gmail.com", 22), ("t-online.de", 12), ("outlook.de", 5),
           ("icloud.com", 6), ("hotmail.de", 4)),
    "IT": (("gmail.com", 25), ("libero.it", 15), ("rolmail.net", 10), ("yahoo.it", 6), ("hotmail.it", 6),
           ("virgilio.it", 5), ("dnet.it", 4)),
    "LI": (("gmail.com", 25), ("bluewin.ch", 20), ("lie-net.li", 8), ("hotmail.com", 8), ("gmx.net", 6),
           ("icloud.com", 6)),
}

# ---------------------------------------------------------------------------------------------------
# Companies.
# ---------------------------------------------------------------------------------------------------
TRADES = {
    "de": ("Elektro", "Installationen", "Bau", "Holzbau", "Transporte", "Reinigung", "Gastro", "Malerei", "Tischlerei",
           "Steuerberatung", "Immobilien", "IT-Service", "Spenglerei", "Fliesen", "Catering", "Physiotherapie",
           "Schreinerei", "Gartenbau", "Sanitär", "Treuhand"),
    "fr": ("Garage", "Fiduciaire", "Menuiserie", "Boulangerie", "Transports", "Nettoyage", "Sanitaire",
           "Architecture", "Peinture", "Électricité"),
    "it": ("Carrozzeria", "Fiduciaria", "Impresa", "Pittura", "Trasporti", "Edilizia", "Pasticceria", "Elettricità",
           "Falegnameria"),
}
LEGAL_FORMS = {
    "AT": (("GmbH", 50), ("e.U.", 20), ("OG", 12), ("KG", 10), ("GmbH & Co KG", 8)),
    "CH": (("AG", 45), ("GmbH", 45), ("Einzelfirma", 10)),
    "CH_fr": (("Sàrl", 50), ("SA", 40), ("Raison individuelle", 10)),
    "CH_it": (("SA", 50), ("Sagl", 45), ("Ditta individuale", 5)),
    "LI": (("AG", 50), ("Anstalt", 30), ("GmbH", 20)),
    "DE": (("GmbH", 55), ("e.K.", 15), ("KG", 15), ("GmbH & Co. KG", 15)),
    "IT": (("GmbH", 35), ("Srl", 35), ("KG", 20), ("OHG", 10)),
}
LEGAL_FORM_VARIANTS = {
    "GmbH": ("Ges.m.b.H.", "Ges.mbH", "G.m.b.H.", "GMBH", "Gesellschaft mbH", ""),
    "e.U.": ("eU", "e. U.", ""), "OG": ("O.G.", "OG.", ""), "KG": ("K.G.", ""), "GmbH & Co KG": ("GmbH & Co. KG", "GmbH&CoKG", "GesmbH & Co KG"),
    "AG": ("A.G.", "AG.", ""), "Sàrl": ("Sarl", "S.à r.l.", "SARL", "sàrl"), "SA": ("S.A.", "sa", ""),
    "Sagl": ("SAGL", "S.a.g.l."), "Anstalt": ("Est.", "Anst."), "e.K.": ("e. K.", "eK", ""),
    "GmbH & Co. KG": ("GmbH & Co KG", "GmbH u. Co. KG"), "Srl": ("S.r.l.", "SRL"), "OHG": ("oHG", "O.H.G."),
    "Einzelfirma": ("",), "Raison individuelle": ("",), "Ditta individuale": ("",),
}

# ---------------------------------------------------------------------------------------------------
# Dealers whose exports were merged into the importer's master, and their habits.
# Every habit not named takes the default in fourth_world.DEALER_DEFAULT.
# ---------------------------------------------------------------------------------------------------
DEALERS = {
    "wien_nord": {"country": "AT", "regions": ("vienna",), "street_style": "abbr", "door_style": "slash",
                  "phone_styles": ("national_slash", "national_space"), "date_style": "dmy", "city_style": "district"},
    "wien_sued": {"country": "AT", "regions": ("vienna", "burgenland"), "street_style": "full", "door_style": "stg_tuer",
                  "phone_styles": ("intl_paren0", "national_space"), "date_style": "dmy", "city_style": "plain",
                  "name_case": "upper_last", "p_birth": 0.45},
    "graz": {"country": "AT", "regions": ("graz",), "street_style": "full", "door_style": "top",
             "phone_styles": ("intl_space", "national_compact"), "date_style": "iso", "missing": "none"},
    "linz": {"country": "AT", "regions": ("linz",), "street_style": "abbr", "door_style": "slash",
             "phone_styles": ("national_compact",), "date_style": "dmy_short", "name_case": "upper", "diacritics": "bcs",
             "placeholder": 0.25, "p_birth": 0.8},
    "salzburg": {"country": "AT", "regions": ("salzburg", "bavaria"), "street_style": "ss", "door_style": "drop",
                 "phone_styles": ("intl_00", "national_dash"), "date_style": "dmy", "diacritics": "translit",
                 "p_email": 0.5},
    "innsbruck": {"country": "AT", "regions": ("innsbruck", "tyrol_villages", "south_tyrol"), "street_style": "full",
                  "door_style": "slash", "phone_styles": ("intl_paren0", "national_space"), "date_style": "dmy",
                  "title_place": "first"},
    "imst": {"country": "AT", "regions": ("tyrol_villages",), "street_style": "abbr", "door_style": "top",
             "phone_styles": ("national_slash",), "date_style": "excel", "p_landline": 0.9, "p_email": 0.45},
    "dornbirn": {"country": "AT", "regions": ("vorarlberg", "liechtenstein"), "street_style": "ss", "door_style": "slash",
                 "phone_styles": ("national_space", "intl_space"), "date_style": "dmy", "mobile_in_phone": 0.4},
    "eisenstadt": {"country": "AT", "regions": ("burgenland",), "street_style": "full", "door_style": "slash",
                   "phone_styles": ("national_trunk_space", "national_slash"), "date_style": "dmy", "p_email": 0.45,
                   "title_place": "last"},
    "zuerich": {"country": "CH", "regions": ("zurich",), "street_style": "abbr", "phone_styles": ("national_grouped",),
                "date_style": "dmy", "city_style": "canton"},
    "winterthur": {"country": "CH", "regions": ("zurich", "stgallen"), "street_style": "full",
                   "phone_styles": ("intl_grouped", "national_grouped"), "date_style": "iso", "missing": "none"},
    "bern": {"country": "CH", "regions": ("bern",), "street_style": "full", "phone_styles": ("intl_grouped",),
             "date_style": "iso", "name_case": "upper_last"},
    "basel": {"country": "CH", "regions": ("basel",), "street_style": "abbr",
              "phone_styles": ("intl_00", "national_grouped"), "date_style": "dmy", "p_birth": 0.5},
    "luzern": {"country": "CH", "regions": ("lucerne",), "street_style": "full", "phone_styles": ("national_compact",),
               "date_style": "dmy_short", "city_style": "canton", "diacritics": "translit"},
    "stgallen": {"country": "CH", "regions": ("stgallen", "liechtenstein"), "street_style": "full",
                 "phone_styles": ("intl_paren0", "national_grouped"), "date_style": "dmy", "mobile_in_phone": 0.3},
    "lugano": {"country": "CH", "regions": ("ticino",), "street_style": "full", "lang": "it",
               "phone_styles": ("intl_00", "national_grouped"), "date_style": "slash_eu", "city_style": "canton"},
    "lausanne": {"country": "CH", "regions": ("romandy",), "street_style": "abbr", "lang": "fr",
                 "phone_styles": ("intl_paren0", "national_grouped"), "date_style": "dmy", "number_first": 0.3},
    "geneve": {"country": "CH", "regions": ("romandy",), "street_style": "full", "lang": "fr",
               "phone_styles": ("intl_grouped",), "date_style": "slash_eu", "name_case": "upper_last"},
    "bozen": {"country": "IT", "regions": ("south_tyrol",), "street_style": "full", "phone_styles": ("intl_space", "national_space"),
              "date_style": "dmy", "city_style": "alt"},
    "vaduz": {"country": "LI", "regions": ("liechtenstein",), "street_style": "ss", "phone_styles": ("intl_grouped",),
              "date_style": "dmy"},
    "rosenheim": {"country": "DE", "regions": ("bavaria",), "street_style": "abbr", "phone_styles": ("national_slash",),
                  "date_style": "dmy", "p_birth": 0.4},
    # an ad portal's leads converted to customers: few fields, dates in US order
    "portal": {"country": "", "regions": (), "date_style": "us", "p_address": 0.35, "p_landline": 0.0, "p_birth": 0.3,
               "p_email": 0.95, "p_title": 0.0, "p_salutation": 0.4, "missing": "absent",
               "phone_styles": ("intl_compact", "national_compact")},
}
