// Texts the API writes in English for people to read (the duplicate check's reasons, the routing
// dry run's reasons, an import's status detail), in German when the workspace speaks German. As
// with i18n.js fieldMessage: a text not listed is shown as the API wrote it; English shows it as is.
import { lang, fmtDate, fmtNumber, fieldMessage, t } from "./i18n.js";

class Unknown extends Error {}

// A table of [pattern, German]: German is a replacement ("$1") or a function (match, need, keep)
// that translates parts of the text the same way, `need` a part that must be known (else the whole
// text is unknown and shown in English), `keep` a part shown as written when it is not known (a
// file reader's message, quoted after the known prefix).
function translator(table) {
  function need(text) {
    for (const [pattern, german] of table) {
      const match = pattern.exec(text);
      if (match) return typeof german === "function" ? german(match, need, keep) : text.replace(pattern, german);
    }
    throw new Unknown(text);
  }
  function keep(text) {
    try { return need(text); } catch (err) { if (err instanceof Unknown) return text; throw err; }
  }
  return (text) => (lang() !== "de" || typeof text !== "string" || !text ? text : keep(text));
}

// A name the API quotes as Python writes it ('Team Wien', "O'Brien's team"), in German quotes.
const QUOTED = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
const unquote = (quoted) => quoted.slice(1, -1).replace(/\\(.)/g, "$1");
const q = (quoted) => `„${unquote(quoted)}“`;
const quotedList = (text) => text.replace(new RegExp(QUOTED, "g"), q);
// 300,000 as the API writes it, in the locale's way (300.000).
const count = (text) => fmtNumber(Number(text.replace(/,/g, "")));

// ------------------------------------------------------------------ the duplicate check (domain/matching.py)

