# ruff: noqa: E501 - whole sentences of the catalogue stay on one line
"""Catalogue texts of login, editing, audit trail, scenarios and the committee page.

Merged into :data:`core.i18n.TEXT` (a key defined twice is refused). Same rules as the main
catalogue: German first, English second, identical placeholders.
"""

from __future__ import annotations

EDITING_TEXT: dict[str, dict[str, str]] = {
    # --- roles and login -----------------------------------------------------------------
    "auth_header": {"de": "Anmeldung", "en": "Sign-in"},
    "auth_role_viewer": {"de": "Ansicht: nur lesen", "en": "View: read only"},
    "auth_role_editor": {
        "de": "Angemeldet als **{name}** (Redaktion, darf bearbeiten)",
        "en": "Signed in as **{name}** (editor)",
    },
    "auth_role_participant": {
        "de": "Eingabe als Beteiligte/r: **{name}**",
        "en": "Entering weights as: **{name}**",
    },
    "auth_login_expander": {"de": "Anmelden zum Bearbeiten", "en": "Sign in to edit"},
    "auth_user": {"de": "Benutzername", "en": "User name"},
    "auth_password": {"de": "Passwort", "en": "Password"},
    "auth_login_button": {"de": "Anmelden", "en": "Sign in"},
    "auth_logout": {"de": "Abmelden", "en": "Sign out"},
    "auth_oidc_button": {"de": "Mit Dienstkonto anmelden", "en": "Sign in with your work account"},
    "auth_oidc_no_rights": {
        "de": "Angemeldet als {name}, aber ohne Bearbeitungsrecht: Das Konto steht nicht in „oidc_editors“ (secrets.toml, Abschnitt [cockpit]).",
        "en": "Signed in as {name}, but without editing rights: the account is not listed in 'oidc_editors' (secrets.toml, section [cockpit]).",
    },
    "auth_oidc_missing_lib": {
        "de": 'Die Anmeldung über den Identitätsanbieter braucht das Paket Authlib: pip install "streamlit[auth]".',
        "en": 'Signing in through the identity provider needs the Authlib package: pip install "streamlit[auth]".',
    },
    "auth_oidc_error": {
        "de": "Die Anmeldung über den Identitätsanbieter ist falsch eingerichtet: {detail}",
        "en": "Signing in through the identity provider is misconfigured: {detail}",
    },
    "auth_no_secrets_file": {
        "de": "Die Anmeldung ist nicht eingerichtet: Es gibt keine Datei .streamlit/secrets.toml. Wie man sie anlegt, steht in der README unter „Anmeldung und Rollen“.",
        "en": "Sign-in is not set up: there is no file .streamlit/secrets.toml. The README section 'Sign-in and roles' explains how to create it.",
    },
    "auth_not_configured": {
        "de": "Die Anmeldung mit Passwort ist nicht eingerichtet: In .streamlit/secrets.toml fehlt der Abschnitt [cockpit.editors]. Wie man ihn anlegt, steht in der README.",
        "en": "Password sign-in is not set up: .streamlit/secrets.toml lacks the section [cockpit.editors]. The README explains how to add it.",
    },
    "auth_user_missing": {
        "de": "Bitte einen Benutzernamen eingeben.",
        "en": "Please enter a user name.",
    },
    "auth_password_empty": {
        "de": "Bitte ein Passwort eingeben – ein leeres Passwort gibt es nicht.",
        "en": "Please enter a password – an empty password is never valid.",
    },
    "auth_password_too_long": {
        "de": "Das Passwort ist zu lang (höchstens {max} Zeichen).",
        "en": "The password is too long (at most {max} characters).",
    },
    "auth_bad_hash": {
        "de": "Der gespeicherte Passwort-Hash in secrets.toml ist ungültig. Bitte mit „python -m core hash-password“ neu erzeugen.",
        "en": "The stored password hash in secrets.toml is invalid. Please create it again with 'python -m core hash-password'.",
    },
    "auth_wrong": {
        "de": "Benutzername oder Passwort ist falsch.",
        "en": "Wrong user name or password.",
    },
    "auth_rate_limited": {
        "de": "Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.",
        "en": "Too many failed attempts. Please try again in {seconds} seconds.",
    },
    "auth_login_ok": {"de": "Angemeldet als {name}.", "en": "Signed in as {name}."},
    "auth_editor_required": {
        "de": "Nur angemeldete Redakteurinnen und Redakteure dürfen Daten ändern.",
        "en": "Only signed-in editors may change data.",
    },
    "auth_unknown_role": {"de": "Unbekannte Rolle „{role}“.", "en": "Unknown role '{role}'."},
    "auth_name_missing": {
        "de": "Für Änderungen wird ein Name benötigt.",
        "en": "Changes need a name.",
    },
    "cli_hash_prompt": {"de": "Passwort: ", "en": "Password: "},
    "cli_hash_repeat": {"de": "Passwort wiederholen: ", "en": "Repeat password: "},
    "cli_hash_mismatch": {
        "de": "Die beiden Eingaben stimmen nicht überein.",
        "en": "The two entries differ.",
    },
    "cli_hash_help": {
        "de": 'In .streamlit/secrets.toml eintragen:\n[cockpit.editors]\n{user} = "{hash}"',
        "en": 'Add to .streamlit/secrets.toml:\n[cockpit.editors]\n{user} = "{hash}"',
    },
    # --- cell and row validation ---------------------------------------------------------------
    "edit_not_number": {"de": "„{value}“ ist keine Zahl.", "en": "'{value}' is not a number."},
    "edit_not_finite": {"de": "Die Zahl muss endlich sein.", "en": "The number must be finite."},
    "edit_required": {
        "de": "Dieses Feld darf nicht leer sein.",
        "en": "This field must not be empty.",
    },
    "edit_below_min": {
        "de": "{value} ist zu klein (mindestens {minimum}).",
        "en": "{value} is too small (at least {minimum}).",
    },
    "edit_above_max": {
        "de": "{value} ist zu groß (höchstens {maximum}).",
        "en": "{value} is too large (at most {maximum}).",
    },
    "edit_not_integer": {
        "de": "{value} ist keine ganze Zahl.",
        "en": "{value} is not a whole number.",
    },
    "edit_not_text": {"de": "Hier wird ein Text erwartet.", "en": "A text is expected here."},
    "edit_control_chars": {
        "de": "Der Text enthält Steuerzeichen.",
        "en": "The text contains control characters.",
    },
    "edit_too_long": {
        "de": "Der Text ist zu lang ({length} Zeichen, höchstens {maximum}).",
        "en": "The text is too long ({length} characters, at most {maximum}).",
    },
    "edit_not_boolean": {
        "de": "„{value}“ ist weder ja noch nein.",
        "en": "'{value}' is neither yes nor no.",
    },
    "edit_not_date": {
        "de": "„{value}“ ist kein Datum (TT.MM.JJJJ).",
        "en": "'{value}' is not a date (YYYY-MM-DD).",
    },
    "edit_date_range": {
        "de": "Das Datum {value} liegt nicht zwischen {low} und {high}.",
        "en": "The date {value} is not between {low} and {high}.",
    },
    "edit_not_choice": {
        "de": "„{value}“ ist nicht erlaubt (erlaubt: {allowed}).",
        "en": "'{value}' is not allowed (allowed: {allowed}).",
    },
    "edit_not_slug": {
        "de": "„{value}“ ist keine gültige Kennung (nur a–z, 0–9 und Bindestriche).",
        "en": "'{value}' is not a valid id (only a–z, 0–9 and hyphens).",
    },
    "edit_not_key": {
        "de": "„{value}“ ist kein gültiger Schlüssel (a–z, 0–9, Unterstrich; beginnt mit einem Buchstaben).",
        "en": "'{value}' is not a valid key (a–z, 0–9, underscore; starts with a letter).",
    },
    "edit_honesty": {
        "de": "Bitte eine Quelle nennen oder „Schätzung“ ankreuzen und begründen.",
        "en": "Please name a source or tick 'estimate' and give a reason.",
    },
    "edit_out_of_range": {
        "de": "{value} liegt außerhalb des Wertebereichs {low} bis {high}.",
        "en": "{value} is outside the range {low} to {high}.",
    },
    "edit_min_not_below_max": {
        "de": "Das Minimum ({low}) muss kleiner als das Maximum ({high}) sein.",
        "en": "The minimum ({low}) must be below the maximum ({high}).",
    },
    "edit_range_excludes": {
        "de": "Der neue Wertebereich schließt {count} vorhandene Bewertungen aus; bitte zuerst die Bewertungen anpassen.",
        "en": "The new range excludes {count} existing assessments; please adjust them first.",
    },
    "edit_name_taken": {
        "de": "Der Name „{name}“ ist in diesem Bereich schon vergeben ({other}).",
        "en": "The name '{name}' is already used in this area ({other}).",
    },
    "edit_invalid": {
        "de": "{count} Eingaben sind ungültig; nichts wurde gespeichert.",
        "en": "{count} entries are invalid; nothing was saved.",
    },
    "edit_conflict": {
        "de": "{count} Werte wurden inzwischen von jemand anderem geändert; nichts wurde gespeichert.",
        "en": "{count} values were changed by someone else in the meantime; nothing was saved.",
    },
    "edit_busy": {
        "de": "Gleichzeitige Änderung – bitte erneut speichern ({error}).",
        "en": "Concurrent change – please save again ({error}).",
    },
    "edit_unknown_entity": {
        "de": "Unbekannte Tabelle „{entity}“.",
        "en": "Unknown table '{entity}'.",
    },
    "edit_not_editable": {
        "de": "Die Spalte „{field}“ kann hier nicht geändert werden.",
        "en": "The column '{field}' cannot be changed here.",
    },
    "edit_placeholder_reason": {
        "de": "Schätzung: Platzhalter (Mitte des Wertebereichs) bei Neuanlage – noch zu bewerten.",
        "en": "Estimate: placeholder (middle of the range) on creation – still to be assessed.",
    },
    "edit_id_taken": {
        "de": "Die Kennung „{id}“ ist schon vergeben (auch entfernte Einträge behalten ihre Kennung).",
        "en": "The id '{id}' is already taken (removed entries keep their id).",
    },
    "edit_unknown_option": {
        "de": "Die Option „{option}“ gibt es nicht (mehr).",
        "en": "The option '{option}' does not exist (any more).",
    },
    "edit_last_option": {
        "de": "Die letzte Option eines Bereichs kann nicht entfernt werden.",
        "en": "The last option of an area cannot be removed.",
    },
    "edit_last_criterion": {
        "de": "Das letzte Kriterium einer Gruppe kann nicht entfernt werden.",
        "en": "The last criterion of a group cannot be removed.",
    },
    "edit_not_removable": {
        "de": "„{entity}“ kann nicht entfernt werden.",
        "en": "'{entity}' cannot be removed.",
    },
    "edit_row_missing": {
        "de": "Der Eintrag „{key}“ existiert nicht.",
        "en": "The entry '{key}' does not exist.",
    },
    "edit_already_removed": {
        "de": "Der Eintrag „{key}“ ist bereits entfernt.",
        "en": "The entry '{key}' is already removed.",
    },
    "edit_undo_not_removal": {
        "de": "Protokolleintrag {id} ist keine Entfernung.",
        "en": "Audit entry {id} is not a removal.",
    },
    "edit_undo_done": {
        "de": "Protokolleintrag {id} wurde bereits rückgängig gemacht.",
        "en": "Audit entry {id} was already undone.",
    },
    "edit_undo_stale": {
        "de": "Protokolleintrag {id} lässt sich nicht mehr rückgängig machen: Der Eintrag wurde inzwischen anders geändert oder gelöscht.",
        "en": "Audit entry {id} can no longer be undone: the entry has been changed or deleted since.",
    },
    # --- Daten page: editing ---------------------------------------------------------------
    "edit_header": {"de": "Daten bearbeiten", "en": "Edit data"},
    "edit_intro": {
        "de": "Änderungen werden erst mit „Änderungen speichern“ übernommen – alle in einem Schritt und mit Eintrag im Änderungsprotokoll. Hat jemand anderes dieselbe Zeile geändert, nachdem Sie sie geladen haben, wird nichts gespeichert und beide Werte werden angezeigt.",
        "en": "Changes are applied only with 'Save changes' – all in one step, with an audit entry. If someone else changed the same row after you loaded it, nothing is saved and both values are shown.",
    },
    "edit_viewer_note": {
        "de": "Bearbeiten ist nur nach Anmeldung als Redaktion möglich (Seitenleiste).",
        "en": "Editing needs an editor sign-in (sidebar).",
    },
    "edit_area": {"de": "Prüfbereich", "en": "Review area"},
    "edit_tab_systems": {"de": "Bestand", "en": "Current systems"},
    "edit_tab_options": {"de": "Optionen", "en": "Options"},
    "edit_tab_costs": {"de": "Kosten", "en": "Costs"},
    "edit_tab_assessments": {"de": "Bewertungen", "en": "Assessments"},
    "edit_tab_criteria": {"de": "Kriterien", "en": "Criteria"},
    "edit_save": {"de": "Änderungen speichern", "en": "Save changes"},
    "edit_discard": {"de": "Verwerfen und neu laden", "en": "Discard and reload"},
    "edit_saved": {
        "de": "Gespeichert: {count} Werte geändert, Datenstand jetzt {version}.",
        "en": "Saved: {count} values changed, data version now {version}.",
    },
    "edit_nothing": {"de": "Keine Änderungen zum Speichern.", "en": "No changes to save."},
    "edit_errors_header": {
        "de": "Nicht gespeichert – bitte diese Eingaben korrigieren:",
        "en": "Not saved – please correct these entries:",
    },
    "edit_issue_row": {"de": "Zeile", "en": "Row"},
    "edit_issue_field": {"de": "Spalte", "en": "Column"},
    "edit_issue_value": {"de": "Eingabe", "en": "Entry"},
    "edit_issue_problem": {"de": "Problem", "en": "Problem"},
    "edit_conflict_header": {
        "de": "Nicht gespeichert: Diese Werte hat jemand geändert, nachdem Sie sie geladen haben. Nichts wurde überschrieben. Mit „Verwerfen und neu laden“ sehen Sie den aktuellen Stand.",
        "en": "Not saved: someone changed these values after you loaded them. Nothing was overwritten. 'Discard and reload' shows the current data.",
    },
    "edit_conflict_loaded": {"de": "Beim Laden", "en": "When loaded"},
    "edit_conflict_current": {"de": "Jetzt gespeichert", "en": "Stored now"},
    "edit_conflict_mine": {"de": "Ihre Eingabe", "en": "Your entry"},
    "edit_conflict_removed": {"de": "(Zeile inzwischen entfernt)", "en": "(row removed meanwhile)"},
    "edit_stale_note": {
        "de": "Die Daten haben sich seit dem Laden geändert (Datenstand {loaded} → {current}). Ihre offenen Änderungen beziehen sich auf Stand {loaded}; beim Speichern wird jede Zeile geprüft.",
        "en": "The data changed since you loaded them (version {loaded} → {current}). Your pending changes refer to version {loaded}; every row is checked on saving.",
    },
    "edit_readonly_cols": {
        "de": "Änderbar sind die Spalten mit Stift-Symbol. Kennungen und Zuordnungen (Bereich, Option, ersetztes System, abgeleitete Kriterien) bleiben fest.",
        "en": "Columns with a pencil icon can be edited. Ids and links (area, option, replaced system, derived criteria) stay fixed.",
    },
    "edit_pick_placeholder": {"de": "Bitte auswählen …", "en": "Please choose …"},
    "edit_add_option": {"de": "Neue Option anlegen", "en": "Add an option"},
    "edit_add_criterion": {"de": "Neues Kriterium anlegen", "en": "Add a criterion"},
    "edit_add_cost": {"de": "Neue Kostenposition anlegen", "en": "Add a cost line"},
    "edit_add_button": {"de": "Anlegen", "en": "Add"},
    "edit_added": {
        "de": "Angelegt: {name}. Datenstand jetzt {version}.",
        "en": "Added: {name}. Data version now {version}.",
    },
    "edit_add_placeholder_note": {
        "de": "Neue Optionen und Kriterien erhalten Platzhalter-Bewertungen (Mitte des Wertebereichs, als Schätzung markiert), bis sie bewertet sind.",
        "en": "New options and criteria get placeholder assessments (middle of the range, marked as estimates) until they are assessed.",
    },
    "edit_remove_header": {"de": "Entfernen", "en": "Remove"},
    "edit_remove_pick": {"de": "Was soll entfernt werden?", "en": "What should be removed?"},
    "edit_remove_button": {"de": "Entfernen …", "en": "Remove …"},
    "edit_remove_confirm": {
        "de": "„{name}“ wirklich entfernen? Zugehörige Bewertungen und Kostenpositionen werden mit entfernt. Im Änderungsprotokoll lässt sich das rückgängig machen.",
        "en": "Really remove '{name}'? Its assessments and cost lines are removed with it. This can be undone in the audit trail.",
    },
    "edit_remove_yes": {"de": "Ja, entfernen", "en": "Yes, remove"},
    "edit_remove_no": {"de": "Abbrechen", "en": "Cancel"},
    "edit_removed": {
        "de": "Entfernt: {name}. Datenstand jetzt {version}.",
        "en": "Removed: {name}. Data version now {version}.",
    },
    "edit_kind_option": {"de": "Option", "en": "Option"},
    "edit_kind_criterion": {"de": "Kriterium", "en": "Criterion"},
    "edit_kind_cost": {"de": "Kostenposition", "en": "Cost line"},
    "edit_col_id": {"de": "Kennung", "en": "Id"},
    "edit_col_area": {"de": "Bereich", "en": "Area"},
    "edit_col_replaces": {"de": "Ersetzt System", "en": "Replaces system"},
    "edit_col_description": {"de": "Beschreibung", "en": "Description"},
    "edit_col_reach_unit": {"de": "Einheit der Reichweite", "en": "Reach unit"},
    "edit_col_reason": {"de": "Begründung der Schätzung", "en": "Reason for the estimate"},
    "edit_col_assessed_on": {"de": "Bewertet am", "en": "Assessed on"},
    "edit_col_label_de": {"de": "Bezeichnung (deutsch)", "en": "Label (German)"},
    "edit_col_label_en": {"de": "Bezeichnung (englisch)", "en": "Label (English)"},
    "edit_col_min": {"de": "Minimum", "en": "Minimum"},
    "edit_col_max": {"de": "Maximum", "en": "Maximum"},
    "edit_col_help": {"de": "Hilfetext", "en": "Help text"},
    "edit_col_order": {"de": "Reihenfolge", "en": "Order"},
    "edit_col_derived": {"de": "Abgeleitet aus", "en": "Derived from"},
    "edit_col_option_id": {"de": "Option", "en": "Option"},
    # --- audit trail -----------------------------------------------------------------------
    "audit_header": {"de": "Änderungsprotokoll", "en": "Audit trail"},
    "audit_intro": {
        "de": "Jede Änderung mit Person, Zeitpunkt (UTC), Eintrag, altem und neuem Wert. Jede Speicherung erhöht den Datenstand.",
        "en": "Every change with person, time (UTC), entry, old and new value. Every save raises the data version.",
    },
    "audit_filter_entity": {"de": "Daten", "en": "Data"},
    "audit_filter_actor": {"de": "Wer", "en": "Who"},
    "audit_filter_action": {"de": "Aktion", "en": "Action"},
    "audit_filter_from": {"de": "Von", "en": "From"},
    "audit_filter_to": {"de": "Bis", "en": "To"},
    "audit_filter_text": {
        "de": "Suche (Kennung, Spalte, Wert)",
        "en": "Search (id, column, value)",
    },
    "audit_all": {"de": "alle", "en": "all"},
    "audit_empty": {
        "de": "Keine Einträge für diese Auswahl.",
        "en": "No entries for this selection.",
    },
    "audit_count": {"de": "{count} Einträge", "en": "{count} entries"},
    "audit_download": {
        "de": "Auswahl als Excel herunterladen",
        "en": "Download selection as Excel",
    },
    "audit_undo_header": {"de": "Entferntes wiederherstellen", "en": "Restore removed entries"},
    "audit_undo_none": {"de": "Nichts zum Wiederherstellen.", "en": "Nothing to restore."},
    "audit_undo_button": {"de": "Rückgängig: {what}", "en": "Undo: {what}"},
    "audit_undone": {
        "de": "Wiederhergestellt: {what}. Datenstand jetzt {version}.",
        "en": "Restored: {what}. Data version now {version}.",
    },
    "audit_sheet": {"de": "Änderungsprotokoll", "en": "Audit trail"},
    "audit_title": {
        "de": "IT-Reorg-Cockpit Mülheim an der Ruhr – Änderungsprotokoll",
        "en": "IT Reorg Cockpit Mülheim an der Ruhr – audit trail",
    },
    "audit_exported_at": {"de": "Exportiert am", "en": "Exported on"},
    "audit_col_id": {"de": "Nr.", "en": "No."},
    "audit_col_when": {"de": "Zeitpunkt (UTC)", "en": "Time (UTC)"},
    "audit_col_actor": {"de": "Wer", "en": "Who"},
    "audit_col_role": {"de": "Rolle", "en": "Role"},
    "audit_col_action": {"de": "Aktion", "en": "Action"},
    "audit_col_entity": {"de": "Daten", "en": "Data"},
    "audit_col_key": {"de": "Eintrag", "en": "Entry"},
    "audit_col_field": {"de": "Spalte", "en": "Column"},
    "audit_col_old": {"de": "Alter Wert", "en": "Old value"},
    "audit_col_new": {"de": "Neuer Wert", "en": "New value"},
    "audit_col_version": {"de": "Datenstand", "en": "Data version"},
    "audit_col_undoes": {"de": "Macht rückgängig", "en": "Undoes"},
    "audit_action_update": {"de": "geändert", "en": "changed"},
    "audit_action_add": {"de": "angelegt", "en": "added"},
    "audit_action_remove": {"de": "entfernt", "en": "removed"},
    "audit_action_restore": {"de": "wiederhergestellt", "en": "restored"},
    "audit_entity_systems": {"de": "Bestand", "en": "Current systems"},
    "audit_entity_options": {"de": "Optionen", "en": "Options"},
    "audit_entity_cost_lines": {"de": "Kosten", "en": "Costs"},
    "audit_entity_assessments": {"de": "Bewertungen", "en": "Assessments"},
    "audit_entity_criteria": {"de": "Kriterien", "en": "Criteria"},
    "audit_entity_scenarios": {"de": "Szenarien", "en": "Scenarios"},
    "audit_entity_stakeholders": {"de": "Gremium", "en": "Committee"},
    # --- scenarios ---------------------------------------------------------------------------
    "page_scenarios": {"de": "Szenarien", "en": "Scenarios"},
    "scen_intro": {
        "de": "Gewichtungen unter einem Namen speichern, wieder laden und nebeneinander vergleichen. Jedes Szenario ist per Link erreichbar (?scenario=…).",
        "en": "Save weightings under a name, load them again and compare them side by side. Every scenario has its own link (?scenario=…).",
    },
    "scen_save_header": {"de": "Aktuelle Gewichtung speichern", "en": "Save the current weighting"},
    "scen_current": {
        "de": "Aktuell: {weights} · Methode: {method}",
        "en": "Current: {weights} · method: {method}",
    },
    "scen_name": {"de": "Name des Szenarios", "en": "Scenario name"},
    "scen_description": {"de": "Beschreibung (optional)", "en": "Description (optional)"},
    "scen_overwrite": {
        "de": "Gleichnamiges Szenario überschreiben",
        "en": "Overwrite a scenario with the same name",
    },
    "scen_save": {"de": "Szenario speichern", "en": "Save scenario"},
    "scen_saved": {
        "de": "Gespeichert: „{name}“ – Link: ?scenario={slug}",
        "en": "Saved: '{name}' – link: ?scenario={slug}",
    },
    "scen_list_header": {"de": "Gespeicherte Szenarien", "en": "Saved scenarios"},
    "scen_none": {"de": "Noch keine Szenarien gespeichert.", "en": "No scenarios saved yet."},
    "scen_col_name": {"de": "Name", "en": "Name"},
    "scen_col_author": {"de": "Von", "en": "By"},
    "scen_col_created": {"de": "Angelegt", "en": "Created"},
    "scen_col_method": {"de": "Methode", "en": "Method"},
    "scen_col_link": {"de": "Link", "en": "Link"},
    "scen_pick": {"de": "Szenario", "en": "Scenario"},
    "scen_load": {"de": "Laden", "en": "Load"},
    "scen_loaded": {
        "de": "Szenario „{name}“ geladen – die Gewichte in der Seitenleiste sind gesetzt.",
        "en": "Scenario '{name}' loaded – the sidebar weights are set.",
    },
    "scen_new_name": {"de": "Neuer Name", "en": "New name"},
    "scen_rename": {"de": "Umbenennen", "en": "Rename"},
    "scen_renamed": {
        "de": "Umbenannt in „{name}“ (der Link bleibt gleich).",
        "en": "Renamed to '{name}' (the link stays the same).",
    },
    "scen_delete": {"de": "Löschen …", "en": "Delete …"},
    "scen_delete_confirm": {
        "de": "Szenario „{name}“ wirklich löschen? Im Änderungsprotokoll lässt sich das rückgängig machen.",
        "en": "Really delete scenario '{name}'? This can be undone in the audit trail.",
    },
    "scen_deleted": {"de": "Gelöscht: „{name}“.", "en": "Deleted: '{name}'."},
    "scen_compare_header": {"de": "Szenarien vergleichen", "en": "Compare scenarios"},
    "scen_compare_pick": {"de": "Szenarien (mindestens zwei)", "en": "Scenarios (at least two)"},
    "scen_compare_current": {"de": "Aktuelle Gewichtung", "en": "Current weighting"},
    "scen_compare_need_two": {
        "de": "Bitte mindestens zwei Szenarien wählen.",
        "en": "Please choose at least two scenarios.",
    },
    "scen_differs": {
        "de": "Die beste Option unterscheidet sich in {count} von {total} Bereichen: {areas}.",
        "en": "The best option differs in {count} of {total} areas: {areas}.",
    },
    "scen_same": {
        "de": "In allen Bereichen liegt unter jedem Szenario dieselbe Option vorn.",
        "en": "In every area the same option comes first under every scenario.",
    },
    "scen_top_header": {"de": "Beste Option je Bereich", "en": "Best option per area"},
    "scen_ranks_header": {"de": "Rangfolge je Bereich", "en": "Ranking per area"},
    "scen_area_differs": {
        "de": "⚠ {area}: beste Option unterscheidet sich",
        "en": "⚠ {area}: best option differs",
    },
    "scen_area_same": {
        "de": "{area}: überall dieselbe beste Option",
        "en": "{area}: same best option everywhere",
    },
    "scen_viewer_note": {
        "de": "Zum Speichern, Umbenennen und Löschen bitte als Redaktion anmelden (Seitenleiste).",
        "en": "Sign in as an editor to save, rename or delete (sidebar).",
    },
    "scen_unknown": {
        "de": "Das Szenario „{slug}“ gibt es nicht (mehr); die übrigen Angaben der Adresse gelten.",
        "en": "The scenario '{slug}' does not exist (any more); the rest of the address applies.",
    },
    "scen_active": {"de": "Geladenes Szenario: {name}", "en": "Loaded scenario: {name}"},
    "profile_unknown_kind": {
        "de": "Unbekannte Profilart „{kind}“.",
        "en": "Unknown profile kind '{kind}'.",
    },
    "profile_not_found": {
        "de": "Das Profil „{slug}“ gibt es nicht (mehr).",
        "en": "The profile '{slug}' does not exist (any more).",
    },
    "profile_slug_taken": {
        "de": "Die Kennung „{slug}“ ist bereits anderweitig vergeben.",
        "en": "The id '{slug}' is already used otherwise.",
    },
    "profile_name_taken": {
        "de": "Der Name „{name}“ ist schon vergeben.",
        "en": "The name '{name}' is already taken.",
    },
    "compare_needs_scenarios": {
        "de": "Zum Vergleich wird mindestens ein Szenario gebraucht.",
        "en": "A comparison needs at least one scenario.",
    },
    # --- committee -----------------------------------------------------------------------------
    "page_committee": {"de": "Gremium", "en": "Committee"},
    "comm_intro": {
        "de": "Mehrere Beteiligte (Fraktionen, Dezernate) geben ihre Gewichte ein – am eigenen Gerät über einen Link oder durch die Moderation. Das Cockpit bildet daraus eine Gruppengewichtung und zeigt, wo die Meinungen auseinandergehen.",
        "en": "Several participants (factions, departments) enter their weights – on their own device via a link, or typed in by the facilitator. The cockpit aggregates them and shows where opinions differ.",
    },
    "comm_entry_header": {
        "de": "Gewichte eines Beteiligten erfassen",
        "en": "Enter a participant's weights",
    },
    "comm_name": {
        "de": "Beteiligte/r (Fraktion, Dezernat, …)",
        "en": "Participant (faction, department, …)",
    },
    "comm_save": {"de": "Gewichte speichern", "en": "Save weights"},
    "comm_saved": {"de": "Gespeichert: {name}.", "en": "Saved: {name}."},
    "comm_links_header": {
        "de": "Links zur Eingabe am eigenen Gerät",
        "en": "Links for entry on one's own device",
    },
    "comm_link_name": {"de": "Name für den Link", "en": "Name for the link"},
    "comm_link_make": {"de": "Link erzeugen", "en": "Create link"},
    "comm_link_text": {
        "de": "Link für {name} (nur an diese Person geben):",
        "en": "Link for {name} (give it to this person only):",
    },
    "comm_link_secret_note": {
        "de": "Ohne „link_secret“ in secrets.toml gelten Links nur bis zum nächsten Neustart der App.",
        "en": "Without 'link_secret' in secrets.toml, links are valid only until the app restarts.",
    },
    "comm_profiles_header": {
        "de": "Erfasste Beteiligte ({count})",
        "en": "Participants entered ({count})",
    },
    "comm_none": {"de": "Noch keine Gewichte erfasst.", "en": "No weights entered yet."},
    "comm_remove_confirm": {
        "de": "Die Gewichte von „{name}“ wirklich entfernen? Im Änderungsprotokoll lässt sich das rückgängig machen.",
        "en": "Really remove the weights of '{name}'? This can be undone in the audit trail.",
    },
    "comm_remove": {"de": "Beteiligte/n entfernen …", "en": "Remove participant …"},
    "comm_mean": {"de": "Mittelung", "en": "Aggregation"},
    "comm_mean_arithmetic": {"de": "Arithmetisches Mittel", "en": "Arithmetic mean"},
    "comm_mean_geometric": {"de": "Geometrisches Mittel", "en": "Geometric mean"},
    "comm_mean_help": {
        "de": "Gemittelt werden die Anteile (Gruppen in %, Unterkriterien in % ihrer Gruppe). Beim geometrischen Mittel wirkt eine 0 eines Beteiligten wie ein Veto.",
        "en": "Shares are averaged (groups in %, sub-criteria in % of their group). With the geometric mean a 0 from one participant acts as a veto.",
    },
    "comm_fallback": {
        "de": "Beim geometrischen Mittel blieb für {levels} nur 0 übrig; dort gilt das arithmetische Mittel.",
        "en": "The geometric mean left only zeros for {levels}; the arithmetic mean is used there.",
    },
    "comm_group_header": {"de": "Gruppenergebnis", "en": "Group result"},
    "comm_group_weights": {"de": "Gruppengewichte: {weights}", "en": "Group weights: {weights}"},
    "comm_use_group": {
        "de": "Gruppengewichtung in die Seitenleiste übernehmen",
        "en": "Use the group weighting in the sidebar",
    },
    "comm_spread_header": {"de": "Spannweite der Gewichte", "en": "Spread of the weights"},
    "comm_col_weight": {"de": "Gewicht", "en": "Weight"},
    "comm_col_min": {"de": "Minimum %", "en": "Minimum %"},
    "comm_col_max": {"de": "Maximum %", "en": "Maximum %"},
    "comm_col_group_value": {"de": "Gruppe %", "en": "Group %"},
    "comm_col_range": {"de": "Spannweite", "en": "Range"},
    "comm_col_min_by": {"de": "Minimum bei", "en": "Minimum by"},
    "comm_col_max_by": {"de": "Maximum bei", "en": "Maximum by"},
    "comm_dissent_header": {
        "de": "Wer sieht eine andere Option vorn?",
        "en": "Who puts a different option first?",
    },
    "comm_dissent_none": {
        "de": "Alle Beteiligten sehen in jedem Bereich dieselbe Option vorn wie die Gruppe.",
        "en": "Every participant puts the group's first option first in every area.",
    },
    "comm_col_stakeholder": {"de": "Beteiligte/r", "en": "Participant"},
    "comm_col_own_top": {"de": "Eigene beste Option", "en": "Own best option"},
    "comm_col_group_top": {"de": "Beste Option der Gruppe", "en": "Group's best option"},
    "comm_participant_title": {"de": "Ihre Gewichtung", "en": "Your weighting"},
    "comm_participant_intro": {
        "de": "Wie wichtig sind Ihnen Kosten, Bürgernutzen und Umsetzbarkeit? Schieben Sie die Regler und speichern Sie. Sie können später erneut speichern; es zählt die letzte Eingabe.",
        "en": "How much do cost, citizen value and feasibility matter to you? Move the sliders and save. You can save again later; the last entry counts.",
    },
    "comm_participant_invalid": {
        "de": "Dieser Link ist ungültig oder unvollständig. Bitte bei der Moderation einen neuen Link anfordern.",
        "en": "This link is invalid or incomplete. Please ask the facilitator for a new link.",
    },
    "comm_participant_saved": {
        "de": "Danke! Ihre Gewichte sind gespeichert.",
        "en": "Thank you! Your weights are saved.",
    },
    "comm_viewer_note": {
        "de": "Zum Erfassen und Entfernen bitte als Redaktion anmelden (Seitenleiste).",
        "en": "Sign in as an editor to enter or remove weights (sidebar).",
    },
    "comm_need_profiles": {
        "de": "Für ein Gruppenergebnis werden Gewichte von mindestens einer beteiligten Person gebraucht.",
        "en": "A group result needs the weights of at least one participant.",
    },
    "aggregate_unknown_mean": {
        "de": "Unbekannte Mittelung „{how}“ (erlaubt: {allowed}).",
        "en": "Unknown mean '{how}' (allowed: {allowed}).",
    },
    "aggregate_no_profiles": {
        "de": "Es gibt keine Gewichte zum Mitteln.",
        "en": "There are no weights to average.",
    },
}
