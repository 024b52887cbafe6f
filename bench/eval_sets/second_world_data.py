"""Names, places and spellings for second_world, written for it from general knowledge of the region.

Lists of names are in rough order of frequency: second_world weights them by rank (Zipf), so a few
names are very common and the rest form a long tail. Austrian and German surnames get a further tail
from compounds (Ober+huber, Stein+bichler, Kamp+meier), as rural Austrian and northern German names are.
Towns carry postal codes that exist, the telephone area code (without the trunk 0) and a weight that
is this dealer's share of customers from there (an Austrian dealer with a Bavarian neighbourhood,
not the towns' populations).
"""

# ---------------------------------------------------------------- surnames
SURNAMES_AT = """Gruber Huber Bauer Wagner Müller Pichler Steiner Moser Mayer Hofer Leitner Berger Fuchs Eder
Fischer Schmid Winkler Weber Schwarz Maier Schneider Reiter Mayr Schmidt Wimmer Egger Brunner Lang Baumgartner
Auer Binder Lechner Wolf Wallner Aigner Ebner Koller Lehner Haas Schuster Holzer Haider Wieser Strasser Hofmann
Kaiser Schwaiger Graf Fink Berger Friedl Stadler Weiß Neubauer Riegler Hackl Thaler Krenn Hofbauer Hauser Rainer
Karner Kofler Böhm Wolf Hahn Zimmermann Ortner Pfeiffer Haslinger Schober Kern Sommer Hörmann Kainz Kogler
Maurer Schmidinger Lindner Kröll Unger Hammer Posch Hutter Rauch Pilz Horvath Novak Nowak Swoboda Dvorak
Prochaska Wessely Jelinek Pokorny Czerny Kratochwil Hrdlicka Pospischil Hawelka Wondrak Nemec Kolar Kraus
Lackner Fritz Jäger Zach Resch Wurm Mandl Pirker Ploner Trummer Url Hölzl Schlager Frühwirth Zöchling Rieder
Schachner Lanz Glanzer Stangl Pucher Rath Knapp Schweiger Kogler Gschwandtner Grabner Sattler Ertl Ferstl
Pölzl Zechner Oberhauser Grill Tschernutter Kohlweg Pototschnig Wastl Sampl Loidl Pammer Hager Engl Haberl
Gassner Lugger Wutte Plessnitzer Kriegl Hartl Pachler Kargl Lasser Pirchner Tripp Heiss Kapeller Hirschmann"""

SURNAMES_DE = """Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner
Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters
Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck
Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein
Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl
Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Hauser Stadler Obermeier Wimmer Niedermeier
Brunner Gruber Strobl Hinterberger Aigner Unterreiner Pichler Stangl Reisinger Wieser Hofbauer Lechner Seidl
Kagerer Zehetmair Huber Greiner Wittmann Bachmeier Eichinger Lindner Wallner Rieder Forster Schwaiger Fellner"""

SURNAMES_AT_TAIL = """Aschauer Pramberger Hinterreiter Gschwandl Fürst Schöberl Pfandl Karrer Wallisch Zauner
Promberger Moosleitner Dunst Ertler Stöger Staudinger Hutterer Kastner Wimberger Lettner Hauer Grasl Kienast
Scheiblhofer Rosenberger Kaltenbrunner Wiesinger Reisinger Breitenfellner Hochreiter Pöll Rumpl Haidvogl Gugler
Brandstetter Ecker Schiefer Zwettler Pöchhacker Gmeiner Fasching Steindl Kronberger Lichtenegger Pernkopf
Wurzer Pfeifer Strohmaier Emsenhuber Hametner Öllinger Draxler Haunschmid Gusenbauer Pühringer Mitterlehner
Söllner Spindler Waldhör Brandl Rohrer Lindenthaler Hiebl Trattner Anzengruber Rosegger Schatzl Wagenhofer"""

# Compound surnames: prefix + suffix, each list in rough order of frequency.
COMPOUND_AT_PREFIXES = """Ober Unter Hinter Stein Moos Holz Mühl Kirch Brand Wald Berg Reit Eben Feld Pichl Lind
Gras Hoch Mitter Nieder Bach Wies Brunn Grub Kogl Eck Sonn Stadl Thal Hof Aich Buch Lehen Point Haid Schnee
Rain Wein Stock Kreuz Moar Hasl Kalch Gschwandt Aschen Tann Weiden Bruck Sturm Kien Zaun Leit Klaus Winkl"""
COMPOUND_AT_SUFFIXES = """huber hofer leitner bauer mayr egger berger bichler lechner moser reiter wieser
thaler gruber maier brunner mair eder auer inger hauser mann bacher stätter seder bucher lehner"""

COMPOUND_DE_PREFIXES = """Brink Kamp Horst Busch Lind Berg Stein Feld Holz Wester Oster Nieder Kirch Mühl Hage Kreuz
Schön Neu Alt Groß Klein Hoch Weiden Tann Eich Rosen Wieden Sand Lohr Strack Rott Dreh Ober Unter Hinter"""
COMPOUND_DE_SUFFIXES = """mann meier er hoff kamp rath bach berg feld hausen brink horst dorf inger hauser beck
wald schmidt ecker müller huber mayr"""

SURNAMES_TR = """Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan
Çetin Kara Koç Kurt Özkan Şimşek Polat Korkmaz Çakır Erdoğan Yavuz Can Acar Şen Aktaş Güler Yalçın Güneş
Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı Sarı Tekin Taş Karataş Uçar Kahraman Ateş Erdem"""

SURNAMES_BKS = """Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević
Popović Kovačević Babić Novaković Marić Tomić Lukić Vuković Savić Perić Mitrović Simić Kostić Radić Horvat
Kovačić Jurić Knežević Matić Hodžić Hadžić Begić Mehmedović Delić Mujić Hasanović Salihović Kovač Husić
Ibrahimović Omerović Alić Bašić Softić Dedić Đukić Nedeljković Živković Todorović Ristić Stojković Blagojević
Janković Radovanović"""

