"""Name, place and address lists for bench.eval_sets.third_world (a German dealer group's DMS export).

Written from general knowledge, not copied from the project's other generator or its matcher. Lists are
semicolon-separated strings in rough order of frequency (the first names are the most common ones);
postcode/town pairs and area codes are real or nearly so, which is all an evaluation set needs.
"""

# ---------------------------------------------------------------- places
# (country, region, town, area code as dialled at home ("" in Luxembourg), weight, postcodes)
CITIES = [
    # North Rhine-Westphalia
    ("DE", "NW", "Köln", "0221", 6.0, "50667 50668 50670 50672 50674 50676 50677 50678 50733 50735 50737 50739 50823 50825 "
     "50827 50829 50858 50859 50931 50933 50935 50937 50939 50968 50969 50996 51061 51063 51065 51067 51069 51103 51105 "
     "51107 51109 51143 51145 51147 51149"),
    ("DE", "NW", "Düsseldorf", "0211", 4.5, "40210 40211 40212 40213 40215 40217 40219 40221 40223 40225 40227 40229 40231 "
     "40233 40235 40237 40239 40468 40470 40472 40474 40476 40477 40479 40489 40545 40547 40549 40589 40591 40593 40595 "
     "40597 40599 40625 40627 40629"),
    ("DE", "NW", "Essen", "0201", 3.5, "45127 45128 45130 45131 45133 45134 45136 45138 45139 45141 45143 45144 45145 45147 "
     "45149 45219 45239 45257 45259 45276 45277 45279 45289 45307 45309 45326 45327 45329 45355 45356 45357 45359"),
    ("DE", "NW", "Dortmund", "0231", 3.5, "44135 44137 44139 44141 44143 44145 44147 44149 44225 44227 44229 44263 44265 "
     "44267 44269 44287 44289 44309 44319 44328 44329 44339 44357 44359 44369 44379 44388"),
    ("DE", "NW", "Bochum", "0234", 2.0, "44787 44789 44791 44793 44795 44797 44799 44801 44803 44805 44807 44809 44866 44867 "
     "44869 44879 44892 44894"),
    ("DE", "NW", "Duisburg", "0203", 2.5, "47051 47053 47055 47057 47058 47059 47119 47137 47138 47139 47166 47167 47169 "
     "47178 47179 47198 47199 47226 47228 47229 47239 47249 47259 47269 47279"),
    ("DE", "NW", "Bonn", "0228", 2.0, "53111 53113 53115 53117 53119 53121 53123 53125 53127 53129 53173 53175 53177 53179 "
     "53225 53227 53229"),
    ("DE", "NW", "Aachen", "0241", 1.8, "52062 52064 52066 52068 52070 52072 52074 52076 52078 52080"),
    ("DE", "NW", "Münster", "0251", 1.8, "48143 48145 48147 48149 48151 48153 48155 48157 48159 48161 48163 48165 48167"),
    ("DE", "NW", "Wuppertal", "0202", 1.8, "42103 42105 42107 42109 42111 42113 42115 42117 42119 42275 42277 42279 42281 "
     "42283 42285 42287 42289 42327 42329 42349 42369 42389 42399"),
    ("DE", "NW", "Bielefeld", "0521", 1.5, "33602 33604 33605 33607 33609 33611 33613 33615 33617 33619 33647 33649 33659 "
     "33689 33699 33719 33729 33739"),
    ("DE", "NW", "Gelsenkirchen", "0209", 1.2, "45879 45881 45883 45884 45886 45888 45889 45891 45892 45894 45896 45897 45899"),
    ("DE", "NW", "Mönchengladbach", "02161", 1.2, "41061 41063 41065 41066 41068 41069 41169 41179 41189 41199 41236 41238 41239"),
    ("DE", "NW", "Krefeld", "02151", 1.0, "47798 47799 47800 47802 47803 47804 47805 47807 47809 47829 47839"),
    ("DE", "NW", "Leverkusen", "0214", 0.8, "51371 51373 51375 51377 51379 51381"),
    ("DE", "NW", "Neuss", "02131", 0.8, "41460 41462 41464 41466 41468 41469 41470 41472"),
    ("DE", "NW", "Solingen", "0212", 0.6, "42651 42653 42655 42657 42659 42697 42699 42719"),
    ("DE", "NW", "Bergisch Gladbach", "02202", 0.6, "51427 51429 51465 51467 51469"),
    ("DE", "NW", "Oberhausen", "0208", 0.9, "46045 46047 46049 46117 46119 46145 46147 46149"),
    ("DE", "NW", "Mülheim an der Ruhr", "0208", 0.7, "45468 45470 45472 45473 45475 45476 45478 45479 45481"),
    ("DE", "NW", "Hagen", "02331", 0.8, "58089 58091 58093 58095 58097 58099 58119 58135"),
    ("DE", "NW", "Herne", "02323", 0.5, "44623 44625 44627 44628 44649 44651 44652 44653"),
    ("DE", "NW", "Paderborn", "05251", 0.7, "33098 33100 33102 33104 33106"),
    ("DE", "NW", "Düren", "02421", 0.4, "52349 52351 52353 52355"),
    ("DE", "NW", "Siegburg", "02241", 0.3, "53721"),
    ("DE", "NW", "Viersen", "02162", 0.3, "41747 41748 41749 41751"),
    ("DE", "NW", "Kleve", "02821", 0.3, "47533"),
    ("DE", "NW", "Emmerich am Rhein", "02822", 0.2, "46446"),
    ("DE", "NW", "Gronau (Westf.)", "02562", 0.2, "48599"),
    # Hesse
    ("DE", "HE", "Frankfurt am Main", "069", 6.0, "60306 60308 60310 60311 60313 60314 60316 60318 60320 60322 60323 60325 "
     "60326 60327 60329 60385 60386 60388 60389 60431 60433 60435 60437 60438 60439 60486 60487 60488 60489 60528 60529 "
     "60549 60594 60596 60598 60599 65929 65931 65933 65934 65936"),
    ("DE", "HE", "Wiesbaden", "0611", 2.5, "65183 65185 65187 65189 65191 65193 65195 65197 65199 65201 65203 65205 65207"),
    ("DE", "HE", "Darmstadt", "06151", 1.8, "64283 64285 64287 64289 64291 64293 64295 64297"),
    ("DE", "HE", "Kassel", "0561", 1.8, "34117 34119 34121 34123 34125 34127 34128 34130 34131 34132 34134"),
    ("DE", "HE", "Offenbach am Main", "069", 1.2, "63065 63067 63069 63071 63073 63075"),
    ("DE", "HE", "Gießen", "0641", 0.8, "35390 35392 35394 35396 35398"),
    ("DE", "HE", "Marburg", "06421", 0.7, "35037 35039 35041 35043"),
    ("DE", "HE", "Hanau", "06181", 0.8, "63450 63452 63454 63456 63457"),
    ("DE", "HE", "Fulda", "0661", 0.6, "36037 36039 36041 36043"),
    ("DE", "HE", "Bad Homburg vor der Höhe", "06172", 0.5, "61348 61350 61352"),
    ("DE", "HE", "Rüsselsheim am Main", "06142", 0.4, "65428"),
    ("DE", "HE", "Wetzlar", "06441", 0.4, "35576 35578 35579 35580 35581 35582 35583 35584 35585 35586"),
    # Bavaria
    ("DE", "BY", "München", "089", 8.0, "80331 80333 80335 80336 80337 80339 80469 80538 80539 80634 80636 80637 80638 "
     "80639 80686 80687 80689 80796 80797 80798 80799 80801 80802 80803 80804 80805 80807 80809 80933 80935 80937 80939 "
     "80992 80993 80995 80997 80999 81241 81243 81245 81247 81249 81369 81371 81373 81375 81377 81379 81475 81476 81477 "
     "81479 81539 81541 81543 81545 81547 81549 81667 81669 81671 81673 81675 81677 81679 81735 81737 81739 81825 81827 "
     "81829 81925 81927 81929"),
    ("DE", "BY", "Nürnberg", "0911", 3.5, "90402 90403 90408 90409 90411 90419 90425 90427 90429 90431 90439 90441 90443 "
     "90449 90451 90453 90455 90459 90461 90469 90471 90473 90475 90478 90480 90482 90489 90491"),
    ("DE", "BY", "Augsburg", "0821", 2.0, "86150 86152 86153 86154 86156 86157 86159 86161 86163 86165 86167 86169 86179 86199"),
    ("DE", "BY", "Regensburg", "0941", 1.2, "93047 93049 93051 93053 93055 93057 93059"),
    ("DE", "BY", "Würzburg", "0931", 1.2, "97070 97072 97074 97076 97078 97080 97082 97084"),
    ("DE", "BY", "Ingolstadt", "0841", 1.0, "85049 85051 85053 85055 85057"),
    ("DE", "BY", "Erlangen", "09131", 0.8, "91052 91054 91056 91058"),
    ("DE", "BY", "Fürth", "0911", 0.8, "90762 90763 90765 90766 90768"),
    ("DE", "BY", "Rosenheim", "08031", 0.6, "83022 83024 83026"),
    ("DE", "BY", "Passau", "0851", 0.5, "94032 94034 94036"),
    ("DE", "BY", "Landshut", "0871", 0.5, "84028 84030 84032 84034 84036"),
    # Berlin, Hamburg
    ("DE", "BE", "Berlin", "030", 10.0, "10115 10117 10119 10178 10179 10243 10245 10247 10249 10315 10317 10318 10319 10365 "
     "10367 10369 10405 10407 10409 10435 10437 10439 10551 10553 10555 10557 10559 10585 10587 10589 10623 10625 10627 "
     "10629 10707 10709 10711 10713 10715 10717 10719 10777 10779 10781 10783 10785 10787 10789 10823 10825 10827 10829 "
     "10961 10963 10965 10967 10969 10997 10999 12043 12045 12047 12049 12051 12053 12055 12057 12059 12099 12101 12103 "
     "12105 12107 12109 12157 12159 12161 12163 12165 12167 12169 12203 12205 12207 12209 12247 12249 12277 12279 12305 "
     "12307 12309 12347 12349 12351 12353 12355 12357 12359 12435 12437 12439 12459 12487 12489 12524 12526 12527 12555 "
     "12557 12559 12587 12589 12619 12621 12623 12627 12629 12679 12681 12683 12685 12687 12689 13051 13053 13055 13057 "
     "13059 13086 13088 13089 13125 13127 13129 13156 13158 13159 13187 13189 13347 13349 13351 13353 13355 13357 13359 "
     "13403 13405 13407 13409 13435 13437 13439 13465 13467 13469 13503 13505 13507 13509 13581 13583 13585 13587 13589 "
     "13591 13593 13595 13597 13599 13627 13629 14050 14052 14053 14055 14057 14059 14089 14109 14129 14163 14165 14167 "
     "14169 14193 14195 14197 14199"),
    ("DE", "HH", "Hamburg", "040", 7.0, "20095 20097 20099 20144 20146 20148 20149 20249 20251 20253 20255 20257 20259 20354 "
     "20355 20357 20359 20457 20459 20535 20537 20539 21029 21031 21033 21035 21073 21075 21077 21079 21107 21109 21129 "
     "21147 21149 22041 22043 22045 22047 22049 22081 22083 22085 22087 22089 22111 22115 22117 22119 22143 22145 22147 "
     "22149 22159 22175 22177 22179 22297 22299 22301 22303 22305 22307 22309 22335 22337 22339 22359 22391 22393 22395 "
     "22397 22399 22415 22417 22419 22453 22455 22457 22459 22523 22525 22527 22529 22547 22549 22559 22587 22589 22605 "
     "22607 22609 22761 22763 22765 22767 22769"),
    # Saxony
    ("DE", "SN", "Dresden", "0351", 2.5, "01067 01069 01097 01099 01108 01109 01127 01129 01139 01156 01157 01159 01169 01187 "
     "01189 01217 01219 01237 01239 01257 01259 01277 01279 01307 01309 01324 01326"),
    ("DE", "SN", "Leipzig", "0341", 2.8, "04103 04105 04107 04109 04129 04155 04157 04158 04159 04177 04178 04179 04205 04207 "
     "04209 04229 04249 04275 04277 04279 04288 04289 04299 04315 04316 04317 04318 04319 04328 04329 04347 04349 04356 04357"),
    ("DE", "SN", "Chemnitz", "0371", 1.2, "09111 09112 09113 09114 09116 09117 09119 09120 09122 09123 09125 09126 09127 "
     "09128 09130 09131"),
    ("DE", "SN", "Zwickau", "0375", 0.5, "08056 08058 08060 08062 08064 08066"),
    ("DE", "SN", "Plauen", "03741", 0.3, "08523 08525 08527 08529"),
    ("DE", "SN", "Görlitz", "03581", 0.3, "02826 02827 02828"),
    ("DE", "SN", "Meißen", "03521", 0.2, "01662"),
    ("DE", "SN", "Bautzen", "03591", 0.2, "02625"),
    # border towns elsewhere
    ("DE", "RP", "Trier", "0651", 0.8, "54290 54292 54293 54294 54295 54296"),
    ("DE", "SL", "Saarbrücken", "0681", 0.8, "66111 66113 66115 66117 66119 66121 66123 66125 66126 66127 66128 66129"),
    ("DE", "BW", "Konstanz", "07531", 0.3, "78462 78464 78465 78467"),
    ("DE", "BW", "Lörrach", "07621", 0.3, "79539 79540 79541"),
    # Switzerland
    ("CH", "ZH", "Zürich", "044", 3.0, "8001 8002 8003 8004 8005 8006 8008 8032 8037 8038 8041 8044 8045 8046 8047 8048 8049 "
     "8050 8051 8052 8053 8055 8057"),
    ("CH", "ZH", "Winterthur", "052", 0.8, "8400 8401 8404 8405 8406 8408 8409"),
    ("CH", "BS", "Basel", "061", 1.5, "4051 4052 4053 4054 4055 4056 4057 4058 4059"),
    ("CH", "BE", "Bern", "031", 1.2, "3004 3005 3006 3007 3008 3010 3011 3012 3013 3014 3015 3018 3027"),
    ("CH", "SG", "St. Gallen", "071", 0.8, "9000 9008 9010 9011 9012 9014 9015 9016"),
    ("CH", "LU", "Luzern", "041", 0.8, "6003 6004 6005 6006"),
    ("CH", "SH", "Schaffhausen", "052", 0.4, "8200"),
    ("CH", "TG", "Kreuzlingen", "071", 0.3, "8280"),
    ("CH", "AG", "Baden", "056", 0.3, "5400"),
    ("CH", "AG", "Aarau", "062", 0.3, "5000 5004"),
    ("CH", "ZG", "Zug", "041", 0.4, "6300"),
    # Austria
    ("AT", "W", "Wien", "01", 2.0, "1010 1020 1030 1040 1050 1060 1070 1080 1090 1100 1110 1120 1130 1140 1150 1160 1170 "
     "1180 1190 1200 1210 1220 1230"),
    ("AT", "S", "Salzburg", "0662", 0.8, "5020"),
    ("AT", "O", "Linz", "0732", 0.6, "4020 4030 4040"),
    ("AT", "T", "Innsbruck", "0512", 0.5, "6020"),
    ("AT", "ST", "Graz", "0316", 0.6, "8010 8020 8036 8041 8042 8043 8045 8051 8052 8053 8054 8055"),
    ("AT", "V", "Bregenz", "05574", 0.3, "6900"),
    ("AT", "V", "Dornbirn", "05572", 0.3, "6850"),
    ("AT", "T", "Kufstein", "05372", 0.2, "6330"),
    ("AT", "O", "Braunau am Inn", "07722", 0.2, "5280"),
    # Netherlands (border), Luxembourg
    ("NL", "LI", "Venlo", "077", 0.5, "5911 5912 5913 5914 5916"),
    ("NL", "OV", "Enschede", "053", 0.4, "7511 7512 7513 7514 7521 7522 7523 7531 7532 7533 7534 7535 7541 7542 7543 7544"),
    ("NL", "GE", "Nijmegen", "024", 0.4, "6511 6512 6521 6522 6523 6524 6525 6531 6532 6533 6534 6535 6536 6537 6538 6541"),
    ("NL", "LI", "Maastricht", "043", 0.4, "6211 6212 6213 6214 6215 6216 6217 6218 6219 6221 6222 6223 6224 6225 6226"),
    ("NL", "LI", "Heerlen", "045", 0.3, "6411 6412 6413 6414 6415 6416 6417 6418 6419 6421 6422"),
    ("NL", "LI", "Kerkrade", "045", 0.2, "6461 6462 6463 6464 6465 6466 6467 6468"),
    ("NL", "GE", "Arnhem", "026", 0.3, "6811 6812 6813 6814 6815 6816 6821 6822 6823 6824 6825 6826 6827 6828"),
    ("LU", "LU", "Luxembourg", "", 0.6, "1009 1111 1212 1326 1420 1512 1623 1724 1836 1940 2011 2128 2240 2310 2449 2537 "
     "2611 2730 2850 2920"),
    ("LU", "ES", "Esch-sur-Alzette", "", 0.3, "4001 4011 4039 4042 4130 4137 4210 4243 4320 4361 4411 4442"),
    ("LU", "ES", "Differdange", "", 0.1, "4501 4520 4553 4571 4590"),
    ("LU", "GR", "Echternach", "", 0.1, "6401 6430 6460 6470"),
    ("LU", "GR", "Wasserbillig", "", 0.1, "6601 6630 6645 6670"),
    ("LU", "RM", "Remich", "", 0.1, "5501 5531 5550 5570"),
]

