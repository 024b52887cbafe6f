// German by default, English switchable; dates, numbers and prices in the user's locale.
const TEXTS = {
  de: {
    // Review fixes: the log in words, channels, salutations, bulk results (kept first: others add at the end).
    sal_mr: "Herr", sal_ms: "Frau", sal_mx: "Divers", sal_family: "Familie", sal_company: "Firma",
    chan_api: "API", chan_webhook: "Webformular", chan_import: "Dateiimport", chan_forward: "Weiterleitung", chan_schedule: "zeitgesteuert",
    act_status_open: "offen", act_status_done: "erledigt",
    bulk_not_found: "nicht gefunden", bulk_forbidden: "nicht erlaubt", bulk_conflict: "nicht möglich",
    app: "leadflow", signIn: "Anmelden", signOut: "Abmelden", signedInAs: "Angemeldet als",
    signInLocal: "Als Demo-Benutzer anmelden", signInLocalHint: "Lokaler Stack (make run): wählen Sie einen der Demo-Benutzer.",
    user: "Benutzer", password: "Passwort", newPassword: "Neues Passwort", newPasswordNeeded: "Bitte ein neues Passwort festlegen.",
    language: "Sprache", nav: "Hauptnavigation", start: "Start", leads: "Leads", imports: "Importe",
    role_admin: "Administrator", role_sales_manager: "Verkaufsleiter", role_sales_rep: "Verkäufer", role_auditor: "Prüfer",
    myOpenLeads: "Meine offenen Leads", myActivities: "Meine offenen Aktivitäten", nothing: "Nichts offen.",
    newLead: "Neu", refresh: "Aktualisieren", filters: "Filter", columns: "Spalten", search: "Suche",
    searchHint: "Name, E-Mail, Telefon oder Ort", qualification: "Qualifizierung", source: "Quelle", sourceDetail: "Quelldetail",
    status: "Status", assignee: "Zugewiesen an", anyone: "alle", mine: "meine", pool: "Pool (nicht zugewiesen)",
    overdue: "überfällig", needsReview: "zu prüfen",
    sweepstake: "Gewinnspiel ohne Einwilligung", sweepstakeHint: "erst nach einer Werbeeinwilligung für den Verkauf kontaktieren",
    sort: "Sortierung", pageSize: "Einträge pro Seite",
    next: "Weiter", previous: "Zurück", firstPage: "Erste Seite", all: "alle",
    hot: "heiß", warm: "warm", cold: "kalt", junk: "Junk",
    open: "offen", converted: "konvertiert", closed: "abgeschlossen", deleted: "gelöscht",
    received: "Eingang", due: "Fällig", name: "Name", city: "Ort", email: "E-Mail", phone: "Telefon", channel: "Kanal",
    actions: "Aktionen", selectAll: "Alle auf dieser Seite auswählen", selectLead: "Lead auswählen",
    selected: "{n} ausgewählt", assignTo: "Zuweisen an", assign: "Zuweisen", delete: "Löschen", confirmDelete: "{n} Leads löschen?",
    bulkResult: "{ok} erledigt, {failed} nicht möglich", log: "Protokoll", edit: "Bearbeiten", createActivity: "Aktivität anlegen",
    daysOverdue: "{n} Tag(e) überfällig", overdueSince: "überfällig seit {date}",
    noLeads: "Keine Leads gefunden.", loading: "Lädt …",
    sort_received: "Eingang (älteste zuerst)", "sort_-received": "Eingang (neueste zuerst)", sort_due: "Fälligkeit (früheste zuerst)",
    "sort_-due": "Fälligkeit (späteste zuerst)", sort_last_name: "Name A–Z", "sort_-last_name": "Name Z–A",
    sort_qualification: "Qualifizierung (heiß zuerst)", "sort_-qualification": "Qualifizierung (Junk zuerst)",
    createLead: "Lead anlegen", editLead: "Lead bearbeiten", tabProspect: "Interessent", tabVehicle: "Fahrzeug", tabRemark: "Bemerkung",
    take: "Übernehmen", taken: "Übernommen: der Lead ist Ihnen zugewiesen.",
    notTaken: "Nicht übernommen.", takeStale: "Der Lead wurde inzwischen geändert; die Liste zeigt jetzt seinen aktuellen Stand.",
    takeGone: "Der Lead ist nicht mehr in Ihrer Sicht: inzwischen jemand anderem zugewiesen oder gelöscht.",
    save: "Speichern", cancel: "Abbrechen", saved: "Gespeichert.", closeLead: "Lead abschließen", reopenLead: "Lead wieder öffnen", attachedAsReinquiry: "Gespeichert als erneute Anfrage zu einem offenen Lead derselben Person.", createdForColleague: "Gespeichert. Die Zuweisungsregeln haben den Lead {assignee} gegeben; Sie sehen ihn daher nicht mehr.", fixErrors: "Bitte die markierten Felder korrigieren.",
    salutation: "Anrede", title: "Titel", first_name: "Vorname", last_name: "Nachname", company: "Firma", street: "Straße",
    postal_code: "PLZ", country: "Land", mobile_phone: "Mobiltelefon", work_phone: "Telefon geschäftlich", birth_date: "Geburtsdatum",
    make: "Marke", models: "Modelle", modelsHint: "mehrere mit Strg/Cmd auswählen oder eingeben, durch Komma getrennt", price: "Preis",
    currency: "Währung", current: "Aktuelles Fahrzeug", model: "Modell", year: "Baujahr", mileage_km: "Kilometerstand",
    interest: "Interesse", dealer_contact: "Händlerkontakt", brochure: "Prospekt", test_drive: "Probefahrt", offer: "Angebot",
    purchase: "Kauf", accessories_catalogue: "Zubehörkatalog", remark: "Bemerkung",
    sentAs: "gesendet: „{given}“ – {reason}", reviewHint: "Ein Absender hat hier etwas geschickt, das geprüft werden muss.",
    changedMeanwhile: "Der Lead wurde inzwischen geändert (Version {v}). Hier ist der aktuelle Stand; Ihre Eingaben sind nicht gespeichert.",
    leadLog: "Protokoll des Leads", when: "Wann", who: "Wer", what: "Was", changes: "Änderungen", back: "Zurück",
    duplicateCheck: "Dublettenprüfung", candidates: "Kandidaten", noCandidates: "Kein Kunde im Kundenstamm passt zu diesem Lead.",
    verdict_duplicate: "Dublette", verdict_possible: "mögliche Dublette", verdict_unlikely: "unwahrscheinlich",
    confidence: "{n} % Übereinstimmung", reasons: "Begründung", field: "Feld", customerValue: "Kunde", newValue: "Neu (Lead)",
    takeField: "{field} übernehmen", decision: "Entscheidung", update_customer: "Kunden mit den angehakten Feldern aktualisieren",
    keep_customer: "Kunden unverändert übernehmen", new_customer: "Neuen Kunden anlegen", chooseCustomer: "Diesen Kunden wählen",
    activity: "Aktivität", activityType: "Art", dueDate: "Fällig am", notes: "Notizen", convert: "Aktivität anlegen",
    converted_ok: "Aktivität angelegt für {name}.", stale: "Inzwischen hat sich etwas geändert. Die Prüfung ist aktualisiert; bitte neu entscheiden.",
    act_call: "Anruf", act_email: "E-Mail", act_appointment: "Termin", act_test_drive: "Probefahrt", act_offer: "Angebot",
    act_brochure_dispatch: "Prospektversand", act_letter: "Brief", act_visit: "Besuch",
    outcome_agree: "stimmt überein", outcome_disagree: "weicht ab", outcome_partial: "ähnlich", outcome_missing: "fehlt",
    importLeads: "Leads importieren", importCustomers: "Kunden importieren", file: "Datei", kind: "Art",
    kind_leads: "Leads", kind_customers: "Kundenstamm", upload: "Hochladen", uploading: "Lädt hoch …",
    defaultSource: "Quelle für Zeilen ohne Quelle", defaultQualification: "Qualifizierung für Zeilen ohne Angabe",
    rows: "Zeilen", created: "angelegt", rejected: "abgelehnt", duplicates_in_file: "doppelt in der Datei",
    already_imported: "bereits importiert", errorReport: "Fehlerbericht herunterladen", recentImports: "Letzte Importe",
    imp_queued: "wartet", imp_running: "läuft", imp_done: "fertig", imp_partial: "teilweise", imp_failed: "fehlgeschlagen",
    imp_duplicate: "schon importiert", none: "—", yes: "ja", no: "nein", required: "Pflichtfeld",
    readOnly: "Nur lesen: Ihre Rolle darf hier nichts ändern.", forbidden: "Ihre Rolle darf das nicht.",
    skipToContent: "Zum Inhalt springen", version: "Version", customer: "Kunde", lead: "Lead", close: "Schließen",
    rules: "Zuweisungsregeln", rules_hint: "Die erste zutreffende Regel entscheidet; ein Lead, den keine Regel nimmt, bleibt im Pool.",
    rule_unnamed: "(ohne Namen)", rule_name: "Name der Regel", rule_active: "aktiv", cond_hint: "mehrere durch Komma getrennt; leer: alle",
    cond_sources: "Quellen", cond_source_details: "Quelldetails", cond_qualifications: "Qualifizierungen (hot, warm, cold, junk)",
    cond_channels: "Kanäle (api, webhook, import)", cond_makes: "Marken", cond_models: "Modelle",
    cond_postal_codes: "PLZ (1100, 11*, 1000-1299)", cond_countries: "Länder (AT, DE, CH)", target: "Ziel",
    target_user: "Benutzer", target_team: "Team (reihum)", team_name: "Teamname", team_members: "Teammitglieder",
    move_up: "Nach oben", move_down: "Nach unten", remove_rule: "Regel entfernen", add_rule: "Regel hinzufügen",
    no_rules: "Keine Regeln: jeder neue Lead kommt in den Pool.", rules_changed: "Die Regeln wurden inzwischen geändert; hier ist der aktuelle Stand.",
    dry_run: "Probelauf", dry_run_go: "Wohin ginge dieser Lead?", goes_to: "Ginge an {user}", goes_to_pool: "Ginge in den Pool",
    assignedBy: "Zugewiesen durch Regel „{name}“", dueToday: "Heute fällig", later: "Später fällig",
    followUp: "Nachverfolgung", firstContact: "Erster Kontakt", noneYet: "noch keiner", deadlineMet: "Frist eingehalten",
    escalation: "Eskalation", escalationLevel: "Stufe {n}", esc_remind_assignee: "Erinnerung an den Verkäufer",
    esc_notify_managers: "Verkaufsleitung benachrichtigt", esc_reassign: "neu zugewiesen",
    reinquiries: "Erneute Anfragen", relatedLeads: "Verknüpfte Leads", household: "Haushalt (gemeinsamer Kontakt)", forwardingColumn: "Weiterleitung", logContact: "Kontakt erfassen", contactKind: "Kontaktart", contactOutcome: "Ergebnis",
    contact_call: "Anruf", contact_email: "E-Mail", contact_meeting: "Gespräch", contact_sms: "SMS",
    outcome_reached: "erreicht", outcome_not_reached: "nicht erreicht", outcome_left_message: "Nachricht hinterlassen",
    contactDirection: "Richtung", direction_outbound: "ausgehend (wir haben kontaktiert)", direction_inbound: "eingehend (Interessent hat sich gemeldet)",
    contactNeedsConsent: "Für einen ausgehenden Kontakt fehlt die Einwilligung der Person. Hat sie sich selbst gemeldet, „eingehend“ wählen: dafür ist keine Einwilligung nötig.",
    contactLogged: "Kontakt erfasst.", forward: "An Händler weiterleiten", forwardTo: "Händler", forwardAuto: "automatisch (Wunschhändler, sonst Marktgebiet)",
    forwardedTo: "Weitergeleitet an", forwardedFrom: "Weitergeleitet von", accept: "Annehmen", reject: "Ablehnen",
    rejectReason: "Grund der Ablehnung", fwd_forwarded: "weitergeleitet", fwd_new: "neu", fwd_accepted: "angenommen",
    fwd_worked: "in Bearbeitung", fwd_converted: "konvertiert", fwd_rejected: "abgelehnt", forwarded: "weitergeleitet",
    address: "Adresse", problemsTitle: "Zu prüfen", page: "Seite {n}", results: "{n} Leads auf dieser Seite",
    // Personal data (DSGVO/GDPR): the privacy screen, the consent panel, the legal hold.
    privacy: "Datenschutz", privacyHint: "Auskunft (Art. 15 DSGVO) und Löschung (Art. 17 DSGVO) für eine Person dieses Mandanten. Jede Auskunft und jede Löschung wird protokolliert.",
    findPerson: "Person suchen", leadId: "Lead-ID", customerId: "Kunden-ID", exportTitle: "Auskunft",
    exportFor: "Gesucht: {who} · erstellt {at}", downloadJson: "Als JSON herunterladen", nothingHeld: "Über diese Person ist nichts gespeichert.",
    customers: "Kunden", activities: "Aktivitäten", consents: "Einwilligungen", auditEntries: "Protokolleinträge",
    rawPayloads: "Rohdaten (Webhooks)", importRows: "Importzeilen", row: "Zeile", cells: "Inhalt", details: "Angaben",
    consentRecord: "Datensatz", count: "Anzahl", ids: "IDs",
    pd_leads: "Leads", pd_customers: "Kunden", pd_activities: "Aktivitäten", pd_consents: "Einwilligungen",
    pd_audit_entries: "Protokolleinträge", pd_raw_payloads: "Rohdaten", pd_import_rows: "Importzeilen",
    pd_search_tokens: "Suchschlüssel", pd_match_keys: "Abgleichschlüssel", pd_idempotency: "Wiederholungsschutz",
    pd_contact_claims: "Kontaktsperren", pd_report_lines: "Fehlerberichtszeilen", pd_forwarded: "Weitergeleitete Kopien",
    erasureTitle: "Löschung", erasureHint: "Zuerst zeigt eine Vorschau, was gelöscht würde; gelöscht wird erst nach Ihrer Bestätigung.",
    erasurePreview: "Löschung prüfen", eraseEllipsis: "Löschen …", eraseNow: "Endgültig löschen", eraseWord: "LÖSCHEN",
    typeToConfirm: "Zur Bestätigung „{word}“ eingeben", eraseConfirmTitle: "Person endgültig löschen?",
    eraseConfirmText: "Alle aufgeführten Daten dieser Person werden unwiderruflich gelöscht oder anonymisiert. Das Protokoll behält nur, dass gelöscht wurde.",
    requestConfirmText: "Die Kopie dieses weitergeleiteten Leads und alles, was daran hängt, wird unwiderruflich gelöscht.",
    erased: "Gelöscht", nothingToErase: "Nichts zu löschen.", heldSkipped: "Wegen Aufbewahrungssperre nicht gelöscht",
    erasureRequests: "Löschersuchen anderer Mandanten", noRequests: "Keine offenen Löschersuchen.", requestedBy: "Ersucht von",
    carryOut: "Ausführen", req_pending: "offen", req_done: "erledigt",
    retentionTitle: "Aufbewahrung: nächster Lauf", nothingDue: "Der nächste Lauf entfernt nichts.", rule: "Regel", nextItems: "Als Nächstes (höchstens 50)",
    ret_unconverted_lead_months: "nicht konvertierte Leads (Monate)", ret_junk_months: "Junk (Monate)",
    ret_raw_payload_days: "Rohdaten (Tage)", ret_import_report_days: "Importberichte (Tage)",
    ret_unconverted_leads: "Nicht konvertierte Leads", ret_junk_leads: "Junk-Leads",
    ret_raw_payloads: "Rohdaten (Webhooks)", ret_import_reports: "Fehlerberichte von Importen",
    nextRunAt: "Nächster Lauf {at}", olderThan: "Älter als", monthsBefore: "{n} Monate (Eingang vor {date})",
    daysBefore: "{n} Tage (vor {date})", andMore: "und mehr (ein späterer Lauf macht weiter)", fileVersions: "{n} Dateiversionen",
    keptCount: "Behaltene Leads: {n} (davon gesperrt: {held})", lastRun: "Letzter Lauf {at}",
    consentTitle: "Einwilligungen", purpose: "Zweck", stateNow: "Stand", since: "seit", consentLedger: "Verlauf",
    purpose_marketing: "Werbung", purpose_dealer_contact: "Händlerkontakt", purpose_data_transfer: "Datenweitergabe an Händler",
    ch_email: "E-Mail", ch_phone: "Telefon", ch_sms: "SMS", ch_post: "Post",
    st_granted: "erteilt", st_withdrawn: "widerrufen", st_none: "keine Angabe",
    grant: "Erteilen", withdraw: "Widerrufen", consentSaved: "Gespeichert: gilt ab sofort.", noConsents: "Noch keine Einträge.",
    consentSource: "Quelle", consentNotice: "Datenschutzhinweis", consentNoticeHint: "Version oder Text, den die Person gesehen hat (für eine Erteilung nötig)", consentNote: "Vermerk (optional)",
    src_form: "Formular", src_file: "Datei", src_api: "API", src_in_person: "persönlich", src_workspace: "Arbeitsbereich",
    src_conversion: "Konvertierung", src_forwarding: "Weiterleitung",
    legalHold: "Aufbewahrungssperre", legalHoldOn: "Gesperrt: wird von Aufbewahrung und Löschung nicht entfernt.",
    legalHoldOff: "Keine Sperre.", holdReason: "Grund der Sperre", setHold: "Sperre setzen", releaseHold: "Sperre aufheben",
  },
  en: {
    // Review fixes: the log in words, channels, salutations, bulk results (kept first: others add at the end).
    sal_mr: "Mr", sal_ms: "Ms", sal_mx: "Mx", sal_family: "Family", sal_company: "Company",
    chan_api: "API", chan_webhook: "web form", chan_import: "file import", chan_forward: "forwarding", chan_schedule: "scheduled",
    act_status_open: "open", act_status_done: "done",
    bulk_not_found: "not found", bulk_forbidden: "not allowed", bulk_conflict: "not possible",
    app: "leadflow", signIn: "Sign in", signOut: "Sign out", signedInAs: "Signed in as",
    signInLocal: "Sign in as a demo user", signInLocalHint: "Local stack (make run): pick one of the demo users.",
    user: "User", password: "Password", newPassword: "New password", newPasswordNeeded: "Please set a new password.",
    language: "Language", nav: "Main navigation", start: "Start", leads: "Leads", imports: "Imports",
    role_admin: "Administrator", role_sales_manager: "Sales manager", role_sales_rep: "Sales rep", role_auditor: "Auditor",
    myOpenLeads: "My open leads", myActivities: "My open activities", nothing: "Nothing open.",
    newLead: "New", refresh: "Refresh", filters: "Filters", columns: "Columns", search: "Search",
    searchHint: "name, e-mail, phone or city", qualification: "Qualification", source: "Source", sourceDetail: "Source detail",
    status: "Status", assignee: "Assignee", anyone: "anyone", mine: "mine", pool: "pool (unassigned)",
    overdue: "overdue", needsReview: "needs review",
    sweepstake: "sweepstake without consent", sweepstakeHint: "contact for sales only once marketing is granted",
    sort: "Sort", pageSize: "Rows per page",
    next: "Next", previous: "Previous", firstPage: "First page", all: "all",
    hot: "hot", warm: "warm", cold: "cold", junk: "junk",
    open: "open", converted: "converted", closed: "closed", deleted: "deleted",
    received: "Received", due: "Due", name: "Name", city: "City", email: "E-mail", phone: "Phone", channel: "Channel",
    actions: "Actions", selectAll: "Select all on this page", selectLead: "Select lead",
    selected: "{n} selected", assignTo: "Assign to", assign: "Assign", delete: "Delete", confirmDelete: "Delete {n} leads?",
    bulkResult: "{ok} done, {failed} not possible", log: "Log", edit: "Edit", createActivity: "Create activity",
    daysOverdue: "{n} day(s) overdue", overdueSince: "overdue since {date}",
    noLeads: "No leads found.", loading: "Loading …",
    sort_received: "Received (oldest first)", "sort_-received": "Received (newest first)", sort_due: "Due (earliest first)",
    "sort_-due": "Due (latest first)", sort_last_name: "Name A–Z", "sort_-last_name": "Name Z–A",
    sort_qualification: "Qualification (hot first)", "sort_-qualification": "Qualification (junk first)",
    createLead: "Create lead", editLead: "Edit lead", tabProspect: "Prospect", tabVehicle: "Vehicle", tabRemark: "Remark",
    take: "Take", taken: "Taken: the lead is assigned to you.",
    notTaken: "Not taken.", takeStale: "The lead was changed meanwhile; the list now shows its current state.",
    takeGone: "The lead is out of your sight now: assigned to someone else or deleted meanwhile.",
    save: "Save", cancel: "Cancel", saved: "Saved.", closeLead: "Close the lead", reopenLead: "Reopen the lead", attachedAsReinquiry: "Saved as a re-inquiry on an open lead of the same person.", createdForColleague: "Saved. The routing rules gave the lead to {assignee}, so you no longer see it.", fixErrors: "Please correct the marked fields.",
    salutation: "Salutation", title: "Title", first_name: "First name", last_name: "Last name", company: "Company", street: "Street",
    postal_code: "Postal code", country: "Country", mobile_phone: "Mobile phone", work_phone: "Work phone", birth_date: "Date of birth",
    make: "Make", models: "Models", modelsHint: "select several with Ctrl/Cmd or type them, separated by commas", price: "Price",
    currency: "Currency", current: "Current vehicle", model: "Model", year: "Year", mileage_km: "Mileage",
    interest: "Interest", dealer_contact: "Dealer contact", brochure: "Brochure", test_drive: "Test drive", offer: "Offer",
    purchase: "Purchase", accessories_catalogue: "Accessories catalogue", remark: "Remark",
    sentAs: "sent: “{given}” – {reason}", reviewHint: "A sender sent something here that needs a review.",
    changedMeanwhile: "The lead was changed meanwhile (version {v}). This is its current state; your input was not saved.",
    leadLog: "Lead log", when: "When", who: "Who", what: "What", changes: "Changes", back: "Back",
    duplicateCheck: "Duplicate check", candidates: "Candidates", noCandidates: "No customer in the master matches this lead.",
    verdict_duplicate: "duplicate", verdict_possible: "possible duplicate", verdict_unlikely: "unlikely",
    confidence: "{n} % match", reasons: "Reasons", field: "Field", customerValue: "Customer", newValue: "New (lead)",
    takeField: "take {field}", decision: "Decision", update_customer: "Update the customer with the ticked fields",
    keep_customer: "Keep the customer as it is", new_customer: "Create a new customer", chooseCustomer: "Choose this customer",
    activity: "Activity", activityType: "Type", dueDate: "Due date", notes: "Notes", convert: "Create activity",
    converted_ok: "Activity created for {name}.", stale: "Something changed meanwhile. The check is fresh; please decide again.",
    act_call: "Call", act_email: "E-mail", act_appointment: "Appointment", act_test_drive: "Test drive", act_offer: "Offer",
    act_brochure_dispatch: "Brochure dispatch", act_letter: "Letter", act_visit: "Visit",
    outcome_agree: "agrees", outcome_disagree: "differs", outcome_partial: "similar", outcome_missing: "missing",
    importLeads: "Import leads", importCustomers: "Import customers", file: "File", kind: "Kind",
    kind_leads: "Leads", kind_customers: "Customer master", upload: "Upload", uploading: "Uploading …",
    defaultSource: "Source for rows without one", defaultQualification: "Qualification for rows without one",
    rows: "rows", created: "created", rejected: "rejected", duplicates_in_file: "twice in the file",
    already_imported: "already imported", errorReport: "Download the error report", recentImports: "Recent imports",
    imp_queued: "queued", imp_running: "running", imp_done: "done", imp_partial: "partial", imp_failed: "failed",
    imp_duplicate: "imported before", none: "—", yes: "yes", no: "no", required: "required",
    readOnly: "Read only: your role may not change anything here.", forbidden: "Your role may not do this.",
    skipToContent: "Skip to content", version: "Version", customer: "Customer", lead: "Lead", close: "Close",
    rules: "Assignment rules", rules_hint: "The first rule that applies decides; a lead no rule takes stays in the pool.",
    rule_unnamed: "(no name)", rule_name: "Rule name", rule_active: "active", cond_hint: "several separated by commas; empty: any",
    cond_sources: "Sources", cond_source_details: "Source details", cond_qualifications: "Qualifications (hot, warm, cold, junk)",
    cond_channels: "Channels (api, webhook, import)", cond_makes: "Makes", cond_models: "Models",
    cond_postal_codes: "Postal codes (1100, 11*, 1000-1299)", cond_countries: "Countries (AT, DE, CH)", target: "Target",
    target_user: "User", target_team: "Team (in turns)", team_name: "Team name", team_members: "Team members",
    move_up: "Move up", move_down: "Move down", remove_rule: "Remove rule", add_rule: "Add rule",
    no_rules: "No rules: every new lead goes to the pool.", rules_changed: "The rules were changed meanwhile; this is their current state.",
    dry_run: "Dry run", dry_run_go: "Where would this lead go?", goes_to: "Would go to {user}", goes_to_pool: "Would go to the pool",
    assignedBy: "Assigned by rule “{name}”", dueToday: "Due today", later: "Due later",
    followUp: "Follow-up", firstContact: "First contact", noneYet: "none yet", deadlineMet: "Deadline met",
    escalation: "Escalation", escalationLevel: "Level {n}", esc_remind_assignee: "reminded the assignee",
    esc_notify_managers: "notified the sales managers", esc_reassign: "reassigned",
    reinquiries: "Re-inquiries", relatedLeads: "Related leads", household: "household (shared contact)", forwardingColumn: "Forwarding", logContact: "Log a contact", contactKind: "Kind", contactOutcome: "Outcome",
    contact_call: "Call", contact_email: "E-mail", contact_meeting: "Meeting", contact_sms: "SMS",
    outcome_reached: "reached", outcome_not_reached: "not reached", outcome_left_message: "left a message",
    contactDirection: "Direction", direction_outbound: "outbound (we contacted them)", direction_inbound: "inbound (they contacted us)",
    contactNeedsConsent: "The person has not consented to an outbound contact this way. If they contacted you, choose “inbound”: that needs no consent.",
    contactLogged: "Contact logged.", forward: "Forward to a dealer", forwardTo: "Dealer", forwardAuto: "automatic (preferred dealer, else market area)",
    forwardedTo: "Forwarded to", forwardedFrom: "Forwarded by", accept: "Accept", reject: "Reject",
    rejectReason: "Reason for rejecting", fwd_forwarded: "forwarded", fwd_new: "new", fwd_accepted: "accepted",
    fwd_worked: "being worked", fwd_converted: "converted", fwd_rejected: "rejected", forwarded: "forwarded",
    address: "Address", problemsTitle: "To review", page: "Page {n}", results: "{n} leads on this page",
    privacy: "Privacy", privacyHint: "Access (GDPR Art. 15) and erasure (Art. 17) for one person of this tenant. Every export and every erasure is audited.",
    findPerson: "Find person", leadId: "Lead id", customerId: "Customer id", exportTitle: "Access export",
    exportFor: "Searched: {who} · made {at}", downloadJson: "Download as JSON", nothingHeld: "Nothing is held about this person.",
    customers: "Customers", activities: "Activities", consents: "Consents", auditEntries: "Audit entries",
    rawPayloads: "Raw payloads (webhooks)", importRows: "Import rows", row: "Row", cells: "Content", details: "Details",
    consentRecord: "Record", count: "Count", ids: "Ids",
    pd_leads: "Leads", pd_customers: "Customers", pd_activities: "Activities", pd_consents: "Consents",
    pd_audit_entries: "Audit entries", pd_raw_payloads: "Raw payloads", pd_import_rows: "Import rows",
    pd_search_tokens: "Search tokens", pd_match_keys: "Match keys", pd_idempotency: "Idempotency records",
    pd_contact_claims: "Contact claims", pd_report_lines: "Error report lines", pd_forwarded: "Forwarded copies",
    erasureTitle: "Erasure", erasureHint: "A preview shows first what would be erased; nothing is erased until you confirm.",
    erasurePreview: "Preview erasure", eraseEllipsis: "Erase …", eraseNow: "Erase for good", eraseWord: "ERASE",
    typeToConfirm: "Type “{word}” to confirm", eraseConfirmTitle: "Erase this person for good?",
    eraseConfirmText: "Everything listed about this person is erased or anonymised, irreversibly. The audit keeps only that an erasure happened.",
    requestConfirmText: "The copy of this forwarded lead and everything that hangs on it is erased, irreversibly.",
    erased: "Erased", nothingToErase: "Nothing to erase.", heldSkipped: "Not erased because of a legal hold",
    erasureRequests: "Erasure requests from other tenants", noRequests: "No open erasure requests.", requestedBy: "Requested by",
    carryOut: "Carry out", req_pending: "open", req_done: "done",
    retentionTitle: "Retention: the next run", nothingDue: "The next run removes nothing.", rule: "Rule", nextItems: "Next (at most 50)",
    ret_unconverted_lead_months: "unconverted leads (months)", ret_junk_months: "junk (months)",
    ret_raw_payload_days: "raw payloads (days)", ret_import_report_days: "import reports (days)",
    ret_unconverted_leads: "Unconverted leads", ret_junk_leads: "Junk leads",
    ret_raw_payloads: "Raw payloads (webhooks)", ret_import_reports: "Import error reports",
    nextRunAt: "Next run {at}", olderThan: "Older than", monthsBefore: "{n} months (received before {date})",
    daysBefore: "{n} days (before {date})", andMore: "and more (a later run goes on)", fileVersions: "{n} file versions",
    keptCount: "Leads kept: {n} (held: {held})", lastRun: "Last run {at}",
    consentTitle: "Consents", purpose: "Purpose", stateNow: "State", since: "since", consentLedger: "History",
    purpose_marketing: "Marketing", purpose_dealer_contact: "Dealer contact", purpose_data_transfer: "Data transfer to a dealer",
    ch_email: "e-mail", ch_phone: "phone", ch_sms: "SMS", ch_post: "post",
    st_granted: "granted", st_withdrawn: "withdrawn", st_none: "not stated",
    grant: "Grant", withdraw: "Withdraw", consentSaved: "Saved: effective at once.", noConsents: "No entries yet.",
    consentSource: "Source", consentNotice: "Privacy notice", consentNoticeHint: "the version or text the person was shown (needed to grant)", consentNote: "Note (optional)",
    src_form: "form", src_file: "file", src_api: "API", src_in_person: "in person", src_workspace: "workspace",
    src_conversion: "conversion", src_forwarding: "forwarding",
    legalHold: "Legal hold", legalHoldOn: "Held: retention and erasure leave it alone.",
    legalHoldOff: "No hold.", holdReason: "Reason for the hold", setHold: "Set hold", releaseHold: "Release hold",
  },
};