# Masculine forms; -ski/-cki/-dzki take -a for women.
SURNAMES_PL = """Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak
Dąbrowski Kozłowski Jankowski Mazur Wojciechowski Kwiatkowski Krawczyk Kaczmarek Piotrowski Grabowski Zając
Pawłowski Michalski Król Wieczorek Jabłoński Wróbel Nowakowski Majewski Olszewski Stępień Malinowski Jaworski
Adamczyk Dudek Nowicki Pawlak Górski Witkowski Walczak Sikora Baran Rutkowski Michalak Szewczyk Ostrowski
Tomaszewski Pietrzak Zalewski Wróblewski Sawicki Wysocki"""

SURNAMES_HU = """Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Papp Takács Juhász
Lakatos Mészáros Oláh Simon Rácz Fekete Szilágyi Török Fehér Balázs Gál"""

# ---------------------------------------------------------------- first names by origin, sex and cohort
# cohorts: "old" born before 1960, "mid" 1960-1984, "young" 1985 and later
FIRST_DACH = {
    ("m", "old"): """Johann Josef Franz Karl Friedrich Alois Anton Rudolf Herbert Walter Helmut Ernst Leopold
        Alfred Gottfried Ferdinand Wilhelm Heinrich Otto Hermann Erich Kurt Günther Gerhard Manfred Horst Wolfgang
        Peter Hans Siegfried Engelbert Georg Richard Norbert Reinhold Harald Dieter Klaus Werner Heinz
        Hans-Peter Karl-Heinz Klaus-Dieter Hans-Jürgen Rupert Matthäus Florian Sebastian Michael""",
    ("m", "mid"): """Thomas Michael Andreas Christian Martin Stefan Markus Peter Wolfgang Gerald Manfred Robert
        Alexander Daniel Bernhard Harald Christoph Jürgen Gernot Roland Günter Mario René Patrick Klaus Frank Jörg
        Sven Dirk Ralf Uwe Matthias Florian Karl Josef Johann Gerhard Reinhard Dietmar Helmut Hannes Herwig
        Wilfried Erwin Stephan Philipp Norbert Kurt Rainer Hans-Peter Franz""",
    ("m", "young"): """Lukas Florian David Tobias Sebastian Philipp Dominik Fabian Julian Simon Maximilian Jakob
        Elias Felix Paul Jonas Leon Noah Matthias Daniel Alexander Michael Stefan Manuel Patrick Kevin Marcel
        Niklas Moritz Benjamin Valentin Raphael Johannes Marco Christoph Thomas Andreas Markus Martin Clemens
        Lorenz Jan Tim Luca Samuel Nico Fabio Matteo""",
    ("f", "old"): """Maria Anna Theresia Elisabeth Hermine Gertrude Johanna Rosa Aloisia Stefanie Frieda Erika
        Ingrid Helga Christine Margarete Hildegard Brigitte Renate Elfriede Edith Herta Waltraud Gerlinde
        Irmgard Leopoldine Josefine Katharina Franziska Ursula Monika Gisela Ilse Anneliese Rosemarie Roswitha
        Hannelore Karin Ingeborg Eva-Maria Juliana Cäcilia Notburga Barbara""",
    ("f", "mid"): """Sabine Andrea Claudia Petra Birgit Karin Barbara Susanne Martina Christina Manuela Sandra
        Silvia Daniela Nicole Elisabeth Maria Michaela Gabriele Alexandra Monika Doris Ulrike Eva Angelika Tanja
        Melanie Bettina Christine Heidi Sonja Renate Kerstin Anja Katja Stefanie Verena Astrid Cornelia Brigitte
        Margit Elke Marion Regina Ingrid Heike Silke Anke Katrin Eva-Maria""",
    ("f", "young"): """Lisa Julia Sarah Anna Katharina Laura Lena Hannah Sophie Magdalena Theresa Viktoria Johanna
        Christina Stefanie Melanie Vanessa Jacqueline Nina Carina Eva Elena Marie Lea Emma Leonie Selina Jana
        Kathrin Verena Bianca Sandra Tamara Nadine Jasmin Marlene Valentina Miriam Larissa Sophia Anna-Lena
        Emilia Clara Hanna Lara""",
}
FIRST_TR = {
    "m": """Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil Süleyman
        Abdullah Emre Burak Serkan Hakan Volkan Kemal Cem Can Deniz Mert Yunus Furkan Enes Kerem""",
    "f": """Fatma Ayşe Emine Hatice Zeynep Elif Meryem Şerife Sultan Hanife Merve Büşra Esra Özlem Derya Gül
        Sevgi Aylin Selin Ebru Tuğba Songül Dilek Melek Nur Sibel Yasemin Gamze Cansu Ece""",
}
FIRST_BKS = {
    "m": """Marko Stefan Nikola Dragan Zoran Goran Milan Dejan Nenad Aleksandar Dušan Miroslav Predrag Srđan
        Vladimir Ivan Josip Ante Tomislav Mario Damir Emir Amir Edin Senad Adnan Haris Mirza Elvis Armin Luka
        Filip Petar Igor Branko Željko Darko Saša Bojan Boris""",
    "f": """Ivana Jelena Marija Milica Ana Snežana Dragana Vesna Gordana Biljana Sanja Tanja Maja Jasmina Mirjana
        Nataša Marina Katarina Ljiljana Suzana Amra Lejla Emina Azra Selma Amela Aida Mersiha Elma Sara Nina
        Anđela Teodora""",
}
FIRST_PL = {
    "m": """Piotr Krzysztof Andrzej Tomasz Paweł Michał Marcin Jan Grzegorz Jakub Adam Łukasz Marek Mateusz
        Dariusz Wojciech Rafał Kamil Maciej Sławomir Zbigniew Jerzy Tadeusz Bartosz Przemysław""",
    "f": """Anna Katarzyna Małgorzata Agnieszka Barbara Ewa Magdalena Joanna Monika Aleksandra Beata Dorota
        Justyna Karolina Marta Natalia Paulina Iwona Renata Elżbieta Krystyna Danuta Jolanta Halina Grażyna""",
}
FIRST_HU = {
    "m": "László István Zoltán Gábor Attila Péter Tamás Sándor Ferenc József János Csaba Balázs Dániel Ádám",
    "f": "Katalin Erzsébet Ildikó Zsuzsanna Éva Anikó Krisztina Andrea Judit Mária Eszter Réka Zsófia Nóra Anna",
}