# share of customers by country and, in Germany, the dealer group's regions (the CITIES weights split a region)
COUNTRY_SHARE = {"DE": 85.5, "CH": 8.0, "AT": 5.0, "NL": 1.0, "LU": 0.5}
DE_REGION_SHARE = {"NW": 35, "HE": 18, "BY": 20, "BE": 10, "HH": 7, "SN": 8, "RP": 0.8, "SL": 0.8, "BW": 0.6}

STREETS = {
    "DE": "Hauptstraße;Bahnhofstraße;Schulstraße;Gartenstraße;Dorfstraße;Kirchstraße;Bergstraße;Lindenstraße;Waldstraße;"
          "Ringstraße;Goethestraße;Schillerstraße;Mozartstraße;Beethovenstraße;Friedrichstraße;Wilhelmstraße;Poststraße;"
          "Marktstraße;Mühlenstraße;Feldstraße;Wiesenstraße;Rosenstraße;Blumenstraße;Sonnenstraße;Parkstraße;Kirchweg;"
          "Mühlenweg;Rosenweg;Birkenweg;Ahornweg;Eichenweg;Buchenweg;Tulpenweg;Lerchenweg;Amselweg;Drosselweg;Finkenweg;"
          "Am Markt;Am Bahnhof;Am Sportplatz;Am Mühlenbach;Im Winkel;Im Wiesengrund;Zur Mühle;An der Kirche;Auf dem Kamp;"
          "Lange Straße;Kurze Straße;Neue Straße;Alte Landstraße;Kölner Straße;Berliner Straße;Frankfurter Straße;"
          "Düsseldorfer Straße;Aachener Straße;Münchner Straße;Hamburger Straße;Dresdner Straße;Leipziger Straße;"
          "Bonner Straße;Friedrich-Ebert-Straße;Kaiser-Wilhelm-Straße;Konrad-Adenauer-Straße;Karl-Marx-Straße;"
          "Rathenaustraße;Bismarckstraße;Moltkestraße;Adolf-Kolping-Straße;Max-Planck-Straße;Robert-Koch-Straße;"
          "Albert-Schweitzer-Straße;Geschwister-Scholl-Straße;Heinrich-Heine-Straße;Theodor-Heuss-Straße;"
          "Kurt-Schumacher-Straße;Konrad-Adenauer-Allee;Kastanienallee;Lindenallee;Marktplatz;Rathausplatz;Kirchplatz;"
          "Schlossstraße;Burgstraße;Talstraße;Höhenweg;Sandweg;Rheinstraße;Mainstraße;Weserstraße;Elbstraße;Isarstraße;"
          "Neckarstraße;Gutenbergstraße;Uhlandstraße;Lessingstraße;Herderstraße;Kantstraße;Körnerstraße;Hölderlinweg;"
          "Eichendorffstraße;Fontanestraße;Danziger Straße;Königsberger Straße;Breslauer Straße;Stettiner Straße;"
          "Tannenweg;Fichtenweg;Kiefernweg;Weidenweg;Ulmenweg;Auf der Höhe;Grüner Weg;Schützenstraße;Jahnstraße;"
          "Südstraße;Nordstraße;Weststraße;Oststraße;Bachstraße;Brunnenstraße;Hofstraße;Kaiserstraße;Luisenstraße;"
          "Steinweg;Sonnenallee;Venloer Straße;Luxemburger Straße;Leopoldstraße;Schweinauer Hauptstraße;Elbchaussee",
    "CH": "Bahnhofstrasse;Hauptstrasse;Dorfstrasse;Seestrasse;Kirchgasse;Schulhausstrasse;Rosenweg;Bergstrasse;"
          "Gartenstrasse;Poststrasse;Zürcherstrasse;Badenerstrasse;Luzernerstrasse;Bernstrasse;Landstrasse;Feldstrasse;"
          "Oberdorfstrasse;Unterdorfstrasse;Im Grund;Breitestrasse;Rheinweg;Sonnenbergstrasse;Hofwiesenstrasse;Birkenweg;"
          "Lindenhofstrasse;Kirchweg;Alte Landstrasse;Industriestrasse;Weinbergstrasse;Schützenstrasse",
    "AT": "Hauptstraße;Bahnhofstraße;Kirchengasse;Schulgasse;Mariahilfer Straße;Landstraßer Hauptstraße;Wiener Straße;"
          "Linzer Straße;Salzburger Straße;Grazer Straße;Dorfstraße;Feldgasse;Lindengasse;Neubaugasse;Gartengasse;"
          "Bergstraße;Mühlgasse;Waldstraße;Kaiserstraße;Rennweg;Josefstädter Straße;Favoritenstraße;Ottakringer Straße;"
          "Schillerstraße;Goethestraße;Kirchplatz;Am Anger;Siedlungsstraße",
    "NL": "Hoofdstraat;Kerkstraat;Dorpsstraat;Stationsstraat;Molenweg;Julianastraat;Wilhelminastraat;Beatrixlaan;"
          "Schoolstraat;Nieuwstraat;Markt;Brugstraat;Parallelweg;Lindenlaan;Eikenlaan;Sportlaan;Industrieweg;"
          "Prins Hendrikstraat;Oranjestraat;Van Goghstraat",
    "LU": "rue de la Gare;Grand-Rue;route d'Arlon;rue Principale;avenue de la Liberté;rue de l'Église;rue du Moulin;"
          "rue des Jardins;boulevard Royal;rue de Luxembourg;route de Trèves;rue du Village;rue de la Forêt;rue des Prés",
}
BUSINESS_STREETS = {
    "DE": "Industriestraße;Gewerbestraße;Am Gewerbepark;Siemensstraße;Daimlerstraße;Benzstraße;Robert-Bosch-Straße;"
          "Carl-Zeiss-Straße;Otto-Hahn-Straße;Werkstraße;Im Gewerbegebiet;Hafenstraße;Max-Planck-Straße;Hauptstraße",
    "CH": "Industriestrasse;Gewerbestrasse;Bahnhofstrasse;Hauptstrasse;Zürcherstrasse",
    "AT": "Industriestraße;Gewerbepark;Hauptstraße;Wiener Straße",
    "NL": "Industrieweg;Bedrijvenpark;Hoofdstraat",
    "LU": "Zone Industrielle;rue de l'Industrie;route d'Arlon",
}