let language = localStorage.getItem("leadflow.lang") || "de";

export function lang() { return language; }

export function setLang(value) {
  language = TEXTS[value] ? value : "de";
  localStorage.setItem("leadflow.lang", language);
  document.documentElement.lang = language;
}

export function t(key, vars) {
  let text = TEXTS[language][key] ?? TEXTS.de[key] ?? key;
  for (const [name, value] of Object.entries(vars || {})) text = text.replace(`{${name}}`, value);
  return text;
}

// The API answers in English; in German the workspace says at a field what the API said, in German.
// A message not listed here is shown as the API wrote it.
const FIELD_MESSAGES_DE = [
  [/^at most (\d+) characters$/, "höchstens $1 Zeichen"],
  [/^a name needs at least one letter: (.*) has none$/, "Ein Name braucht mindestens einen Buchstaben: „$1“ hat keinen"],
  [/^not a valid e-mail address: (.*)$/, "keine gültige E-Mail-Adresse ($1)"],
  [/^not a valid phone number \(read with default country (\w+)\)$/, "keine gültige Telefonnummer (gelesen mit Ländervorwahl von $1)"],
  [/^not a phone number \(.*\)$/, "keine Telefonnummer: nur Ziffern, Leerzeichen und + ( ) / . - (Hinweise wie Erreichbarkeit gehören in die Bemerkung)"],
  [/^not a valid postal code for (\w+): expected (\d+) digits, e\.g\. (.*)$/, "keine gültige Postleitzahl für $1: erwartet $2 Ziffern, z. B. $3"],
  [/^not a valid postal code for (\w+): expected (.*)$/, "keine gültige Postleitzahl für $1"],
  [/^(.*) is no date: (.*)$/, "„$1“ ist kein Datum"],
  [/^(.*) is a number, not a date: .*$/, "„$1“ ist eine Zahl, kein Datum: bitte z. B. als 01.12.2026 schreiben"],
  [/^implausible: the person would be (\d+) years old$/, "unplausibel: die Person wäre $1 Jahre alt"],
  [/^lies in the future$/, "liegt in der Zukunft"],
  [/^lies before 2000$/, "liegt vor dem Jahr 2000"],
  [/^(.*) is not a number: write e\.g\. (.*)$/, "„$1“ ist keine Zahl: bitte z. B. $2 schreiben"],
  [/^unknown salutation.*$/, "unbekannte Anrede: Herr, Frau, Divers, Familie, Firma oder keine Angabe"],
  [/^unknown academic title '(.*)' .*$/, "unbekannter akademischer Titel „$1“ (z. B. Dr., Mag., DI, Ing., Prof.)"],
  [/^not a country: .*$/, "kein Land: bitte den Ländercode (AT, DE, CH) oder den Namen des Landes"],
  [/^a last name \(or a company\) is needed$/, "Nachname (oder Firma) fehlt"],
  [/^identifies nobody: .*$/, "bezeichnet niemanden: bitte Name, Firma, E-Mail-Adresse oder Telefonnummer angeben"],
  [/^one way to reach the person is needed: .*$/, "eine Kontaktmöglichkeit fehlt: Telefon, E-Mail oder Straße mit Ort"],
  [/^null is no value here: .*$/, "Pflichtfeld: bitte einen Wert angeben"],
];

export function fieldMessage(text) {
  if (language !== "de" || typeof text !== "string") return text;
  for (const [pattern, german] of FIELD_MESSAGES_DE) {
    if (pattern.test(text)) return text.replace(pattern, german);
  }
  return text;
}

// The browser's own locale when it speaks the chosen language (de-AT, de-CH, en-GB ...), else a default.
export function locale() {
  const preferred = (navigator.languages || [navigator.language]).find((l) => l && l.toLowerCase().startsWith(language));
  return preferred || (language === "de" ? "de-DE" : "en-GB");
}

export function fmtDate(value) {
  if (!value) return t("none");
  const date = value.length === 10 ? new Date(`${value}T12:00:00`) : new Date(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium" }).format(date);
}

export function fmtDateTime(value) {
  if (!value) return t("none");
  return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
}

export function fmtNumber(value) {
  return value === null || value === undefined ? t("none") : new Intl.NumberFormat(locale()).format(value);
}

export function fmtPrice(value, currency) {
  if (value === null || value === undefined) return t("none");
  return new Intl.NumberFormat(locale(), { style: "currency", currency: currency || "EUR" }).format(value);
}

document.documentElement.lang = language;