# ---------------------------------------------------------------- nicknames and spellings
# formal name -> what people call themselves (and sometimes type into a form)
NICKNAMES = {
    "Johann": ["Hans", "Hansi", "Jo"], "Johannes": ["Hannes", "Hans", "Jo"], "Josef": ["Sepp", "Seppi", "Pepi", "Joe"],
    "Franz": ["Franzi"], "Katharina": ["Kathi", "Kati", "Käthe", "Kathrin"], "Theresia": ["Resi", "Therese"],
    "Elisabeth": ["Lisi", "Sissi", "Liesl", "Elli", "Lisa"], "Stefanie": ["Steffi"], "Christine": ["Christl", "Tina"],
    "Anton": ["Toni"], "Florian": ["Flo", "Flori"], "Sebastian": ["Basti", "Wastl"], "Christian": ["Chris"],
    "Christoph": ["Chris"], "Alexander": ["Alex"], "Andreas": ["Andi", "Andy"], "Michael": ["Michi", "Mike"],
    "Wolfgang": ["Wolfi"], "Gabriele": ["Gabi"], "Monika": ["Moni"], "Barbara": ["Babsi", "Barbi"],
    "Susanne": ["Susi"], "Cornelia": ["Conny"], "Friedrich": ["Fritz", "Friedl"], "Leopold": ["Poldi"],
    "Ferdinand": ["Ferdl"], "Georg": ["Schorsch", "Schurl"], "Maximilian": ["Max", "Maxi"],
    "Magdalena": ["Leni", "Lena"], "Maria": ["Mitzi", "Mia"], "Thomas": ["Tom", "Tommy"], "Matthias": ["Hias", "Matti"],
    "Bernhard": ["Bernie"], "Rudolf": ["Rudi"], "Wilhelm": ["Willi"], "Heinrich": ["Heinz", "Heini"],
    "Johanna": ["Hanni", "Jo"], "Alexandra": ["Alex", "Sandra"], "Daniela": ["Dani"], "Manuela": ["Manu"],
    "Patrick": ["Paddy"], "Dominik": ["Dome"], "Benjamin": ["Ben", "Benni"], "Valentina": ["Vali"],
    "Viktoria": ["Vicky"], "Margarete": ["Grete", "Gretl", "Margit"], "Gerhard": ["Gerd", "Gerry"],
    "Reinhard": ["Reini"], "Nikolaus": ["Klaus", "Niki"], "Daniel": ["Dani"], "Martina": ["Tina"],
    "Christina": ["Tina", "Chrissi"], "Stefan": ["Steff"], "Markus": ["Max"], "Tobias": ["Tobi"],
    "Herbert": ["Herbie"], "Gottfried": ["Friedl"], "Aloisia": ["Luise"], "Aleksandar": ["Saša", "Aco"],
    "Katarzyna": ["Kasia"], "Małgorzata": ["Gosia"], "Krzysztof": ["Krzysiek"], "Mehmet": ["Memo"],
}

# first names written more than one way (none of them is wrong)
FIRST_SPELLINGS = [
    ["Stefan", "Stephan"], ["Philipp", "Phillip", "Philip"], ["Christina", "Kristina"], ["Katharina", "Katarina"],
    ["Matthias", "Mathias"], ["Carina", "Karina"], ["Claudia", "Klaudia"], ["Sophie", "Sofie"],
    ["Jasmin", "Yasmin"], ["Günther", "Günter"], ["Walter", "Walther"], ["Helmut", "Helmuth"], ["Ralf", "Ralph"],
    ["Marko", "Marco"], ["Nikolaus", "Nicolaus"], ["Sarah", "Sara"], ["Hannah", "Hanna"], ["Elisabeth", "Elisabet"],
    ["Theresa", "Teresa"], ["Jacqueline", "Jaqueline"], ["Viktoria", "Victoria"], ["Raphael", "Rafael"],
    ["Lukas", "Lucas"], ["Niklas", "Nicklas"], ["Kathrin", "Katrin"], ["René", "Rene"],
]
# surname parts written more than one way by clerks and by their owners
SURNAME_SPELLINGS = [
    ["mayr", "mair", "maier", "mayer", "meier"], ["Mayr", "Mair", "Maier", "Mayer", "Meier", "Meyer"],
    ["Schmid", "Schmidt", "Schmitt"], ["Hofmann", "Hoffmann"], ["Weiß", "Weiss", "Weis"], ["Huber", "Hueber"],
    ["Bauer", "Baur"], ["Reiter", "Reither"], ["Graf", "Graff"], ["Haidinger", "Heidinger"], ["Kraus", "Krauss"],
    ["Horvath", "Horwath"], ["Nowak", "Novak"], ["Pokorny", "Pokorni"], ["Wessely", "Wesely"],
    ["Swoboda", "Svoboda"], ["Czerny", "Cerny", "Tscherny"], ["Pfeiffer", "Pfeifer"], ["Zöchling", "Zechling"],
]