# ---------------------------------------------------------------- surnames, most frequent first
SURNAMES = {
    "german": "Müller;Schmidt;Schneider;Fischer;Meyer;Weber;Wagner;Becker;Schulz;Hoffmann;Schäfer;Koch;Bauer;Richter;"
              "Klein;Wolf;Schröder;Neumann;Schwarz;Zimmermann;Braun;Krüger;Hofmann;Hartmann;Lange;Schmitt;Werner;"
              "Schmitz;Krause;Meier;Lehmann;Schmid;Schulze;Maier;Köhler;Herrmann;König;Walter;Mayer;Huber;Kaiser;"
              "Fuchs;Peters;Lang;Scholz;Möller;Weiß;Jung;Hahn;Schubert;Vogel;Friedrich;Keller;Günther;Frank;Berger;"
              "Winkler;Roth;Beck;Lorenz;Baumann;Franke;Albrecht;Schuster;Simon;Ludwig;Böhm;Winter;Kraus;Martin;"
              "Schumacher;Krämer;Vogt;Stein;Jäger;Otto;Sommer;Groß;Seidel;Heinrich;Brandt;Haas;Schreiber;Graf;"
              "Schulte;Dietrich;Ziegler;Kuhn;Kühn;Pohl;Engel;Horn;Busch;Bergmann;Thomas;Voigt;Sauer;Arnold;Wolff;"
              "Pfeiffer;Hansen;Jansen;Brinkmann;Kemper;Esser;Hermanns;Kremer;Küpper;Dahmen;Thelen;Mertens;Pütz;"
              "Nießen;Hilgers;Schäfers;Overbeck;Büscher;Wilms;Janssen;Kretzschmar;Seifert;Böhme;Uhlig;Hennig;"
              "Gruber;Obermeier;Hinterberger;Brunner;Wimmer;Stadler;Reiter;Strauß;Ernst;Kramer;Haase;Schilling;"
              "Hübner;Schuhmacher;Sommerfeld;Lindner;Heinz;Kuhlmann;Rieger;Arndt;Beyer;Marx;Fink;Kolb;Ritter;"
              "Wendt;Kessler;Kirchner;Nowak;Frey;Lutz;Bock;Ebert;Thiel;Schenk;Ackermann;Busse;Voß;Behrens;Kraft;"
              "Mayr;Wenzel;Dittrich;Schütz;Ott;Hinz;Paul;Bach;Witt;Gerlach;Köster;Hecht;Weiss;Sander;Hesse;"
              "Herzog;Marquardt;Stark;Wirth;Brauer;Langer;Stahl;Schwab;Beckmann;Nagel;Lenz;Weise;Hartwig;Link;"
              "Haupt;Maurer;Oswald;Möbius;Grimm;Bruns;Petersen;Rademacher;Hagen;Böttcher;Heinemann;Wittmann;"
              "Rothe;Reinhardt;Ulrich;Kunz;Pieper;Göbel;Nolte;Schön;Große;Wiegand;Kurz;Hoppe;Vetter;Adam;Stephan;"
              "Hauser;Bayer;Schade;Pfeifer;Decker;Frenzel;Geiger;Blum;Dörr;Röder;Sturm;Bode;Eckert;Kroll;Michel;"
              "Schmiedel;Weidner;Aigner;Lohmann;Brückner;Hummel;Heller;Körner;Thiele;Schrader;Bittner;Kühne;"
              "Brandl;Siebert;Scherer;Wendel;Rupp;Hildebrandt;Vollmer;Kluge;Hanke;Schott;Kübler;Reuter;Erdmann",
    "turkish": "Yılmaz;Kaya;Demir;Şahin;Çelik;Yıldız;Yıldırım;Öztürk;Aydın;Özdemir;Arslan;Doğan;Kılıç;Aslan;Çetin;Kara;"
               "Koç;Kurt;Özkan;Şimşek;Polat;Erdoğan;Güler;Akın;Korkmaz;Acar;Aksoy;Tekin;Karaca;Yavuz;Bulut;Keskin;"
               "Ünal;Turan;Gündoğdu;Güneş;Taş;Bozkurt;Uçar;Coşkun;Eren;Altun;Işık;Avcı;Yüksel;Sarı;Kocabaş;Tunç;"
               "Özer;Ateş;Erdem;Karataş;Kaplan;Duman;Yalçın;Bayram;Aktaş;Sönmez",
    "italian": "Rossi;Russo;Esposito;Ferrari;Bianchi;Romano;Colombo;Ricci;Marino;Bruno;Gallo;Conti;De Luca;Costa;"
               "Giordano;Mancini;Rizzo;Lombardi;Moretti;Di Stefano;Lo Russo;La Rosa;D'Angelo;Caruso;Fontana;Ferraro;"
               "Santoro;Greco;Mariani;Rinaldi;Barbieri;Leone;De Santis;Di Marco;Lo Bianco;Vitale;Messina;Amato;"
               "Sorrentino;Parisi;Palumbo;Cirillo;Pellegrino;Longo;D'Amico;Di Maio;Lo Giudice",
    "greek": "Papadopoulos;Georgiou;Dimitriou;Nikolaidis;Papadakis;Konstantinidis;Ioannidis;Vlachos;Karagiannis;"
             "Oikonomou;Christodoulou;Pappas;Antoniou;Makris;Athanasiou;Alexiou;Papageorgiou;Theodoridis;Tsakiris;"
             "Kalogeropoulos;Papanikolaou;Michailidis;Petridis;Lazaridis;Kyriakidis",
    "russian": "Iwanow;Smirnow;Kusnezow;Popow;Petrow;Sokolow;Wolkow;Lebedew;Nowikow;Fjodorow;Morosow;Koslow;Orlow;"
               "Sorokin;Pawlow;Jegorow;Saizew;Wassiljew;Kowalenko;Schewtschenko;Bondarenko;Tkatschenko;Melnyk;"
               "Krawtschenko;Moroz;Bojko;Kowaltschuk;Sawtschuk;Lysenko;Martschenko;Rudenko;Petrenko;Pawlenko",
    "polish": "Nowak;Kowalski;Wiśniewski;Wójcik;Kowalczyk;Kamiński;Lewandowski;Zieliński;Szymański;Woźniak;Dąbrowski;"
              "Kozłowski;Jankowski;Mazur;Kwiatkowski;Krawczyk;Piotrowski;Grabowski;Nowakowski;Pawłowski;Michalski;"
              "Nowicki;Adamczyk;Dudek;Zając;Wieczorek;Jabłoński;Król;Majewski;Olszewski;Jaworski;Wróbel;Malinowski;"
              "Pawlak;Witkowski;Walczak;Stępień;Górski;Rutkowski;Michalak;Sikora;Ostrowski;Baran;Duda;Szewczyk",
    "arabic": "Al-Hassan;Ahmad;Ali;Hassan;Ibrahim;Khalil;Mahmoud;Saleh;Abdullah;El-Khoury;Haddad;Nasser;Omar;Youssef;"
              "Al-Ahmad;Aziz;Hamdan;Mansour;Darwish;Al-Khatib;Suleiman;Othman;Hammoud;Sabbagh;Kassem;Rahimi;Haidari;"
              "Mohammadi;Al-Masri;Abbas;Hussein;Jaber;Najjar;Said",
    "dutch": "de Jong;Jansen;de Vries;van den Berg;van Dijk;Bakker;Janssen;Visser;Smit;Meijer;de Boer;Mulder;de Groot;"
             "Bos;Vos;Peters;Hendriks;van Leeuwen;Dekker;Brouwer;de Wit;Dijkstra;Smits;de Graaf;van der Meer;"
             "van der Linden;Kok;Jacobs;de Haan;Vermeulen;van den Heuvel;van der Veen;van den Broek;de Bruijn;"
             "van der Heijden;Schouten;van Beek;Willems;van Vliet;Verhoeven;Hoekstra;Maas;Verbeek;Kuipers;"
             "van Wijk;Wouters;Coenen;Hermans;Geurts;Claessens",
    "swiss": "Müller;Meier;Schmid;Keller;Weber;Huber;Meyer;Schneider;Steiner;Fischer;Gerber;Brunner;Baumann;Frei;"
             "Zimmermann;Moser;Widmer;Wyss;Graf;Roth;Kälin;Bühler;Hug;Wüthrich;Zürcher;Nussbaumer;Suter;Bachmann;"
             "Bieri;Bosshard;Egli;Fuchs;Hofmann;Kaufmann;Lüthi;Marti;Morf;Schär;Sutter;Vogel;Wenger;Zaugg;Ammann;"
             "Aebischer;Blaser;Christen;Flückiger;Gasser;Herzog;Imhof;Jost;Kunz;Lehmann;Meili;Rüegg;Stucki;Tanner;Wirz",
    "austrian": "Gruber;Huber;Bauer;Wagner;Pichler;Steiner;Moser;Mayer;Hofer;Leitner;Berger;Fuchs;Eder;Fischer;Schmid;"
                "Winkler;Weber;Schwarz;Maier;Schneider;Reiter;Mayr;Schmidt;Wimmer;Egger;Brunner;Lang;Baumgartner;"
                "Auer;Binder;Lechner;Wolf;Wallner;Aigner;Ebner;Koller;Lehner;Haas;Schuster;Holzer;Strasser;Pöll",
    "balkan": "Krasniqi;Berisha;Gashi;Morina;Shala;Hoxha;Bytyqi;Kastrati;Kovačević;Petrović;Jovanović;Nikolić;"
              "Marković;Đorđević;Popović;Hodžić;Begić;Mehmedović",
    "lux": "Schmit;Muller;Weber;Wagner;Hoffmann;Thill;Schmitz;Klein;Reuter;Kieffer;Schroeder;Meyer;Steffen;Becker;"
           "Hansen;Kremer;Welter;Weis;Faber;Majerus;Da Silva;Dos Santos;Pereira;Ferreira;Rodrigues;Gonçalves;"
           "Fernandes;Lopes;Martins;Marques",
}