const REASONS_DE = [
  // first names
  [/^same first name$/, "gleicher Vorname"],
  [/^first name (\S+) \/ (\S+): one name written two ways$/, "Vorname $1 / $2: ein Name, zwei Schreibweisen"],
  [/^first name (\S+) \/ (\S+): a double first name written as one word$/, "Vorname $1 / $2: ein Doppelvorname in einem Wort"],
  [/^first name (\S+) \/ (\S+): a short form, or two people$/, "Vorname $1 / $2: eine Kurzform – oder zwei Personen"],
  [/^first name (\S+) \/ (\S+): the same name$/, "Vorname $1 / $2: derselbe Name"],
  [/^first name given as its initial$/, "Vorname nur als Anfangsbuchstabe angegeben"],
  [/^different first name$/, "anderer Vorname"],
  [/^first name spelled differently$/, "Vorname anders geschrieben"],
  [/^two different first names \((\S+), (\S+)\)$/, "zwei verschiedene Vornamen ($1, $2)"],
  [/^first name sounds the same$/, "Vorname klingt gleich"],
  [/^first name one keystroke off$/, "Vorname mit einem Tippfehler"],
  [/^first name misread \(a scanner's rn for m, cl for d, i for l\)$/,
    "Vorname falsch gelesen (ein Scanner liest rn als m, cl als d, i als l)"],
  [/^first name two letters off \(two typos, or another name\)$/,
    "Vorname weicht in zwei Buchstaben ab (zwei Tippfehler – oder ein anderer Name)"],
  // surnames
  [/^same surname$/, "gleicher Nachname"],
  [/^surnames share (\S+) \(a double or married name\)$/, "beide Nachnamen enthalten $1 (Doppel- oder Ehename)"],
  [/^surname sounds the same$/, "Nachname klingt gleich"],
  [/^surname one keystroke off$/, "Nachname mit einem Tippfehler"],
  [/^surname misread \(a scanner's rn for m, cl for d, i for l\)$/,
    "Nachname falsch gelesen (ein Scanner liest rn als m, cl als d, i als l)"],
  [/^one part of the surname is close to the other's$/, "ein Teil des Nachnamens ähnelt dem des anderen"],
  [/^surname two letters off \(two typos, or another name\)$/,
    "Nachname weicht in zwei Buchstaben ab (zwei Tippfehler – oder ein anderer Name)"],
  [/^the e-mail address carries the surname (\S+) \(a maiden or married name\)$/,
    "die E-Mail-Adresse enthält den Nachnamen $1 (Geburts- oder Ehename)"],
  [/^different surname$/, "anderer Nachname"],
  // e-mail
  [/^same family e-mail address \(the household's\)$/, "gleiche Familien-E-Mail-Adresse (die des Haushalts)"],
  [/^same e-mail address$/, "gleiche E-Mail-Adresse"],
  [/^e-mail address one keystroke off$/, "E-Mail-Adresse mit einem Tippfehler"],
  [/^e-mail address mistyped in its provider or read wrong \(s0nja for sonja\)$/,
    "E-Mail-Adresse beim Anbieter vertippt oder falsch gelesen (s0nja statt sonja)"],
  [/^same e-mail name at another provider, not made of the name$/,
    "gleicher E-Mail-Name bei einem anderen Anbieter, nicht aus dem Namen gebildet"],
  [/^same e-mail name at another provider$/, "gleicher E-Mail-Name bei einem anderen Anbieter"],
  [/^another address at the same company's domain$/, "eine andere Adresse derselben Firma (gleiche Domain)"],
  [/^another address at the company's own domain$/, "eine andere Adresse an der eigenen Domain der Firma"],
  [/^different e-mail address$/, "andere E-Mail-Adresse"],
  // phones
  [/^a phone number as typed agrees with the other's first (\d+) digits \(cut short or typed twice\)$/,
    "eine Telefonnummer (wie eingegeben) stimmt mit den ersten $1 Ziffern der anderen überein (abgeschnitten oder doppelt getippt)"],
  [/^same mobile number$/, "gleiche Mobilnummer"],
  [/^same landline \(a household shares one\)$/, "gleiche Festnetznummer (die teilt sich ein Haushalt)"],
  [/^mobile number one digit mistyped$/, "Mobilnummer mit einer vertippten Ziffer"],
  [/^phone number one digit mistyped$/, "Telefonnummer mit einer vertippten Ziffer"],
  [/^different mobile numbers$/, "verschiedene Mobilnummern"],
  [/^different phone number$/, "andere Telefonnummer"],
  // birth dates
  [/^same birth date$/, "gleiches Geburtsdatum"],
  [/^birth date with day and month swapped$/, "Geburtsdatum mit vertauschtem Tag und Monat"],
  [/^birth date one digit off$/, "Geburtsdatum weicht in einer Ziffer ab"],
  [/^birth year one digit off$/, "Geburtsjahr weicht in einer Ziffer ab"],
  [/^birth date with two digits swapped$/, "Geburtsdatum mit zwei vertauschten Ziffern"],
  [/^birth year with two digits swapped$/, "Geburtsjahr mit zwei vertauschten Ziffern"],
  [/^birth years (\d+) years apart, one of them a doubtful date$/,
    "Geburtsjahre $1 Jahre auseinander, eines davon ein zweifelhaftes Datum"],
  [/^birth years (\d+) years apart$/, "Geburtsjahre $1 Jahre auseinander"],
  [/^same birth year, other day$/, "gleiches Geburtsjahr, anderer Tag"],
  [/^different birth date$/, "anderes Geburtsdatum"],
  [/^the e-mail address carries the birth year$/, "die E-Mail-Adresse enthält das Geburtsjahr"],
  [/^the e-mail address carries (\d+), a generation from the other's birth year$/,
    "die E-Mail-Adresse enthält $1, eine Generation vom Geburtsjahr des anderen entfernt"],
  // the home
  [/^same street and house number, postal code one digit off$/, "gleiche Straße und Hausnummer, Postleitzahl um eine Ziffer anders"],
  [/^same street, postal code one digit off$/, "gleiche Straße, Postleitzahl um eine Ziffer anders"],
  [/^same street, house number and town, other postal code$/, "gleiche Straße, Hausnummer und Ort, andere Postleitzahl"],
  [/^another postal code \(moved, or someone else\)$/, "andere Postleitzahl (umgezogen – oder eine andere Person)"],
  [/^same address, same flat$/, "gleiche Adresse, gleiche Wohnung"],
  [/^same street and house number$/, "gleiche Straße und Hausnummer"],
  [/^same building, another flat \(a neighbour\)$/, "gleiches Haus, andere Wohnung (Nachbarn)"],
  [/^same street, house number mistyped$/, "gleiche Straße, Hausnummer vertippt"],
  [/^same street, other house number$/, "gleiche Straße, andere Hausnummer"],
  [/^same postal code$/, "gleiche Postleitzahl"],
  [/^same town, street and house number$/, "gleicher Ort, gleiche Straße und Hausnummer"],
  [/^same town, street and house number, same flat$/, "gleicher Ort, gleiche Straße und Hausnummer, gleiche Wohnung"],
  [/^same town$/, "gleicher Ort"],
  [/^same street and house number \(no town given to compare\)$/,
    "gleiche Straße und Hausnummer (kein Ort zum Vergleichen angegeben)"],
  [/^same street and house number, same flat \(no town given to compare\)$/,
    "gleiche Straße und Hausnummer, gleiche Wohnung (kein Ort zum Vergleichen angegeben)"],
  // company, generation, salutation
  [/^same company$/, "gleiche Firma"],
  [/^another company$/, "andere Firma"],
  [/^(junior|senior) \/ (junior|senior)$/, (m) => `${GENERATION_DE[m[1]]} / ${GENERATION_DE[m[2]]}`],
  [/^junior or senior written on one side only$/, "jun. oder sen. nur auf einer Seite angegeben"],
  [/^(junior|senior) on one side only, and nothing personal agrees$/,
    (m) => `${GENERATION_DE[m[1]]} nur auf einer Seite, und nichts Persönliches stimmt überein`],
  [/^(Herr|Frau) \/ (Herr|Frau) and (no first name to compare|another first name): a man and a woman$/,
    (m) => `${m[1]} / ${m[2]} und ${m[3] === "another first name" ? "ein anderer Vorname" : "kein Vorname zum Vergleichen"}: ein Mann und eine Frau`],
  // the hard rules (a candidate's `rule`) and the check's note
  [/^junior and senior: two people$/, "Junior und Senior: zwei Personen"],
  [/^this person may be in the customer master more than once: choose the customer to keep working with$/,
    "Diese Person ist vielleicht mehrfach im Kundenstamm: bitte den Kunden wählen, mit dem weitergearbeitet wird"],
  // what the check adds to a reason above
  [/^(.+), (\d+) of (\d+) customers share it$/, (m, need) => `${need(m[1])}, ${m[2]} von ${m[3]} Kunden tragen ihn`],
  [/^(.+) \(first and last name swapped\)$/, (m, need) => `${need(m[1])} (Vor- und Nachname vertauscht)`],
  [/^(.+) \(in the surname field\)$/, (m, need) => `${need(m[1])} (im Feld Nachname)`],
  [/^(.+) \(in the first-name field\)$/, (m, need) => `${need(m[1])} (im Feld Vorname)`],
  [/^(.+), and a contact of their own differs \(twins\?\)$/,
    (m, need) => `${need(m[1])}, und ein eigener Kontakt weicht ab (Zwillinge?)`],
  [/^(.+), another surname and nothing personal agrees \(a colleague\?\)$/,
    (m, need) => `${need(m[1])}, anderer Nachname und nichts Persönliches stimmt überein (Kollegen?)`],
  [/^(.+), but birth date and contact agree$/, (m, need) => `${need(m[1])}, aber Geburtsdatum und Kontakt stimmen überein`],
  [/^(.+): two people$/, (m, need) => `${need(m[1])}: zwei Personen`],
  [/^(.+): parent and child, not one person$/, (m, need) => `${need(m[1])}: Elternteil und Kind, nicht eine Person`],
];
const GENERATION_DE = { junior: "jun.", senior: "sen." };

// A reason of the duplicate check (a comparison's detail), a candidate's rule or the check's note.
export const reasonText = translator(REASONS_DE);

// ------------------------------------------------------------------ routing (domain/assignment.py, services/assignment.py)

const CONDITION_DE = { source: "Quelle", "source detail": "Quelldetail", qualification: "Qualifizierung", channel: "Kanal",
  make: "Marke", country: "Land" };
const none = (value) => (value === "(none)" ? "(keine Angabe)" : value);
// A qualification's or channel's code in the workspace's words (hot: heiß, webhook: Webformular).
const CODED = { qualification: (v) => t(v), channel: (v) => t(`chan_${v}`) };
const coded = (condition, value) => {
  const word = CODED[condition] && /^[a-z]+$/.test(value) ? CODED[condition](value) : value;
  return word.includes("_") ? value : word;
};
const each = (text, need) => text.split("; ").map(need).join("; ");

const WHY_DE = [
  [new RegExp(`^rule (${QUOTED}) applies: forwarded to (.+?) \\((.*)\\)$`),
    (m, need) => `Regel ${q(m[1])} trifft zu: weitergeleitet an ${m[2]} (${each(m[3], need)})`],
  [new RegExp(`^rule (${QUOTED}) applies$`), (m) => `Regel ${q(m[1])} trifft zu`],
  [new RegExp(`^rule (${QUOTED}) does not apply: (.*)$`), (m, need) => `Regel ${q(m[1])} trifft nicht zu: ${each(m[2], need)}`],
  [/^(source detail|source|qualification|channel|make|country) (.*) is not (.*)$/,
    (m) => `${CONDITION_DE[m[1]]} ${coded(m[1], none(m[2]))} ist nicht ${m[3].split(" / ").map((v) => coded(m[1], v)).join(" / ")}`],
  [/^models (.*) include none of (.*)$/, (m) => `Modelle ${none(m[1])} enthalten keines von ${m[2]}`],
  [/^postal code (.*) is not in (.*)$/, (m) => `PLZ ${none(m[1])} liegt nicht in ${m[2]}`],
  [/^needs review$/, "gilt nur für zu prüfende Leads"],
  [/^does not need review$/, "gilt nur für Leads ohne Prüfbedarf"],
  [/^the prospect did not ask for dealer contact$/, "der Interessent hat keinen Händlerkontakt gewünscht"],
  [/^no dealer to forward to: (.*)$/, (m, need) => `kein Händler zum Weiterleiten: ${each(m[1], need)}`],
  [/^only an importer forwards leads$/, "nur ein Importeur leitet Leads weiter"],
  [/^forwarding is not looked at here$/, "die Weiterleitung wird hier nicht geprüft"],
  [/^forwarding is decided when a lead arrives$/, "über die Weiterleitung wird beim Eingang eines Leads entschieden"],
  [new RegExp(`^preferred dealer (${QUOTED}) is no linked dealer$`), (m) => `Wunschhändler ${q(m[1])} ist kein verbundener Händler`],
  [new RegExp(`^preferred dealer (${QUOTED}) is (.+)$`), (m) => `Wunschhändler ${q(m[1])} ist ${m[2]}`],
  [/^no preferred dealer$/, "kein Wunschhändler"],
  [/^postal code (.*) is in no market area of a linked dealer$/,
    (m) => `PLZ ${none(m[1])} liegt in keinem Marktgebiet eines verbundenen Händlers`],
  [/^postal code (.*) is in the market area of (.+)$/, "PLZ $1 liegt im Marktgebiet von $2"],
  [/^no rule applies: the lead goes to the pool$/, "keine Regel trifft zu: der Lead kommt in den Pool"],
  [/^no rules: the lead goes to the pool$/, "keine Regeln: der Lead kommt in den Pool"],
  [/^(.+) is absent or inactive: the lead goes to the pool$/, "$1 ist abwesend oder inaktiv: der Lead kommt in den Pool"],
  [/^nobody of team (.+) is available: the lead goes to the pool$/, "niemand aus Team $1 ist verfügbar: der Lead kommt in den Pool"],
  [/^least open leads in team (.+) \((.*)\): a tie of (.+), turn (\d+) goes to (.+)$/,
    "wenigste offene Leads in Team $1 ($2): Gleichstand zwischen $3, Runde $4 geht an $5"],
  [/^least open leads in team (.+) \((.*)\): (.+)$/, "wenigste offene Leads in Team $1 ($2): $3"],
  [/^round robin of team (.+): turn (\d+) goes to (.+)$/, "Team $1 reihum: Runde $2 geht an $3"],
  [/^the lead names its assignee: no rule is asked$/, "der Lead nennt seinen Bearbeiter: keine Regel wird gefragt"],
];

// One reason of the routing dry run (and of a lead's routing in its log).
export const whyText = translator(WHY_DE);

// ------------------------------------------------------------------ imports (services/imports.py)

const NUMBER = String.raw`(\d[\d,]*)`;
const IMPORT_DE = [
  // A workbook's note on its other sheets follows what else was said, after "; ".
  [/^(.*?); (only the sheet .*)$/, (m, need, keep) => `${keep(m[1])}; ${need(m[2])}`],
  [new RegExp(`^only the sheet (${QUOTED}) was imported; the sheets? (.*) holds? data too: save each sheet as a file of its own to import it$`),
    (m) => `nur das Blatt ${q(m[1])} wurde importiert; auch ${m[2].includes(",") ? "die Blätter" : "das Blatt"} `
      + `${quotedList(m[2])} ${m[2].includes(",") ? "enthalten" : "enthält"} Daten: jedes Blatt als eigene Datei speichern, um es zu importieren`],
  [/^the file is larger than (\d+) MB$/, "die Datei ist größer als $1 MB"],
  [/^the same content was imported already as (\S+); nothing imported$/, "derselbe Inhalt wurde schon als $1 importiert; nichts importiert"],
  [new RegExp(`^paused after row ${NUMBER}: the store throttled writes \\((.*)\\); continuing in (\\d+) s$`),
    (m) => `angehalten nach Zeile ${count(m[1])}: der Speicher hat das Schreiben gedrosselt (${m[2]}); weiter in ${m[3]} s`],
  [new RegExp(`^continuing after row ${NUMBER} in a new invocation \\(the time of this one ran out\\)$`),
    (m) => `weiter nach Zeile ${count(m[1])} in einem neuen Aufruf (die Zeit dieses Aufrufs war um)`],
  [new RegExp(`^the file has more than ${NUMBER} rows; rows after row ${NUMBER} were not imported$`),
    (m) => `die Datei hat mehr als ${count(m[1])} Zeilen; Zeilen nach Zeile ${count(m[2])} wurden nicht importiert`],
  [/^the file cannot be read: (.*)$/s, (m, need, keep) => `die Datei kann nicht gelesen werden: ${keep(m[1])}`],
  [/^the file was deleted before its import ended$/, "die Datei wurde gelöscht, bevor ihr Import fertig war"],
  [/^the file has no rows to import: a header alone, or empty lines$/,
    "die Datei hat keine Zeilen zum Importieren: nur eine Kopfzeile oder leere Zeilen"],
  [new RegExp(`^none of the ${NUMBER} rows could be imported: see the error report(?:; reading stopped after row ${NUMBER}: (.*))?$`, "s"),
    (m, need, keep) => `keine der ${count(m[1])} Zeilen konnte importiert werden: siehe Fehlerbericht`
      + (m[2] ? `; Lesen nach Zeile ${count(m[2])} beendet: ${keep(m[3])}` : "")],
  [new RegExp(`^reading stopped after row ${NUMBER}: (.*)$`, "s"),
    (m, need, keep) => `Lesen nach Zeile ${count(m[1])} beendet: ${keep(m[2])}`],
  // The readers' most common messages (formats/); any other is shown as the reader wrote it.
  [/^an error in leadflow's reader, not necessarily in the file \(logged for support\)$/,
    "ein Fehler im Leseprogramm von leadflow, nicht unbedingt in der Datei (für den Support protokolliert)"],
  [/^the file is empty: no header row found$/, "die Datei ist leer: keine Kopfzeile gefunden"],
  [/^the file contains NUL bytes: it is not a CSV text file$/, "die Datei enthält NUL-Bytes: sie ist keine CSV-Textdatei"],
  [/^the file is not valid (\S+)$/, "die Datei ist kein gültiges $1"],
  [/^not well-formed XML: (.*)$/s, "kein wohlgeformtes XML: $1"],
  [/^the sheet cannot be read \((.*)\)$/s, "das Blatt kann nicht gelesen werden ($1)"],
  [/^not an ADF file: the root element is (.*), expected <adf>$/s, (m) => `keine ADF-Datei: das Wurzelelement ist ${m[1] === "nothing" ? "leer" : m[1]}, erwartet <adf>`],
  [/^entity declarations in a DTD are not allowed in ADF files .*$/s,
    "Entity-Deklarationen in einer DTD sind in ADF-Dateien nicht erlaubt (sie ermöglichen XXE- und Entity-Expansion-Angriffe)"],
  [/^unknown encoding (.*) in the XML declaration$/s, "unbekannte Zeichenkodierung $1 in der XML-Deklaration"],
  [new RegExp(`^elements nested more than ${NUMBER} levels deep: this is no ADF document$`),
    (m) => `Elemente mehr als ${count(m[1])} Ebenen tief verschachtelt: das ist kein ADF-Dokument`],
  [new RegExp(`^the header row has ${NUMBER} columns; at most ${NUMBER} are read$`),
    (m) => `die Kopfzeile hat ${count(m[1])} Spalten; höchstens ${count(m[2])} werden gelesen`],
  [new RegExp(`^the header row is longer than ${NUMBER} characters: this is not a CSV file of leads$`),
    (m) => `die Kopfzeile ist länger als ${count(m[1])} Zeichen: das ist keine CSV-Datei mit Leads`],
  [/^the header row cannot be read \((.*)\)$/s, "die Kopfzeile kann nicht gelesen werden ($1)"],
  [/^unknown file type (.*): use \.csv, \.xlsx or \.xml \(ADF\)$/s, "unbekannter Dateityp $1: bitte .csv, .xlsx oder .xml (ADF)"],
  [/^Excel 97-2003 \(\.xls\) files are not read: save the file as \.xlsx or CSV$/,
    "Excel-97-2003-Dateien (.xls) werden nicht gelesen: die Datei als .xlsx oder CSV speichern"],
  [/^an ADF file holds leads, not customers: export the customers as CSV or XLSX$/,
    "eine ADF-Datei enthält Leads, keine Kunden: die Kunden als CSV oder XLSX exportieren"],
  [/^an Excel 97-2003 \(\.xls\) or password-protected workbook: save it as \.xlsx without password, or as CSV$/,
    "eine Excel-97-2003-Arbeitsmappe (.xls) oder eine mit Passwort: als .xlsx ohne Passwort oder als CSV speichern"],
  [new RegExp(`^the workbook has ${NUMBER} parts; at most ${NUMBER} are allowed$`),
    (m) => `die Arbeitsmappe hat ${count(m[1])} Teile; höchstens ${count(m[2])} sind erlaubt`],
  [/^the workbook would unpack to (\d+) MB; at most (\d+) MB are allowed$/,
    "die Arbeitsmappe wäre entpackt $1 MB groß; höchstens $2 MB sind erlaubt"],
  [new RegExp(`^the workbook has no sheet (${QUOTED}); its sheets: (.*)$`, "s"),
    (m) => `die Arbeitsmappe hat kein Blatt ${q(m[1])}; ihre Blätter: ${m[2]}`],
  [/^not an XLSX file: it is not a zip archive$/, "keine XLSX-Datei: sie ist kein ZIP-Archiv"],
  [/^the part (.*) is compressed (\d+):1; at most (\d+):1 is allowed$/s,
    "der Teil $1 ist im Verhältnis $2:1 komprimiert; höchstens $3:1 ist erlaubt"],
  [/^not a readable XLSX workbook \((.*)\)$/s, "keine lesbare XLSX-Arbeitsmappe ($1)"],
  [/^the workbook has no worksheet$/, "die Arbeitsmappe hat kein Tabellenblatt"],
  [/^the (sheet|workbook) contains XML entity declarations$/,
    (m) => `${m[1] === "sheet" ? "das Blatt" : "die Arbeitsmappe"} enthält XML-Entity-Deklarationen (nicht erlaubt)`],
  [new RegExp(`^the sheet (${QUOTED}) is empty: no header row found$`), (m) => `das Blatt ${q(m[1])} ist leer: keine Kopfzeile gefunden`],
  [/^every sheet of the workbook is empty: no header row found$/, "jedes Blatt der Arbeitsmappe ist leer: keine Kopfzeile gefunden"],
  [/^no column for the (last name|customer number): the header row needs a column named (.*) \(found: (.*)\)$/s,
    (m) => `keine Spalte für ${m[1] === "last name" ? "den Nachnamen" : "die Kundennummer"}: die Kopfzeile braucht eine `
      + `Spalte ${m[2].replace(" or ", " oder ")} (gefunden: ${m[3]})`],
];

// An import's status detail.
export const importDetail = translator(IMPORT_DE);

// ------------------------------------------------------------------ a refusal's detail (errors.py and the services)

const THINGS_DE = { lead: "Lead", customer: "Kunde", activity: "Aktivität", import: "Import", integration: "Integration",
  "erasure request": "Löschauftrag" };
const STATUS_DE = { converted: "konvertiert", closed: "abgeschlossen", deleted: "gelöscht", forwarded: "weitergeleitet",
  open: "offen", rejected: "abgelehnt", accepted: "angenommen" };
const DONE_DE = { changed: "geändert", edited: "bearbeitet", deleted: "gelöscht", converted: "konvertiert",
  "checked and converted": "geprüft und konvertiert", "contacted (log it on the customer)": "kontaktiert (den Kontakt beim Kunden erfassen)",
  forwarded: "weitergeleitet" };
const THE_DE = { lead: "Der Lead", customer: "Der Kunde", activity: "Die Aktivität", integration: "Die Integration" };
const IT_DE = { lead: "ihn", customer: "ihn", activity: "sie", integration: "sie" };
const WHILE_DE = { saving: "speicherten", "deleting it": "ihn löschten", "logging the contact": "den Kontakt erfassten",
  "forwarding it": "ihn weiterleiteten" };
const CHANNEL_DE = { email: "E-Mail", phone: "Telefon", sms: "SMS", post: "Post" };
// An activity type as the workspace names it (a contact's or a CRM activity's), else as the tenant wrote it.
const activityName = (type) => [`contact_${type}`, `act_${type}`].map((key) => t(key)).find((text) => !text.includes("_")) || type;
const DO_DE = { read: "lesen", update: "bearbeiten", delete: "löschen", assign: "zuweisen", convert: "konvertieren",
  contact: "kontaktieren", log: "protokollieren", take: "übernehmen", forward: "weiterleiten", accept: "annehmen",
  reject: "ablehnen", legal_hold: "sperren", export: "exportieren" };

// Why a request's signature was not accepted (auth/sigv4.py), where a person can act on it.
const SIGNATURE_DE = [
  [/^unknown access key$/, "unbekannter Zugangsschlüssel"],
  [/^signature does not match$/, "die Signatur stimmt nicht"],
  [/^signature expired or signed in the future \(X-Amz-Date\)$/, "die Anfrage ist zu alt oder aus der Zukunft – stimmt die Uhr dieses Geräts?"],
];

const ERRORS_DE = [
  // Sign-in (services/identity.py): the session ends with these, on the sign-in page.
  [/^request signature not accepted: (.*)$/, (m, need, keep) => {
    const why = SIGNATURE_DE.find(([pattern]) => pattern.test(m[1]));
    return `Die Anmeldung wurde nicht angenommen (${why ? m[1].replace(...why) : keep(m[1])}): bitte neu anmelden`;
  }],
  [/^no one signed in: sign in to the workspace through the user pool$/, "Niemand angemeldet: bitte hier anmelden"],
  [/^no verified AWS IAM principal: sign the request with SigV4$/, "Nicht angemeldet: die Anfrage trägt keine Signatur"],
  [/^this sign-in is not through leadflow's user pool$/, "Diese Anmeldung gehört nicht zu leadflow (anderer Benutzerpool)"],
  [/^no active leadflow user is mapped to your sign-in \((.*)\)$/,
    "Ihrer Anmeldung ist kein aktiver leadflow-Benutzer zugeordnet ($1): bitte einen Administrator, Sie freizuschalten"],
  [/^this IAM principal has no active leadflow user$/, "Diesem Zugang ist kein aktiver leadflow-Benutzer zugeordnet"],
  [/^The security token included in the request is expired$/, "Die Anmeldung ist abgelaufen: bitte neu anmelden"],
  [/^(lead|customer|activity|import|integration|erasure request) not found$/,
    (m) => `${THINGS_DE[m[1]]} nicht gefunden: gelöscht, oder für Ihre Rolle nicht sichtbar`],
  [/^your role \(([\w-]+)\) may not ([\w.]+)$/, "Ihre Rolle darf das nicht ($2)"],
  [/^your role may not (\w+) this lead(: take the lead first \(assign it to yourself\))?$/,
    (m, need) => `Ihre Rolle darf diesen Lead nicht ${DO_DE[m[1]] || need(m[1])}${m[2] ? ": erst übernehmen (sich zuweisen)" : ""}`],
  [/^the lead is (\w+): only open leads can be (.+?)( \(reopen it with .*\))?$/,
    (m, need) => `Der Lead ist ${STATUS_DE[m[1]] || need(m[1])}: nur offene Leads können ${DONE_DE[m[2]] || need(m[2])} werden`
      + (m[3] ? " (zuerst wieder öffnen)" : "")],
  // Changed by someone else since it was read (a version conflict): what changed, and what to do.
  [/^the (lead|customer|activity|integration) changed since you read it \(you sent version (\d+), it is at (\d+)\); reload and apply your change again$/,
    (m) => `${THE_DE[m[1]]} wurde geändert, seit Sie ${IT_DE[m[1]]} geöffnet haben (Ihr Stand: Version ${m[2]}, jetzt: Version ${m[3]}): `
      + "neu laden und die Änderung noch einmal vornehmen"],
  [/^the lead changed while you were (saving|deleting it|logging the contact|forwarding it); reload and (try again|decide again)$/,
    (m, need) => `Der Lead wurde geändert, während Sie ${WHILE_DE[m[1]] || need(m[1])}: neu laden und `
      + (m[2] === "try again" ? "noch einmal versuchen" : "neu entscheiden")],
  [/^the lead changed meanwhile; reload and try again$/, "Der Lead wurde inzwischen geändert: neu laden und noch einmal versuchen"],
  [/^the importer's lead kept changing; try again$/, "Der Lead des Importeurs wurde laufend geändert: noch einmal versuchen"],
  [/^the lead kept changing while the consent was recorded; send it again$/,
    "Der Lead wurde laufend geändert, während die Einwilligung erfasst wurde: noch einmal senden"],
  [/^the integration was changed meanwhile; read it again$/, "Die Integration wurde inzwischen geändert: neu laden"],
  [/^the rules were changed meanwhile; read them again$/, "Die Regeln wurden inzwischen geändert: neu laden"],
  [/^the rules are at version (\d+)$/, "Die Regeln wurden inzwischen geändert (jetzt Version $1): neu laden"],
  [/^the source changed since you read it$/, "Die Quelle wurde geändert, seit Sie sie geöffnet haben: neu laden"],
  [new RegExp(`^source (${QUOTED}) exists already$`), (m) => `Die Quelle ${q(m[1])} gibt es schon`],
  [/^the (activity|customer) changed while you were saving$/,
    (m) => `${THE_DE[m[1]]} wurde geändert, während Sie speicherten: neu laden und noch einmal versuchen`],
  [/^the principal changed since you read it$/, "Der Zugang wurde geändert, seit Sie ihn geöffnet haben: neu laden"],
  [/^the tenant's settings changed since you read them$/, "Die Einstellungen wurden geändert, seit Sie sie geöffnet haben: neu laden"],
  [/^the market areas are at version (\d+)$/, "Die Marktgebiete wurden inzwischen geändert (jetzt Version $1): neu laden"],
  [/^the market areas were changed meanwhile; read them again$/, "Die Marktgebiete wurden inzwischen geändert: neu laden"],
  [/^the link changed meanwhile; read the links again$/, "Die Verknüpfung wurde inzwischen geändert: die Verknüpfungen neu laden"],
  [/^this principal is mapped already, here or in another tenant$/, "Dieser Zugang ist schon vergeben, hier oder bei einem anderen Mandanten"],
  [/^the tenant's last active admin cannot be removed or demoted$/,
    "Der letzte aktive Administrator des Mandanten kann nicht entfernt oder herabgestuft werden"],
  [/^an HTML form integration has no secret: a browser cannot keep one$/,
    "Eine HTML-Formular-Integration hat kein Geheimnis: ein Browser kann keines geheim halten"],
  [/^the person's open lead kept changing while this delivery was stored \(other inquiries of the same person at the same moment\); send it again in a moment$/,
    "Der offene Lead der Person wurde laufend geändert, während diese Lieferung gespeichert wurde (andere Anfragen derselben Person im selben Moment): gleich noch einmal senden"],
  [/^the same delivery is being stored by a parallel request; send it again in a moment$/,
    "Dieselbe Lieferung wird gerade von einer parallelen Anfrage gespeichert: gleich noch einmal senden"],
  // The conversion: what changed since the duplicate check, and the fresh check shown with it.
  [/^(.+); decide again on the fresh duplicate check$/,
    (m, need) => `${need(m[1])}: bitte anhand der neuen Dublettenprüfung noch einmal entscheiden`],
  [/^the (lead|customer) changed since the duplicate check$/, (m) => `${THE_DE[m[1]]} wurde seit der Dublettenprüfung geändert`],
  [/^the lead changed meanwhile$/, "Der Lead wurde inzwischen geändert"],
  [/^the customer master changed since the duplicate check \(a customer with the same e-mail, phone or name appeared or changed\)$/,
    "Der Kundenstamm hat sich seit der Dublettenprüfung geändert (ein Kunde mit gleicher E-Mail, Telefonnummer oder gleichem Namen kam hinzu oder wurde geändert)"],
  [/^the lead was (\w+) meanwhile by someone else$/,
    (m, need) => `Der Lead wurde inzwischen von jemand anderem ${STATUS_DE[m[1]] || need(m[1])}`],
  [/^the lead is under legal hold: an admin must release it first$/,
    "Der Lead ist gesperrt (rechtliche Aufbewahrung): ein Administrator muss die Sperre zuerst aufheben"],
  // Forwarding between importer and dealer.
  [/^the lead was (\w+) already$/, (m, need) => `Der Lead wurde schon ${STATUS_DE[m[1]] || need(m[1])}`],
  [/^this lead was not forwarded by an importer$/, "Dieser Lead wurde nicht von einem Importeur weitergeleitet"],
  [/^the lead is (\w+): only an open forwarded lead can be accepted or rejected$/,
    (m, need) => `Der Lead ist ${STATUS_DE[m[1]] || need(m[1])}: nur ein offener weitergeleiteter Lead kann angenommen oder abgelehnt werden`],
  [/^the lead cannot be forwarded: (.*)$/s, (m, need, keep) => `Der Lead kann nicht weitergeleitet werden: ${keep(m[1])}`],
  // A contact activity without the person's consent to that channel.
  [/^the person has not consented to be contacted by (\w+) \((.+?)\): neither marketing_\w+ nor dealer_contact is granted; record the consent .* or choose another activity$/s,
    (m) => `Die Person hat keinem Kontakt per ${CHANNEL_DE[m[1]] || m[1]} zugestimmt (${activityName(m[2])}): weder Werbung per `
      + `${CHANNEL_DE[m[1]] || m[1]} noch Händlerkontakt ist erteilt; erst die Einwilligung erfassen oder eine andere Aktivität wählen`],
];

// A refusal's detail (the problem's `detail`), where a screen shows it.
export const errorText = translator(ERRORS_DE);

// ------------------------------------------------------------------ a consent entry's note (domain/consents.py, services/consents.py)

const NOTES_DE = [
  [/^the inquiry: the person asked to be answered$/, "Anfrage: die Person hat um eine Antwort gebeten"],
  [/^the inquiry asks for a dealer's contact$/, "die Anfrage wünscht den Kontakt eines Händlers"],
  [/^forwarded by the importer: the person asked for a dealer's contact$/,
    "vom Importeur weitergeleitet: die Person wünscht den Kontakt eines Händlers"],
  [/^time and address as the sender stated them$/, "Zeitpunkt und IP-Adresse wie vom Absender angegeben"],
  // Carried from the lead to its customer on conversion: the lead's own note follows, as it reads.
  [/^from lead (\S+) \(source (\w+)\)(?:: (.*))?$/s,
    (m, need, keep) => `aus Lead ${m[1]} (Quelle: ${t(`src_${m[2]}`)})${m[3] ? `: ${keep(m[3])}` : ""}`],
];

// A consent entry's note: the system's own in German; one a person typed is shown as typed.
export const consentNote = translator(NOTES_DE);

// ------------------------------------------------------------------ an import's error report line (services/imports.py, customers.py)

const REPORT_DE = [
  [/^a re-inquiry of the same person: attached to open lead (\S+)$/, "erneute Anfrage derselben Person: dem offenen Lead $1 angefügt"],
  [/^required \(the id in your system\)$/, "Pflichtfeld (die Kundennummer in Ihrem System)"],
  [/^the same customer number as row (\d+) of this file: .*$/s,
    "dieselbe Kundennummer wie in Zeile $1 dieser Datei: nur die erste Zeile einer Kundennummer wird gelesen (ein Kunde, eine Zeile)"],
];
const reportOwn = translator(REPORT_DE);

// Why a file's row is in its error report: the import's own words, else a field's message (i18n.js).
export const reportReason = (text) => { const own = reportOwn(text); return own !== text ? own : fieldMessage(text); };

// ------------------------------------------------------------------ why the retention run removes or keeps a lead (domain/retention.py)

const DAY = String.raw`(\d{4}-\d\d-\d\d)`;
const RETENTION_DE = [
  [/^received within the period$/, "Eingang innerhalb der Frist"],
  [/^no longer junk$/, "nicht mehr Junk"],
  [/^converted$/, "konvertiert"],
  [/^converted by the dealer it was forwarded to$/, "vom Händler konvertiert, an den er weitergeleitet wurde"],
  [/^legal hold: (.*)$/s, (m) => `Aufbewahrungssperre: ${m[1]}`],          // the reason as the admin typed it
  [new RegExp(`^the person asked again on ${DAY}$`), (m) => `die Person hat am ${fmtDate(m[1])} erneut angefragt`],
  [new RegExp(`^taken into leadflow on ${DAY}, within the period$`),
    (m) => `am ${fmtDate(m[1])} in leadflow übernommen, also innerhalb der Frist`],
  [new RegExp(`^worked on: first contact on ${DAY}$`), (m) => `bearbeitet: erster Kontakt am ${fmtDate(m[1])}`],
  [new RegExp(`^junk, received ${DAY}, before ${DAY}$`), (m) => `Junk, Eingang ${fmtDate(m[1])}, vor dem ${fmtDate(m[2])}`],
  [new RegExp(`^not converted \\((\\w+)\\), received ${DAY}, before ${DAY}$`),
    (m, need) => `nicht konvertiert (${STATUS_DE[m[1]] || need(m[1])}), Eingang ${fmtDate(m[2])}, vor dem ${fmtDate(m[3])}`],
];

// Why the next retention run removes a lead, or passes over it.
export const retentionWhy = translator(RETENTION_DE);