# ---------------------------------------------------------------- titles
# (title, share of adults) as an Austrian dealer's master holds them; postnominal ones marked by "+"
TITLES_AT = [("Mag.", 0.035), ("Ing.", 0.03), ("Dr.", 0.02), ("DI", 0.012), ("Dipl.-Ing.", 0.008),
             ("+BSc", 0.008), ("+MSc", 0.006), ("+BA", 0.004), ("+MBA", 0.003), ("Mag. (FH)", 0.004),
             ("Dr. med.", 0.003), ("DI Dr.", 0.003), ("Ing. Mag.", 0.002), ("MMag.", 0.002), ("Mag. Dr.", 0.002),
             ("DI (FH)", 0.003), ("Prof. Dr.", 0.001), ("KommR", 0.002), ("Dkfm.", 0.001)]
TITLES_DE = [("Dr.", 0.02), ("Dipl.-Ing.", 0.01), ("Dr. med.", 0.005), ("Prof. Dr.", 0.002), ("Dipl.-Kfm.", 0.003),
             ("+M.Sc.", 0.003), ("+B.Sc.", 0.003), ("Dr.-Ing.", 0.002)]
# how people write a title they hold (the first of each list is how the master has it)
TITLE_SPELLINGS = {
    "Dipl.-Ing.": ["DI", "Dipl. Ing.", "Dipl.Ing.", "Dipl.-Ing"], "DI": ["Dipl.-Ing.", "Dipl. Ing.", "DI."],
    "Mag.": ["Mag", "Magister", "Mag.a"], "Dr.": ["Dr", "Doktor", "Dr. med.", "Dr. phil."],
    "Ing.": ["Ing", "Ingenieur"], "Mag. (FH)": ["Mag.(FH)", "Mag. FH", "Mag."], "Dr. med.": ["Dr.", "Dr.med.", "Dr med"],
    "DI Dr.": ["Dipl.-Ing. Dr.", "Dr.", "DI Dr.techn.", "Dr. DI"], "Ing. Mag.": ["Mag. Ing.", "Mag.", "Ing."],
    "MMag.": ["Mag.", "MMag"], "Mag. Dr.": ["Dr.", "Dr. Mag."], "DI (FH)": ["DI(FH)", "Dipl.-Ing. (FH)", "DI"],
    "Prof. Dr.": ["Prof.", "Dr.", "Univ.-Prof. Dr."], "KommR": ["Kommerzialrat", "KR", "KommR."],
    "Dkfm.": ["Diplomkaufmann", "Dkfm"], "Dipl.-Kfm.": ["Dipl. Kfm.", "Dipl.-Kaufmann"], "Dr.-Ing.": ["Dr. Ing.", "Dr."],
    "BSc": ["B.Sc.", "BSc.", "Bsc"], "MSc": ["M.Sc.", "MSc.", "Msc"], "BA": ["B.A.", "BA."], "MBA": ["M.B.A."],
    "M.Sc.": ["MSc", "M. Sc."], "B.Sc.": ["BSc", "B. Sc."],
}
# titles people add that the master does not have
TITLES_ADDED = ["Ing.", "Mag.", "Dr.", "DI", "BSc", "MSc"]

# ---------------------------------------------------------------- companies
COMPANY_PATTERNS_AT = ["{last} GmbH", "{last} Bau GmbH", "Elektro {last} e.U.", "Installationen {last} GmbH",
                       "Tischlerei {last}", "{last} Transporte GmbH & Co KG", "{last} & {other} OG",
                       "Malerei {last} KG", "Steuerberatung {last}", "{last} Immobilien GmbH", "Dachdeckerei {last}",
                       "Gärtnerei {last}", "{last} Handels GmbH", "Zahnarztpraxis Dr. {last}"]
COMPANY_PATTERNS_DE = ["{last} GmbH", "Malerbetrieb {last}", "{last} Immobilien GmbH", "{last} & Söhne GmbH",
                       "Schreinerei {last}", "{last} Logistik GmbH & Co. KG", "Elektro {last} GmbH",
                       "Praxis Dr. {last}", "{last} Bau GmbH"]
COMPANY_PATTERNS_CH = ["{last} AG", "{last} GmbH", "Schreinerei {last} AG", "{last} Treuhand GmbH"]
# how a company's legal form gets written in a lead: (pattern as in master, replacements)
LEGAL_FORM_SPELLINGS = [("GmbH & Co KG", ["GmbH & Co. KG", "GmbH&Co KG", "Ges.m.b.H. & Co KG", ""]),
                        ("GmbH & Co. KG", ["GmbH & Co KG", "GmbH&Co.KG", ""]),
                        ("GmbH", ["Ges.m.b.H.", "GesmbH", "G.m.b.H.", "Gmbh", ""]), ("e.U.", ["eU", ""]),
                        ("OG", ["O.G.", ""]), ("KG", ["K.G.", ""]), ("AG", ["A.G.", ""])]

# ---------------------------------------------------------------- e-mail providers (domain, weight)
MAIL_AT = [("gmail.com", 25), ("gmx.at", 18), ("aon.at", 12), ("a1.net", 6), ("chello.at", 4), ("hotmail.com", 6),
           ("outlook.com", 5), ("icloud.com", 5), ("gmx.net", 5), ("yahoo.com", 3), ("live.at", 3), ("kabsi.at", 1),
           ("utanet.at", 1), ("tele2.at", 1), ("me.com", 1), ("outlook.at", 2), ("hotmail.de", 1)]
MAIL_DE = [("gmail.com", 25), ("web.de", 18), ("gmx.de", 18), ("t-online.de", 12), ("gmx.net", 6), ("outlook.de", 4),
           ("hotmail.de", 4), ("yahoo.de", 4), ("icloud.com", 5), ("freenet.de", 3), ("posteo.de", 1)]
MAIL_CH = [("bluewin.ch", 25), ("gmx.ch", 10), ("gmail.com", 30), ("hispeed.ch", 5), ("sunrise.ch", 5),
           ("icloud.com", 5), ("outlook.com", 5)]