# the long tail of German surnames: compounds as they occur (Brinkmann, Westerkamp, Holzapfel, Kirchhoff, ...)
SURNAME_HEADS = ("Brink;Holz;Stein;Kirch;Ober;Unter;Wester;Oster;Nieder;Hoch;Berg;Linden;Eich;Buch;Rosen;Feld;Wald;"
                 "Wiesen;Mühl;Kamp;Horst;Hage;Sand;Moor;Bruch;Haber;Korn;Wein;Kessel;Hammer;Lind;Tann;Esch;Stroh;Grün;"
                 "Hell;Kalt;Warm;Schön;Alt;Neu;Hasel;Birk;Kreuz;Wolters;Diek;Busch;Brock;Hölter;Mollen;Pott;Ahl;Teich")
SURNAME_TAILS = ("mann;meier;meyer;kamp;hoff;hof;haus;hausen;berg;brink;horst;beck;bach;kötter;feld;hauer;rath;ried;"
                 "huber;moser;länder;bauer;macher;ecker;eder;inger;er;kemper;wig;höfer;stedt;bruch;hagen;holt;dieck;"
                 "winkel;kämper;schulte;jans;brock")

NOBLE_SURNAMES = ("von Hagen;von der Heide;von Stein;von Lindenau;von der Au;von Berg;von Holten;von Bredow;von Wendt;"
                  "von der Lippe;von Rhein;von Loë;von Hövel;von Schönberg;von Ketteler;von Spee;von Westphalen;"
                  "von der Recke;von Eltz;von Plettenberg")
NOBLE_RANKS = {"m": ("Freiherr", "Graf"), "f": ("Freifrau", "Gräfin")}

# ---------------------------------------------------------------- first names: (origin, gender[, cohort])
FIRST_NAMES = {
    ("german", "m", "old"): "Hans;Klaus;Jürgen;Wolfgang;Peter;Dieter;Manfred;Werner;Heinz;Horst;Gerhard;Helmut;Günter;"
                            "Karl-Heinz;Hans-Peter;Uwe;Rainer;Bernd;Norbert;Reinhard;Rolf;Harald;Gerd;Ulrich;Hermann;"
                            "Walter;Friedrich;Wilhelm;Heinrich;Joachim;Siegfried;Erich;Detlef;Hans-Jürgen;Klaus-Dieter;"
                            "Lothar;Volker;Herbert;Karl;Josef;Franz;Alfred;Bernhard;Hans-Georg;Rudolf;Kurt;Otto;Johannes",
    ("german", "m", "mid"): "Thomas;Michael;Andreas;Stefan;Frank;Markus;Christian;Martin;Matthias;Jörg;Sven;Torsten;Ralf;"
                            "Oliver;Dirk;Carsten;Jens;Holger;Alexander;Marco;Daniel;Sascha;Kai;Tobias;Jan;Christoph;"
                            "Björn;Joachim;Bernd;Uwe;Sebastian;Florian;Guido;Heiko;Ingo;Lars;Marc;Mario;Olaf;Axel;Achim;"
                            "Peter;Ulrich;Hans-Peter;Stephan;Karsten;Thorsten;Philipp;Johannes;Manfred",
    ("german", "m", "young"): "Daniel;Kevin;Dennis;Patrick;Sebastian;Tobias;Florian;Jan;Tim;Lukas;Jonas;Niklas;Felix;"
                              "Philipp;Maximilian;Leon;Luca;Paul;Moritz;Julian;Fabian;Marcel;Benjamin;Dominik;David;"
                              "Simon;Marvin;Nico;Pascal;Robin;Jannik;Tom;Finn;Ben;Max;Alexander;Christian;Michael;"
                              "Jan-Hendrik;Lennart;Nils;Timo;Yannick;Justin;Kai;Matthias;Johannes",
    ("german", "f", "old"): "Ursula;Monika;Petra;Renate;Helga;Karin;Brigitte;Ingrid;Gisela;Elke;Gabriele;Christa;"
                            "Marianne;Erika;Hannelore;Sabine;Angelika;Barbara;Birgit;Doris;Heike;Margarete;Anneliese;"
                            "Gertrud;Elisabeth;Hildegard;Irmgard;Edith;Rosemarie;Waltraud;Marlies;Beate;Bärbel;Christel;"
                            "Dagmar;Annemarie;Marie-Luise;Eva-Maria;Ute;Jutta;Maria;Anna;Susanne",
    ("german", "f", "mid"): "Sabine;Claudia;Andrea;Susanne;Stefanie;Nicole;Tanja;Sandra;Anja;Katrin;Kerstin;Silke;"
                            "Melanie;Daniela;Martina;Christina;Simone;Nadine;Stephanie;Katharina;Julia;Bettina;Anke;"
                            "Birgit;Heike;Manuela;Alexandra;Diana;Yvonne;Petra;Christiane;Kristina;Britta;Astrid;Jessica;"
                            "Ines;Cornelia;Sonja;Anna-Maria;Eva-Maria;Gabriele;Ursula;Elisabeth",
    ("german", "f", "young"): "Julia;Laura;Lisa;Sarah;Anna;Lena;Leonie;Lea;Hannah;Johanna;Sophie;Marie;Katharina;"
                              "Franziska;Jennifer;Jessica;Vanessa;Jana;Christina;Alina;Nina;Michelle;Anna-Lena;"
                              "Lisa-Marie;Ann-Kathrin;Carolin;Theresa;Pia;Emily;Mia;Clara;Charlotte;Melina;Luisa;Selina;"
                              "Saskia;Annika;Kim;Stefanie;Sabrina;Daniela;Alexandra",
    ("turkish", "m"): "Mehmet;Mustafa;Ahmet;Ali;Hüseyin;Hasan;İbrahim;Murat;Emre;Can;Burak;Cem;Serkan;Deniz;Kemal;Osman;"
                      "Yusuf;Ömer;Fatih;Volkan;Tolga;Erkan;Orhan;Halil;Recep;Selim;Tarkan;Kaan;Onur;Erdal",
    ("turkish", "f"): "Ayşe;Fatma;Emine;Hatice;Zeynep;Elif;Merve;Esra;Derya;Özlem;Sibel;Gül;Yasemin;Leyla;Selin;Aylin;"
                      "Hülya;Songül;Gülsen;Nesrin;Dilek;Filiz;Sevgi;Büşra;Tuba;Melek;Aynur;Sevim",
    ("italian", "m"): "Giuseppe;Giovanni;Antonio;Mario;Francesco;Luigi;Salvatore;Marco;Luca;Andrea;Alessandro;Vincenzo;"
                      "Roberto;Stefano;Paolo;Massimo;Fabio;Davide;Matteo;Domenico",
    ("italian", "f"): "Maria;Anna;Giulia;Francesca;Rosa;Angela;Giovanna;Lucia;Chiara;Simona;Teresa;Carmela;Sara;Elena;"
                      "Paola;Valentina;Federica;Alessandra",
    ("greek", "m"): "Georgios;Konstantinos;Dimitrios;Ioannis;Nikolaos;Athanasios;Christos;Vasilios;Panagiotis;Evangelos;"
                    "Stavros;Michail;Theodoros;Spyridon",
    ("greek", "f"): "Maria;Eleni;Aikaterini;Sofia;Anastasia;Georgia;Dimitra;Vasiliki;Paraskevi;Despina;Athina;Kyriaki",
    ("russian", "m"): "Alexander;Sergej;Andrej;Dmitrij;Jurij;Wladimir;Viktor;Waldemar;Eduard;Nikolaj;Alexej;Jewgenij;"
                      "Michail;Maxim;Pawel;Igor;Oleg;Anatolij;Roman;Artjom;Bogdan;Wassili;Ivan;Taras;Johann;Jakob",
    ("russian", "f"): "Natalja;Tatjana;Jelena;Swetlana;Julia;Olga;Irina;Ljudmila;Oksana;Anastasia;Jekaterina;Marina;"
                      "Galina;Walentina;Lilia;Xenia;Darja;Helene;Lydia",
    ("polish", "m"): "Piotr;Krzysztof;Tomasz;Paweł;Marek;Michał;Grzegorz;Jan;Andrzej;Łukasz;Marcin;Adam;Mariusz;"
                     "Wojciech;Dariusz;Rafał;Jacek;Kamil;Mateusz;Sławomir;Zbigniew;Jerzy;Janusz;Robert;Artur",
    ("polish", "f"): "Agnieszka;Katarzyna;Małgorzata;Anna;Ewa;Magdalena;Joanna;Monika;Barbara;Dorota;Aleksandra;Beata;"
                     "Marta;Justyna;Natalia;Karolina;Paulina;Iwona;Renata;Elżbieta;Krystyna;Danuta",
    ("arabic", "m"): "Mohammed;Ahmad;Ali;Omar;Khaled;Youssef;Hussein;Mahmoud;Karim;Tarek;Abdullah;Hassan;Ibrahim;"
                     "Mustafa;Samir;Bilal;Walid;Amir;Rami;Jamal",
    ("arabic", "f"): "Fatima;Aisha;Layla;Mariam;Nour;Rania;Amira;Yasmin;Hanan;Samira;Zainab;Dalia;Reem;Lina",
    ("dutch", "m"): "Jan;Pieter;Johannes;Willem;Hendrik;Henk;Sander;Bas;Thijs;Daan;Ruud;Kees;Gerrit;Dirk;Wim;Joost;"
                    "Jeroen;Maarten;Niels;Bram;Stijn;Ruben;Koen;Martijn;Erik",
    ("dutch", "f"): "Marieke;Anouk;Sanne;Femke;Lieke;Inge;Ingrid;Els;Annelies;Maria;Anne;Lotte;Eva;Sophie;Fleur;Iris;"
                    "Esther;Mirjam;Marloes;Linda;Petra;Monique;Wilma;Joke",
    ("swiss", "m"): "Daniel;Peter;Thomas;Andreas;Martin;Hans;Christian;Marco;Stefan;Markus;Urs;Beat;Reto;Lukas;Michael;"
                    "Roger;Patrick;René;Bruno;Walter;Rolf;Jürg;Kurt;Simon;Adrian;Roland;Fabian;Hanspeter",
    ("swiss", "f"): "Maria;Ursula;Ruth;Elisabeth;Sandra;Monika;Barbara;Regula;Nicole;Daniela;Esther;Verena;Brigitte;"
                    "Claudia;Corinne;Priska;Andrea;Karin;Christine;Rita;Franziska;Silvia;Sarah;Laura;Anna;Céline;Nadia",
    ("austrian", "m"): "Johann;Franz;Josef;Georg;Alois;Leopold;Herbert;Gerald;Christoph;Lukas;David;Stefan;Michael;"
                       "Thomas;Markus;Andreas;Wolfgang;Peter;Günther;Manfred;Karl;Florian;Matthias;Bernhard;Harald;"
                       "Gernot;Reinhold",
    ("austrian", "f"): "Maria;Elisabeth;Theresia;Katharina;Christa;Sabine;Birgit;Andrea;Claudia;Barbara;Martina;Petra;"
                       "Anna;Julia;Lisa;Sandra;Renate;Brigitte;Gertraud;Hermine;Johanna;Magdalena;Veronika;Kerstin",
    ("balkan", "m"): "Arben;Besnik;Valon;Blerim;Fatmir;Agron;Driton;Milan;Dragan;Zoran;Nikola;Dejan;Emir;Adnan",
    ("balkan", "f"): "Arta;Blerta;Vjosa;Drita;Mimoza;Albana;Jelena;Ivana;Milica;Dragana;Amra;Lejla",
    ("lux", "m"): "Jean;Marc;Luc;Paul;Carlo;Claude;Tom;Jeff;Gilles;Patrick;Romain;Laurent;João;José;António;Manuel;Paulo",
    ("lux", "f"): "Marie;Anne;Nathalie;Sandra;Carole;Sophie;Monique;Claudine;Josiane;Martine;Ana;Maria;Catarina;Sofia",
}