# ---------------------------------------------------------------- mobile prefixes (without trunk 0) and number length
MOBILE_AT = [("664", 7, 30), ("676", 7, 18), ("699", 8, 12), ("650", 7, 10), ("660", 7, 10), ("680", 7, 5),
             ("681", 8, 4), ("688", 7, 3), ("677", 8, 3), ("670", 7, 2)]
MOBILE_DE = [("151", 8, 12), ("152", 8, 8), ("157", 8, 6), ("159", 8, 4), ("160", 7, 8), ("162", 7, 6),
             ("163", 7, 4), ("170", 7, 10), ("171", 7, 10), ("172", 7, 8), ("173", 7, 5), ("174", 7, 3),
             ("175", 7, 5), ("176", 8, 6), ("177", 7, 4), ("178", 7, 3), ("179", 7, 4)]
MOBILE_CH = [("79", 7, 40), ("78", 7, 20), ("76", 7, 25), ("77", 7, 15)]

# ---------------------------------------------------------------- streets
STREETS_WIEN = """Mariahilfer Straße|Favoritenstraße|Landstraßer Hauptstraße|Wiedner Hauptstraße|Margaretenstraße|
Neubaugasse|Josefstädter Straße|Währinger Straße|Alser Straße|Ottakringer Straße|Thaliastraße|Hernalser Hauptstraße|
Simmeringer Hauptstraße|Meidlinger Hauptstraße|Hietzinger Hauptstraße|Linzer Straße|Hütteldorfer Straße|Brünner Straße|
Prager Straße|Wagramer Straße|Erzherzog-Karl-Straße|Donaufelder Straße|Laxenburger Straße|Quellenstraße|Gudrunstraße|
Triester Straße|Breitenfurter Straße|Porzellangasse|Liechtensteinstraße|Heiligenstädter Straße|Grinzinger Straße|
Gentzgasse|Schönbrunner Straße|Reinprechtsdorfer Straße|Rennweg|Ungargasse|Praterstraße|Taborstraße|
Wallensteinstraße|Dresdner Straße|Leopoldauer Straße|Siemensstraße|Rautenweg|Stadlauer Straße|Lerchenfelder Straße|
Burggasse|Zieglergasse|Kaiserstraße|Stumpergasse|Gumpendorfer Straße|Pilgramgasse|Florianigasse|Lange Gasse|
Piaristengasse|Spitalgasse|Nußdorfer Straße|Sieveringer Straße|Krottenbachstraße|Billrothstraße|Gersthofer Straße|
Vorgartenstraße|Engerthstraße|Handelskai|Jägerstraße|Klosterneuburger Straße|Brigittenauer Lände|Wehlistraße|
Anton-Baumgartner-Straße|Dr.-Natterer-Gasse|Kundratstraße|Hasnerstraße|Koppstraße|Märzstraße|Goldschlagstraße|
Arndtstraße|Bräuhausgasse|Hauptstraße|Ketzergasse|Perfektastraße|Ziedlergasse|Kagraner Platz|Eipeldauer Straße"""
STREETS_GRAZ = """Annenstraße|Herrengasse|Leonhardstraße|Elisabethstraße|Schönaugasse|Conrad-von-Hötzendorf-Straße|
Triester Straße|Kärntner Straße|Wiener Straße|Grabenstraße|Körösistraße|Mariatroster Straße|Plüddemanngasse|
St.-Peter-Hauptstraße|Liebenauer Hauptstraße|Eggenberger Allee|Alte Poststraße|Peter-Tunner-Gasse|Lendplatz|
Keplerstraße|Mariahilferstraße|Griesgasse|Idlhofgasse|Babenbergerstraße|Hilmteichstraße|Waltendorfer Hauptstraße|
Petersgasse|Münzgrabenstraße|Sankt-Peter-Gürtel|Straßganger Straße|Weblinger Gürtel|Hauptplatz|Zinzendorfgasse"""
STREETS_LINZ = """Landstraße|Wiener Straße|Dinghoferstraße|Hauptstraße|Leonfeldner Straße|Freistädter Straße|
Waldeggstraße|Bürgerstraße|Goethestraße|Humboldtstraße|Mozartstraße|Herrenstraße|Lederergasse|Garnisonstraße|
Kapuzinerstraße|Römerstraße|Salzburger Straße|Dauphinestraße|Untere Donaulände|Industriezeile|Ramsauerstraße|
Wankmüllerhofstraße|Muldenstraße|Glimpfingerstraße|Pillweinstraße|Kaarstraße|Nietzschestraße"""
STREETS_SALZBURG = """Getreidegasse|Linzer Gasse|Ignaz-Harrer-Straße|Alpenstraße|Moosstraße|Sterneckstraße|
Vogelweiderstraße|Schallmooser Hauptstraße|Münchner Bundesstraße|Innsbrucker Bundesstraße|Aigner Straße|
Gaisbergstraße|Maxglaner Hauptstraße|Siezenheimer Straße|Berchtesgadner Straße|Nonntaler Hauptstraße"""
STREETS_INNSBRUCK = """Maria-Theresien-Straße|Museumstraße|Anichstraße|Andreas-Hofer-Straße|Leopoldstraße|
Amraser Straße|Reichenauer Straße|Höttinger Au|Technikerstraße|Kranebitter Allee|Pradler Straße|Innrain|
Olympiastraße|Haller Straße|Fischnalerstraße|Egger-Lienz-Straße"""
STREETS_KLAGENFURT = """Bahnhofstraße|Völkermarkter Straße|St. Veiter Straße|Villacher Straße|Feldkirchner Straße|
Rosentaler Straße|Pischeldorfer Straße|Waidmannsdorfer Straße|Südbahngürtel|Kempfstraße|Fischlstraße|Paradeisergasse"""
STREETS_MUENCHEN = """Leopoldstraße|Sonnenstraße|Lindwurmstraße|Schleißheimer Straße|Dachauer Straße|
Landsberger Straße|Rosenheimer Straße|Ungererstraße|Belgradstraße|Nymphenburger Straße|Plinganserstraße|
Wasserburger Landstraße|Fürstenrieder Straße|Boschetsrieder Straße|Ingolstädter Straße|Berg-am-Laim-Straße|
Kreillerstraße|Tegernseer Landstraße|St.-Martin-Straße|Hohenzollernstraße|Türkenstraße|Baldeplatz|Zweibrückenstraße"""
STREETS_BERLIN = """Karl-Marx-Straße|Sonnenallee|Hermannstraße|Kurfürstendamm|Schönhauser Allee|Prenzlauer Allee|
Frankfurter Allee|Greifswalder Straße|Danziger Straße|Kantstraße|Müllerstraße|Seestraße|Turmstraße|Badstraße|
Bergmannstraße|Oranienstraße|Kottbusser Damm|Boxhagener Straße|Schloßstraße|Hauptstraße|Residenzstraße"""
STREETS_GENERIC_AT = """Hauptstraße|Bahnhofstraße|Kirchengasse|Schulgasse|Dorfstraße|Feldgasse|Gartengasse|
Wiener Straße|Grazer Straße|Linzer Straße|Salzburger Straße|Sonnenweg|Lindenweg|Birkenweg|Ahornweg|Rosengasse|
Mühlweg|Bergstraße|Am Anger|Siedlungsstraße|Industriestraße|Mozartstraße|Schillerstraße|Goethestraße|
Beethovenstraße|Roseggerstraße|Dr.-Karl-Renner-Straße|Kaiser-Franz-Josef-Straße|Bahnhofplatz|Hauptplatz|
Marktplatz|Kirchenplatz|Wiesenweg|Waldweg|Kapellenweg|Florianigasse|Raiffeisenstraße|Schulstraße|Feldstraße|
Lindenstraße|Gewerbepark|Sportplatzweg|Gartenstraße|Pfarrgasse|Brunnengasse|Leopold-Figl-Straße|Am Sonnenhang|
Erlenweg|Fliederweg|Tulpenweg|Josef-Reichl-Straße|Kreuzgasse|Rathausplatz|Bundesstraße|Triftweg|Stelzhamerstraße"""
STREETS_GENERIC_DE = """Hauptstraße|Bahnhofstraße|Schulstraße|Gartenstraße|Dorfstraße|Kirchstraße|Bergstraße|
Lindenstraße|Birkenweg|Ringstraße|Waldstraße|Wiesenweg|Am Bach|Mühlweg|Münchner Straße|Salzburger Straße|
Rosenheimer Straße|Ludwigstraße|König-Ludwig-Straße|Am Sonnenhang|Blumenstraße|Jahnstraße|Goethestraße|
Schillerstraße|Friedhofstraße|Sudetenstraße|Egerländer Straße|Tegernseer Straße|Chiemseestraße|Innstraße|
Marktplatz|Stadtplatz|Bürgermeister-Schmid-Straße|Am Kirchberg|Feldstraße|Eichenweg|Fichtenstraße|Weiherweg"""
STREETS_GENERIC_CH = """Bahnhofstrasse|Hauptstrasse|Dorfstrasse|Kirchweg|Seestrasse|Zürcherstrasse|Bernstrasse|
Rosenweg|Schulhausstrasse|Industriestrasse|Feldstrasse|Gartenstrasse|Poststrasse|Sonnenbergstrasse|Rebbergstrasse"""
# Austrian villages where houses are numbered by the hamlet, with no street
HAMLETS_AT = """Oberdorf|Unterdorf|Hinterberg|Sonnberg|Edt|Reith|Winkl|Point|Au|Schachen|Kogl|Moos|Grub|Haid|
Mitterberg|Lehen|Oberau|Niederndorf|Aigen|Bichl"""