# origin mix by country of residence
ORIGINS = {
    "DE": {"german": 71.5, "turkish": 8.0, "italian": 3.5, "greek": 2.0, "russian": 5.5, "polish": 5.0, "arabic": 3.5,
           "dutch": 1.0},
    "CH": {"swiss": 75, "italian": 10, "german": 8, "balkan": 5, "turkish": 2},
    "AT": {"austrian": 80, "turkish": 6, "balkan": 6, "german": 5, "polish": 3},
    "NL": {"dutch": 90, "turkish": 5, "german": 5},
    "LU": {"lux": 90, "german": 5, "italian": 5},
}

# ---------------------------------------------------------------- spelling variants
# names a person may go by, the first of each group the full form
NICKNAMES = [
    "Johannes;Hans;Jo", "Ulrich;Uli", "Stefanie;Steffi", "Stephanie;Steffi", "Alexander;Alex;Sascha", "Alexandra;Alex",
    "Christian;Chris", "Christoph;Chris", "Christina;Tina", "Kristina;Tina", "Martina;Tina", "Katharina;Kati;Katja",
    "Bernhard;Bernd", "Andreas;Andi", "Michael;Micha;Michi", "Thomas;Tom", "Friedrich;Fritz", "Wilhelm;Willi",
    "Gerhard;Gerd", "Joachim;Jochen;Achim", "Sebastian;Basti", "Florian;Flo", "Maximilian;Max", "Tobias;Tobi",
    "Daniel;Dani", "Daniela;Dani", "Gabriele;Gabi", "Ursula;Uschi;Ulla", "Susanne;Susi", "Elisabeth;Lisa;Elli;Liesel",
    "Johanna;Hanna", "Franziska;Franzi", "Jennifer;Jenny", "Jessica;Jessi", "Theresa;Resi", "Theresia;Resi",
    "Josef;Sepp;Jupp", "Giuseppe;Peppe;Beppe", "Giovanni;Gianni", "Antonio;Toni", "Konstantinos;Kostas",
    "Georgios;Giorgos", "Nikolaos;Nikos", "Dimitrios;Dimitris", "Ioannis;Giannis", "Athanasios;Thanasis",
    "Panagiotis;Panos", "Evangelos;Vangelis", "Tatjana;Tanja", "Natalja;Natascha", "Manfred;Manni", "Heinrich;Heiner",
    "Matthias;Matze", "Karl;Kalle", "Oliver;Olli", "Margarete;Grete", "Angelika;Angie", "Benjamin;Ben",
    "Wolfgang;Wolf", "Rudolf;Rudi", "Verena;Vreni", "Leopold;Poldi", "Magdalena;Lena", "Dominik;Domi",
    "Jürgen;Jürgi", "Hanspeter;Hans-Peter", "Sabine;Bine", "Annemarie;Anne", "Rosemarie;Rosi", "Valentina;Vale",
    "Aikaterini;Katerina", "Paraskevi;Evi", "Vasiliki;Vicky", "Mohammed;Mo", "Mustafa;Musti", "Hüseyin;Hüso",
    "Jekaterina;Katja", "Aleksandra;Ola", "Małgorzata;Gosia", "Krzysztof;Krzysiek", "Willem;Wim", "Hendrik;Henk",
    "Johann;Hans", "Georg;Schorsch", "Herbert;Herbie",
]
# one name written from another alphabet or another language's spelling
TRANSLIT_FIRST = [
    "Alexander;Aleksandr;Oleksandr;Aleksander;Alexandr", "Jurij;Juri;Yuri;Yuriy;Iurii", "Sergej;Sergei;Sergey;Serhij;Serhiy",
    "Dmitrij;Dmitri;Dmitry;Dmytro", "Andrej;Andrei;Andrey;Andrij;Andriy", "Alexej;Aleksej;Alexei;Alexey;Oleksij",
    "Jewgenij;Evgeny;Evgenij;Yevgeniy;Yevhen", "Wladimir;Vladimir;Volodymyr;Wolodymyr", "Viktor;Wiktor",
    "Nikolaj;Nikolai;Nikolay;Mykola", "Michail;Mikhail;Mykhailo;Michael", "Maxim;Maksim;Maksym", "Pawel;Pavel;Pavlo",
    "Igor;Ihor", "Oleg;Oleh", "Anatolij;Anatoli;Anatoliy", "Waldemar;Woldemar", "Eduard;Edward", "Artjom;Artem;Artyom",
    "Bogdan;Bohdan", "Wassili;Vasily;Vasyl;Wasyl", "Ivan;Iwan", "Johann;Iogann",
    "Natalja;Natalia;Nataliya;Natalya;Natalija", "Tatjana;Tatiana;Tatyana;Tetiana", "Jelena;Elena;Yelena;Olena",
    "Swetlana;Svetlana;Switlana;Svitlana", "Julia;Yulia;Julija;Yuliia", "Olga;Olha", "Irina;Iryna",
    "Ljudmila;Ludmila;Lyudmila;Liudmyla", "Anastasia;Anastasija;Anastasiya", "Jekaterina;Ekaterina;Yekaterina;Kateryna",
    "Marina;Maryna", "Galina;Halyna", "Walentina;Valentina;Valentyna", "Lilia;Lilija;Liliya", "Xenia;Ksenia;Kseniya",
    "Darja;Daria;Darya", "Helene;Jelena",
    "Mohammed;Muhammad;Mohamed;Mohammad;Mohamad;Muhammed", "Ahmad;Ahmed", "Omar;Umar", "Khaled;Khalid;Chalid",
    "Youssef;Yusuf;Jussuf;Yousef", "Hussein;Husain;Hussain", "Mahmoud;Mahmud", "Karim;Kareem", "Tarek;Tarik;Tariq",
    "Abdullah;Abdallah", "Hassan;Hasan", "Mustafa;Mostafa", "Walid;Waleed", "Jamal;Djamal",
    "Fatima;Fatma", "Aisha;Aischa;Ayesha", "Layla;Leila;Laila", "Mariam;Maryam;Meryem", "Nour;Nur", "Yasmin;Jasmin;Yasmine",
    "Zainab;Zeinab", "Reem;Rim",
    "Georgios;Georgius;Jorgos", "Konstantinos;Konstantin", "Ioannis;Joannis;Yannis", "Vasilios;Vasileios;Vassilios",
    "Panagiotis;Panajotis", "Michail;Michael", "Spyridon;Spiridon", "Aikaterini;Ekaterini",
    "Vasiliki;Vassiliki", "Eleni;Helena",
    "Ewa;Eva", "Łukasz;Lukas", "Paweł;Pawel;Pavel", "Michał;Michal",
]
TRANSLIT_LAST = [
    "Iwanow;Ivanov", "Smirnow;Smirnov", "Kusnezow;Kuznetsov;Kuznecov", "Popow;Popov", "Petrow;Petrov",
    "Sokolow;Sokolov", "Wolkow;Volkov", "Lebedew;Lebedev", "Nowikow;Novikov", "Fjodorow;Fedorov;Fyodorov",
    "Morosow;Morozov", "Koslow;Kozlov", "Orlow;Orlov", "Pawlow;Pavlov", "Jegorow;Egorov;Yegorov", "Saizew;Zaitsev;Zaytsev",
    "Wassiljew;Vasiliev;Vasilyev", "Kowalenko;Kovalenko", "Schewtschenko;Shevchenko;Sevcenko", "Tkatschenko;Tkachenko",
    "Melnyk;Melnik", "Krawtschenko;Kravchenko", "Bojko;Boiko;Boyko", "Kowaltschuk;Kovalchuk", "Sawtschuk;Savchuk",
    "Lysenko;Lyssenko", "Martschenko;Marchenko", "Pawlenko;Pavlenko",
    "Al-Hassan;Al Hassan;Alhassan;El-Hassan", "Ahmad;Ahmed", "Hassan;Hasan", "Khalil;Chalil", "Mahmoud;Mahmud",
    "Saleh;Salih", "Abdullah;Abdallah", "El-Khoury;El Khoury;Elkhoury", "Nasser;Nasir", "Youssef;Yousef;Jussuf",
    "Al-Ahmad;Al Ahmad;Alahmad", "Mansour;Mansur", "Darwish;Darwisch", "Al-Khatib;Al Khatib;Alkhatib",
    "Suleiman;Sulaiman;Soliman", "Othman;Osman", "Hammoud;Hamoud", "Kassem;Qasim;Kasem", "Haidari;Heidari",
    "Al-Masri;Al Masri;Almasri", "Hussein;Husein", "Said;Saeed;Sayed",
    "Papadopoulos;Papadopulos", "Georgiou;Georgiu", "Dimitriou;Dimitriu", "Nikolaidis;Nikolaides",
    "Konstantinidis;Konstantinides", "Ioannidis;Ioannides", "Vlachos;Wlachos", "Karagiannis;Karajannis",
    "Oikonomou;Ikonomou;Economou", "Christodoulou;Christodulou", "Antoniou;Antoniu", "Papageorgiou;Papageorgiu",
    "Michailidis;Michailides", "Kyriakidis;Kiriakidis",
    "de Bruijn;de Bruyn;de Bruin", "Meijer;Meyer", "van der Heijden;van der Heyden", "van Wijk;van Wyk",
]
# names a listener writes down differently from what was said on the phone
PHONETIC = [
    "Meier;Meyer;Maier;Mayer;Mayr", "Schmidt;Schmitt;Schmid;Schmied", "Hoffmann;Hofmann", "Schäfer;Schäffer;Scheffer",
    "Schulz;Schultz", "Schulze;Schultze", "Becker;Bäcker", "Lehmann;Lemann", "Herrmann;Hermann", "Walter;Walther",
    "Günther;Günter", "Peters;Peeters", "Philipp;Phillip;Philip", "Christoph;Christof", "Matthias;Mathias",
    "Stefan;Stephan", "Ralf;Ralph", "Claudia;Klaudia", "Carsten;Karsten", "Thorsten;Torsten", "Katrin;Kathrin;Catrin",
    "Jessica;Jessika", "Markus;Marcus", "Nicole;Nikole", "Yvonne;Ivonne", "Claus;Klaus", "Karl;Carl", "Kaya;Kaja",
    "Voigt;Vogt", "Brandt;Brand", "Wolff;Wolf", "Voß;Voss;Fuß", "Kühn;Kuehn;Kün", "Seifert;Seyfert;Seyffert",
    "Weiß;Weiss;Weis", "Krause;Kraus", "Thiel;Tiel", "Frey;Frei", "Mertens;Märtens", "Schmitz;Schmiz", "Fink;Finck",
    "Sascha;Sasha", "Jannik;Yannick;Janik", "Marcel;Marzel", "Oksana;Oxana", "Xenia;Ksenia",
]
# Dutch/Italian/Arabic/noble particles a sender writes differently (first element: the form on the record)
PARTICLE_FORMS = {
    "van": ("van {r}", "Van {r}", "v. {r}", "{r}", "van{r}"),
    "van der": ("van der {r}", "Van der {r}", "v.d. {r}", "vd {r}", "{r}", "van de {r}"),
    "van den": ("van den {r}", "Van den {r}", "v.d. {r}", "{r}", "van der {r}"),
    "de": ("de {r}", "De {r}", "{r}", "de{r}"),
    "De": ("De {r}", "de {r}", "De{r}", "{r}"),
    "Di": ("Di {r}", "di {r}", "Di{r}", "{r}"),
    "Lo": ("Lo {r}", "lo {r}", "Lo{r}"),
    "La": ("La {r}", "la {r}", "La{r}"),
    "D'": ("D'{r}", "D{r}", "D {r}", "D´{r}", "d'{r}"),
    "Al-": ("Al-{r}", "Al {r}", "Al{r}", "El-{r}", "{r}"),
    "El-": ("El-{r}", "El {r}", "El{r}", "{r}"),
    "von": ("von {r}", "Von {r}", "v. {r}", "{r}", "{r} von"),
    "von der": ("von der {r}", "Von der {r}", "v. d. {r}", "{r}", "von {r}"),
    "rank von": ("{rank} von {r}", "von {r}", "{abbr} von {r}", "{r}", "{rank} v. {r}"),
}
RANK_ABBR = {"Freiherr": "Frhr.", "Freifrau": "Frfr.", "Graf": "Gf.", "Gräfin": "Gfn."}

# ---------------------------------------------------------------- contact details
MOBILE_PREFIXES = {
    "DE": (("151", 8), ("152", 8), ("157", 8), ("159", 8), ("160", 7), ("162", 7), ("163", 7), ("170", 7), ("171", 7),
           ("172", 7), ("173", 7), ("174", 7), ("175", 7), ("176", 8), ("177", 7), ("178", 7), ("179", 7)),
    "CH": (("76", 7), ("77", 7), ("78", 7), ("79", 7)),
    "AT": (("650", 7), ("660", 7), ("664", 7), ("676", 7), ("677", 7), ("680", 7), ("681", 7), ("699", 8)),
    "NL": (("6", 8),),
    "LU": (("621", 6), ("661", 6), ("671", 6), ("691", 6)),
}
COUNTRY_CODE = {"DE": "49", "CH": "41", "AT": "43", "NL": "31", "LU": "352"}

EMAIL_DOMAINS = {
    "DE": {"gmx.de": 17, "web.de": 17, "t-online.de": 13, "gmail.com": 15, "googlemail.com": 4, "outlook.de": 4,
           "hotmail.de": 3, "hotmail.com": 2, "yahoo.de": 3, "icloud.com": 4, "gmx.net": 3, "freenet.de": 2,
           "aol.com": 1, "arcor.de": 1, "posteo.de": 1, "mail.de": 1, "outlook.com": 2, "me.com": 1},
    "CH": {"bluewin.ch": 30, "gmail.com": 22, "gmx.ch": 10, "hispeed.ch": 6, "sunrise.ch": 5, "outlook.com": 6,
           "icloud.com": 6, "hotmail.com": 5, "yahoo.com": 3},
    "AT": {"gmx.at": 22, "gmail.com": 22, "aon.at": 12, "chello.at": 6, "a1.net": 6, "hotmail.com": 6, "outlook.com": 6,
           "icloud.com": 5, "yahoo.de": 3},
    "NL": {"gmail.com": 30, "ziggo.nl": 15, "kpnmail.nl": 10, "hotmail.nl": 8, "hotmail.com": 8, "home.nl": 5,
           "planet.nl": 5, "outlook.com": 8, "live.nl": 5},
    "LU": {"pt.lu": 25, "gmail.com": 30, "internet.lu": 8, "vo.lu": 5, "hotmail.com": 10, "outlook.com": 8, "yahoo.fr": 5},
}
FAMILY_EMAIL_DOMAINS = {"DE": ("t-online.de", "web.de", "gmx.de", "gmx.net", "gmail.com", "arcor.de"),
                        "CH": ("bluewin.ch", "gmx.ch", "gmail.com"), "AT": ("aon.at", "gmx.at", "gmail.com"),
                        "NL": ("ziggo.nl", "home.nl", "gmail.com"), "LU": ("pt.lu", "gmail.com")}