# ---------------------------------------------------------------- towns
# country | postal codes (space separated) | town | other spellings (;) | area code | weight | streets
TOWNS = """
AT|1010 1020 1030 1040 1050 1060 1070 1080 1090 1100 1110 1120 1130 1140 1150 1160 1170 1180 1190 1200 1210 1220 1230|Wien|Vienna;WIEN;Wien-{district}|1|420|WIEN
AT|8010 8020 8036 8041 8042 8043 8045 8051 8052 8053 8054 8055|Graz|GRAZ;Graz-{district}|316|260|GRAZ
AT|4020 4030 4040|Linz|Linz/Donau;Linz an der Donau|732|150|LINZ
AT|5020|Salzburg|Salzburg Stadt;Stadt Salzburg|662|120|SALZBURG
AT|6020|Innsbruck|IBK;Innsbruck-Stadt|512|60|INNSBRUCK
AT|9020|Klagenfurt am Wörthersee|Klagenfurt;Klagenfurt a. W.;Klagenfurt a.W.|463|60|KLAGENFURT
AT|9500|Villach|Villach-Stadt|4242|35|
AT|4600|Wels|Wels-Stadt|7242|35|
AT|3100|St. Pölten|Sankt Pölten;St.Pölten;St Pölten|2742|35|
AT|6850|Dornbirn||5572|12|
AT|2700|Wiener Neustadt|Wr. Neustadt;Wr.Neustadt|2622|28|
AT|4400|Steyr||7252|24|
AT|6800|Feldkirch||5522|10|
AT|6900|Bregenz||5574|9|
AT|4060|Leonding||732|20|
AT|3400|Klosterneuburg||2243|16|
AT|2500|Baden|Baden bei Wien|2252|18|
AT|8700|Leoben||3842|22|
AT|3500|Krems an der Donau|Krems;Krems/Donau|2732|16|
AT|4050|Traun||7229|18|
AT|3300|Amstetten||7472|16|
AT|8605|Kapfenberg||3862|16|
AT|2340|Mödling||2236|15|
AT|5400|Hallein||6245|20|
AT|6330|Kufstein||5372|10|
AT|2514|Traiskirchen||2252|10|
AT|2320|Schwechat||1|10|
AT|5280|Braunau am Inn|Braunau|7722|14|
AT|2000|Stockerau||2266|9|
AT|5760|Saalfelden am Steinernen Meer|Saalfelden|6582|14|
AT|4052|Ansfelden||7229|10|
AT|3430|Tulln an der Donau|Tulln|2272|9|
AT|9800|Spittal an der Drau|Spittal/Drau;Spittal|4762|12|
AT|6410|Telfs||5262|6|
AT|9560|Feldkirchen in Kärnten|Feldkirchen|4276|9|
AT|4820|Bad Ischl||6132|10|
AT|7000|Eisenstadt||2682|9|
AT|6130|Schwaz||5242|6|
AT|6060|Hall in Tirol|Hall|5223|6|
AT|4810|Gmunden||7612|10|
AT|6300|Wörgl||5332|6|
AT|9400|Wolfsberg||4352|12|
AT|4840|Vöcklabruck||7672|10|
AT|9900|Lienz||4852|7|
AT|4910|Ried im Innkreis|Ried i. I.;Ried|7752|9|
AT|8720|Knittelfeld||3512|10|
AT|8750|Judenburg||3572|9|
AT|4470|Enns||7223|9|
AT|2020|Hollabrunn||2952|7|
AT|2620|Neunkirchen||2635|8|
AT|2130|Mistelbach||2572|7|
AT|2230|Gänserndorf||2282|7|
AT|5700|Zell am See||6542|9|
AT|5600|St. Johann im Pongau|Sankt Johann im Pongau;St. Johann/Pg.|6412|9|
AT|5500|Bischofshofen||6462|8|
AT|8430|Leibnitz||3452|12|
AT|8200|Gleisdorf||3112|10|
AT|8160|Weiz||3172|10|
AT|8230|Hartberg||3332|7|
AT|8330|Feldbach||3152|9|
AT|8530|Deutschlandsberg||3462|8|
AT|8570|Voitsberg||3142|8|
AT|8600|Bruck an der Mur|Bruck/Mur|3862|10|
AT|8940|Liezen||3612|6|
AT|6460|Imst||5412|5|
AT|6500|Landeck||5442|4|
AT|6370|Kitzbühel||5356|4|
AT|9300|St. Veit an der Glan|St. Veit/Glan;Sankt Veit an der Glan|4212|8|
AT|9100|Völkermarkt||4232|7|
AT|3910|Zwettl|Zwettl-Niederösterreich|2822|5|
AT|3580|Horn||2982|4|
AT|7100|Neusiedl am See|Neusiedl|2167|5|
AT|7400|Oberwart||3352|5|
AT|4780|Schärding||7712|5|
AT|5201|Seekirchen am Wallersee|Seekirchen|6212|10|
AT|5230|Mattighofen||7742|6|
AT|4240|Freistadt||7942|6|
AT|4320|Perg||7262|6|
AT|3390|Melk||2752|4|
AT|3340|Waidhofen an der Ybbs|Waidhofen/Ybbs|7442|5|
AT|2100|Korneuburg||2262|7|
AT|2301|Groß-Enzersdorf|Gross-Enzersdorf|2249|6|
AT|8401|Kalsdorf bei Graz|Kalsdorf|3135|8|
AT|8280|Fürstenfeld||3382|6|
AT|8490|Bad Radkersburg||3476|3|
AT|4863|Seewalchen am Attersee|Seewalchen|7662|4|
AT|4690|Schwanenstadt||7673|4|
AT|4710|Grieskirchen||7248|5|
AT|4070|Eferding||7272|4|
AT|5110|Oberndorf bei Salzburg|Oberndorf|6272|6|
AT|5204|Straßwalchen|Strasswalchen|6215|6|
AT|5310|Mondsee||6232|5|
AT|5730|Mittersill||6562|3|
AT|5580|Tamsweg||6474|3|
AT|6112|Wattens||5224|3|
AT|6600|Reutte||5672|3|
AT|9220|Velden am Wörther See|Velden|4274|4|
AT|9620|Hermagor||4282|3|
AT|3370|Ybbs an der Donau|Ybbs|7412|3|
AT|2410|Hainburg an der Donau|Hainburg|2165|3|
AT|7540|Güssing||3322|3|
DE|80331 80333 80335 80336 80469 80538 80634 80637 80796 80797 80804 80807 80933 81241 81369 81371 81475 81539 81541 81671 81675 81737 81825 81927|München|Muenchen;Munich;MÜNCHEN|89|150|MUENCHEN
DE|83022 83024 83026|Rosenheim||8031|40|
DE|83278|Traunstein||861|30|
DE|83435|Bad Reichenhall||8651|25|
DE|83395|Freilassing||8654|30|
DE|83471|Berchtesgaden||8652|10|
DE|94032 94034 94036|Passau||851|40|
DE|84489|Burghausen||8677|22|
DE|84503|Altötting|Altoetting|8671|12|
DE|84453|Mühldorf am Inn|Mühldorf a. Inn;Muehldorf|8631|14|
DE|84028 84030 84032 84034 84036|Landshut||871|16|
DE|93047 93049 93051 93053 93055 93057 93059|Regensburg||941|16|
DE|94469|Deggendorf||991|8|
DE|94315|Straubing||9421|6|
DE|85049 85051 85053 85055 85057|Ingolstadt||841|8|
DE|86150 86152 86153 86154 86156 86157 86159 86161 86163 86165 86167 86169 86179 86199|Augsburg||821|12|
DE|87435 87437 87439|Kempten (Allgäu)|Kempten|831|8|
DE|88131|Lindau (Bodensee)|Lindau|8382|6|
DE|82467|Garmisch-Partenkirchen|Garmisch|8821|6|
DE|83646|Bad Tölz||8041|6|
DE|83714|Miesbach||8025|4|
DE|83512|Wasserburg am Inn|Wasserburg a. Inn|8071|6|
DE|83209|Prien am Chiemsee|Prien|8051|6|
DE|85354 85356|Freising||8161|6|
DE|85435|Erding||8122|6|
DE|85221|Dachau||8131|5|
DE|82256|Fürstenfeldbruck||8141|4|
DE|82319|Starnberg||8151|4|
DE|90402 90403 90408 90409 90411 90419 90429 90431 90439 90441 90443 90449 90451 90459 90461 90469 90471 90478 90480 90482 90489 90491|Nürnberg|Nuernberg;Nuremberg|911|12|
DE|97070 97072 97074 97076 97080 97082 97084|Würzburg||931|4|
DE|10115 10117 10119 10178 10243 10245 10247 10405 10435 10437 10551 10585 10627 10707 10777 10827 10965 10967 10997 12043 12045 12047 12049 12051 12099 12157 12161 12203 12247 12305 12347 12435 12489 12555 12619 12679 13051 13086 13125 13156 13187 13347 13349 13353 13403 13437 13465 13503 13581 13629 14050 14057 14109 14163 14193|Berlin||30|20|BERLIN
DE|20095 20099 20144 20146 20249 20251 20253 20354 20357 22041 22043 22045 22081 22083 22085 22087 22111 22143 22175 22297 22299 22301 22303 22305 22335 22359 22391 22415 22453 22523 22547 22587 22605 22761 22763 22765 22767 22769|Hamburg||40|6|
DE|50667 50668 50670 50672 50674 50676 50677 50733 50735 50737 50765 50823 50825 50827 50858 50931 50933 50935 50937 50968 50996 51061 51063 51065 51103 51105 51143|Köln|Koeln;Cologne|221|6|
DE|60311 60313 60314 60316 60318 60320 60322 60323 60325 60326 60327 60329 60385 60386 60388 60389 60431 60433 60435 60437 60439 60486 60487 60488 60489 60528 60549 60594 60596 60598 60599|Frankfurt am Main|Frankfurt;Frankfurt a.M.;Frankfurt/Main|69|6|
DE|70173 70174 70176 70178 70180 70182 70184 70186 70188 70190 70191 70192 70193 70195 70197 70199|Stuttgart||711|8|
DE|40210 40211 40212 40213 40215 40217 40219 40221 40223 40225 40227 40229 40231 40233 40235 40237 40239|Düsseldorf|Duesseldorf|211|4|
DE|04103 04105 04107 04109 04129 04155 04157 04159 04177 04179 04229 04249 04275 04277 04279 04289 04299 04315 04317 04318 04319 04328 04329 04347 04349 04356 04357|Leipzig||341|5|
DE|01067 01069 01097 01099 01109 01127 01129 01139 01157 01159 01169 01187 01189 01217 01219 01237 01239 01257 01259 01277 01279 01307 01309 01324 01326|Dresden||351|5|
DE|09111 09112 09113 09114 09116 09117 09119 09120 09122 09123 09125 09126 09127 09128 09130 09131|Chemnitz||371|2|
DE|30159 30161 30163 30165 30167 30169 30171 30173 30175 30177 30179|Hannover||511|2|
DE|45127 45128 45130 45131 45133 45134 45136 45138 45139 45141 45143 45144 45145 45147|Essen||201|2|
DE|44135 44137 44139 44141 44143 44145 44147 44149|Dortmund||231|2|
DE|76131 76133 76135 76137 76139|Karlsruhe||721|2|
DE|79098 79100 79102 79104 79106 79108 79110 79111 79112 79114 79115 79117|Freiburg im Breisgau|Freiburg|761|2|
DE|89073 89075 89077 89079 89081|Ulm||731|3|
CH|8001 8002 8003 8004 8005 8006 8008 8032 8037 8038 8044 8045 8046 8047 8048 8049 8050 8051 8052 8053 8055 8057|Zürich|Zurich;Zuerich|44|30|
CH|3011 3012 3013 3014 3018 3027|Bern||31|8|
CH|4051 4052 4053 4054 4055 4056 4057 4058|Basel||61|8|
CH|9000 9008 9010 9011 9012 9014 9015 9016|St. Gallen|St.Gallen;Sankt Gallen|71|12|
CH|6003 6004 6005 6006|Luzern|Lucerne|41|6|
CH|8400 8404 8405 8406 8408|Winterthur||52|6|
CH|7000|Chur||81|5|
CH|9470|Buchs SG|Buchs|81|5|
CH|9450|Altstätten|Altstaetten|71|4|
"""