EMPLOYER_DOMAINS = {
    "DE": ("telekom.de", "bayer.com", "rewe-group.com", "deutschebahn.com", "siemens.com", "allianz.de", "ford.com",
           "uni-koeln.de", "uk-koeln.de", "stadt-koeln.de", "fraport.de", "dzbank.de", "commerzbank.com", "dlh.de",
           "bmw.de", "audi.de", "charite.de", "otto.de", "evonik.com", "thyssenkrupp.com", "eon.com", "rwe.com",
           "rub.de", "tu-dresden.de", "lmu.de", "continental.com", "stadtwerke-duesseldorf.de", "hamburg.de",
           "berlin.de", "polizei.nrw.de", "dortmund.de", "ergo.de", "henkel.com"),
    "CH": ("ubs.com", "sbb.ch", "roche.com", "novartis.com", "post.ch", "zkb.ch", "ethz.ch"),
    "AT": ("oebb.at", "wien.gv.at", "post.at", "voestalpine.com", "raiffeisen.at"),
    "NL": ("philips.com", "ns.nl", "asml.com"),
    "LU": ("bcee.lu", "post.lu", "arcelormittal.com"),
}
HOBBY_WORDS = ("sonnenschein;autofan;mausi;bayernfan;schalke04;bvb09;fckoeln;eintracht;dynamo;golffreund;biker;"
               "sternchen;kleinerbaer;cabriofan;bergfex;rheinkind;veedel;kicker;oldtimer;fortuna95;herthafan;"
               "stpauli;moppelchen;luckystar;traumtaenzer;kaefer;quattro;gti_fan;diesel;angler").split(";")

TITLES = (("Dr.", 60), ("Prof. Dr.", 6), ("Dipl.-Ing.", 12), ("Dr. med.", 8), ("Dr.-Ing.", 5), ("Dr. rer. nat.", 2),
          ("Mag.", 4), ("Ing.", 3))
OCCUPATION_TITLES = ("Dipl.-Kfm.", "Dipl.-Ing.", "Dipl.-Betriebsw.", "Dipl.-Kffr.", "M.Sc.", "B.A.")

# ---------------------------------------------------------------- companies
TRADES = ("Haustechnik;Sanitär;Elektrotechnik;Malerbetrieb;Dachdeckerei;Bau;Logistik;Transporte;Immobilien;"
          "Steuerberatung;Gebäudereinigung;Garten- und Landschaftsbau;Pflegedienst;IT-Service;Metallbau;Tischlerei;"
          "Schreinerei;Fliesen;Catering;Bäckerei;Fleischerei;Kfz-Service;Heizungsbau;Umzüge;Getränkehandel;"
          "Versicherungsmakler;Architekten;Zahntechnik;Druckerei;Kurierdienst").split(";")
LEGAL_FORMS = {
    "DE": (("GmbH", 50), ("GmbH & Co. KG", 18), ("e.K.", 12), ("UG (haftungsbeschränkt)", 6), ("KG", 4), ("AG", 2),
           ("OHG", 3), ("GbR", 5)),
    "CH": (("AG", 50), ("GmbH", 40), ("Sàrl", 5), ("& Co.", 5)),
    "AT": (("GmbH", 60), ("KG", 15), ("e.U.", 15), ("OG", 10)),
    "NL": (("B.V.", 80), ("V.O.F.", 20)),
    "LU": (("S.à r.l.", 60), ("S.A.", 40)),
}