VIENNA_DISTRICTS = {
    "1010": "Innere Stadt", "1020": "Leopoldstadt", "1030": "Landstraße", "1040": "Wieden", "1050": "Margareten",
    "1060": "Mariahilf", "1070": "Neubau", "1080": "Josefstadt", "1090": "Alsergrund", "1100": "Favoriten",
    "1110": "Simmering", "1120": "Meidling", "1130": "Hietzing", "1140": "Penzing", "1150": "Rudolfsheim-Fünfhaus",
    "1160": "Ottakring", "1170": "Hernals", "1180": "Währing", "1190": "Döbling", "1200": "Brigittenau",
    "1210": "Floridsdorf", "1220": "Donaustadt", "1230": "Liesing",
}
GRAZ_DISTRICTS = {
    "8010": "Innere Stadt", "8020": "Lend", "8036": "Gries", "8041": "Liebenau", "8042": "St. Peter",
    "8043": "Mariatrost", "8045": "Andritz", "8051": "Gösting", "8052": "Wetzelsdorf", "8053": "Straßgang",
    "8054": "Puntigam", "8055": "Puntigam",
}

# ---------------------------------------------------------------- keyboard neighbours (German QWERTZ)
QWERTZ_ROWS = ["1234567890ß", "qwertzuiopü", "asdfghjklöä", "yxcvbnm"]
