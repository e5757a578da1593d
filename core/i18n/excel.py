# ruff: noqa: E501 - the catalogue holds whole sentences; wrapping them would hurt readability
"""Catalogue texts of the Excel export, template, import and the Daten page.

Kept in their own module so that the main catalogue stays readable; :mod:`core.i18n` merges
them into ``TEXT`` (and refuses a key defined twice). Same rules: German first, English
second, identical placeholders.
"""

from __future__ import annotations

EXCEL_TEXT: dict[str, dict[str, str]] = {
    # --- sheet names -------------------------------------------------------------------
    "xl_sheet_overview": {"de": "Übersicht", "en": "Overview"},
    "xl_sheet_all_overview": {"de": "Gesamtübersicht", "en": "Summary"},
    "xl_sheet_ranking": {"de": "Ranking", "en": "Ranking"},
    "xl_sheet_model": {"de": "Rechenmodell", "en": "Model"},
    "xl_sheet_assessments": {"de": "Bewertung", "en": "Assessments"},
    "xl_sheet_systems": {"de": "Bestand", "en": "Systems"},
    "xl_sheet_options": {"de": "Optionen", "en": "Options"},
    "xl_sheet_costs": {"de": "Kosten", "en": "Costs"},
    "xl_sheet_scope": {"de": "Importumfang", "en": "Import scope"},
    "xl_sheet_guide": {"de": "Anleitung", "en": "Guide"},
    "xl_sheet_catalogue": {"de": "Kataloge", "en": "Catalogues"},
    # --- data sheet headers (the import format) ------------------------------------------
    "xl_h_system_id": {"de": "Bestand-ID", "en": "System ID"},
    "xl_h_area_id": {"de": "Bereich-ID", "en": "Area ID"},
    "xl_h_area_name": {"de": "Prüfbereich", "en": "Review area"},
    "xl_h_name": {"de": "Name", "en": "Name"},
    "xl_h_kind": {"de": "Art", "en": "Kind"},
    "xl_h_operator": {"de": "Betrieb", "en": "Operator"},
    "xl_h_annual_cost": {"de": "Laufende Kosten p. a. (€)", "en": "Annual cost (€)"},
    "xl_h_reach": {"de": "Reichweite", "en": "Reach"},
    "xl_h_reach_unit": {"de": "Einheit der Reichweite", "en": "Reach unit"},
    "xl_h_in_use_since": {"de": "In Betrieb seit (Jahr)", "en": "In use since (year)"},
    "xl_h_notes": {"de": "Anmerkungen", "en": "Notes"},
    "xl_h_source": {"de": "Quelle", "en": "Source"},
    "xl_h_is_estimate": {"de": "Schätzung", "en": "Estimate"},
    "xl_h_estimate_reason": {"de": "Begründung der Schätzung", "en": "Reason for the estimate"},
    "xl_h_option_id": {"de": "Options-ID", "en": "Option ID"},
    "xl_h_replaces": {"de": "Ersetzt System (Bestand-ID)", "en": "Replaces system (system ID)"},
    "xl_h_pathway": {"de": "Weg", "en": "Pathway"},
    "xl_h_partner": {"de": "Partner", "en": "Partner"},
    "xl_h_description": {"de": "Beschreibung", "en": "Description"},
    "xl_h_cost_id": {"de": "Kosten-ID", "en": "Cost line ID"},
    "xl_h_item": {"de": "Position", "en": "Item"},
    "xl_h_investment": {"de": "Einmalinvestition (€)", "en": "One-off investment (€)"},
    "xl_h_fte": {"de": "Personal (VZÄ)", "en": "Staff (FTE)"},
    "xl_h_option": {"de": "Option", "en": "Option"},
    "xl_h_criterion_id": {"de": "Kriterium-ID", "en": "Criterion ID"},
    "xl_h_criterion": {"de": "Kriterium", "en": "Criterion"},
    "xl_h_value": {"de": "Wert", "en": "Value"},
    "xl_h_unit": {"de": "Einheit", "en": "Unit"},
    "xl_h_direction": {"de": "Richtung", "en": "Direction"},
    "xl_h_rationale": {"de": "Begründung", "en": "Rationale"},
    "xl_h_assessed_on": {"de": "Bewertet am", "en": "Assessed on"},
    # --- overview sheets -----------------------------------------------------------------
    "xl_title_area": {
        "de": "IT-Reorg-Cockpit Mülheim an der Ruhr – {area}",
        "en": "IT Reorg Cockpit Mülheim an der Ruhr – {area}",
    },
    "xl_title_all": {
        "de": "IT-Reorg-Cockpit Mülheim an der Ruhr – alle Prüfbereiche",
        "en": "IT Reorg Cockpit Mülheim an der Ruhr – all review areas",
    },
    "xl_description": {"de": "Prüfauftrag", "en": "Review task"},
    "xl_created": {"de": "Erstellt am", "en": "Created on"},
    "xl_data_version_label": {"de": "Datenstand", "en": "Data version"},
    "xl_npv_label": {"de": "Kosten-Barwert", "en": "Cost NPV"},
    "xl_npv_settings": {
        "de": "{years} Jahre, Diskontsatz {rate}",
        "en": "{years} years, discount rate {rate}",
    },
    "xl_weights_label": {"de": "Gruppengewichte", "en": "Group weights"},
    "xl_motion_label": {"de": "Auftrag", "en": "Mandate"},
    "xl_motion_text": {
        "de": "Antrag A 21/0509-01 (CDU, Bündnis 90/Die Grünen), Wirtschaftsausschuss vom 22.06.2021: Prüfung, ob Eigenentwicklungen in Standardlösungen überführt, Best Practices anderer Kommunen übernommen oder IT-Leistungen über KDN gemeinsam erbracht werden können – im Kontext des Mehrwerts für die Bürgerschaft und der Haushaltslage.",
        "en": "Motion A 21/0509-01 (CDU, Greens), economic committee of 22 June 2021: check whether in-house systems can move to standard products, whether other municipalities' best practices can be adopted, or whether IT can be run jointly through KDN – weighed by the added value for citizens and the budget.",
    },
    "xl_weights_header": {"de": "Verwendete Gewichte", "en": "Weights used"},
    "xl_col_group_weight": {"de": "Gruppengewicht", "en": "Group weight"},
    "xl_sheets_header": {"de": "Blätter dieses Bereichs", "en": "Sheets of this area"},
    "xl_legend_header": {"de": "Legende", "en": "Legend"},
    "xl_legend_overview": {
        "de": "Prüfbereich, Stand, Methode und Gewichte dieses Exports.",
        "en": "Review area, data version, method and weights of this export.",
    },
    "xl_legend_all_overview": {
        "de": "Beste Option je Prüfbereich und Verweise auf die Blätter der Bereiche.",
        "en": "Best option per review area and links to each area's sheets.",
    },
    "xl_legend_ranking": {
        "de": "Rangfolge der Optionen genau wie im Cockpit (Werte), mit Balkendiagramm.",
        "en": "Ranking of the options exactly as in the cockpit (values), with a bar chart.",
    },
    "xl_legend_model": {
        "de": "Nutzwertanalyse mit Formeln: Gewichte, Betrachtungszeitraum und Diskontsatz in den gelben Zellen ändern – Punkte und Ränge rechnen neu.",
        "en": "Weighted sum as formulas: change weights, horizon and rate in the yellow cells – scores and ranks recompute.",
    },
    "xl_legend_assessments": {
        "de": "Alle Bewertungen mit Einheit, Richtung, Begründung, Quelle und Schätzungskennzeichen (Importblatt).",
        "en": "Every assessment with unit, direction, rationale, source and estimate flag (import sheet).",
    },
    "xl_legend_systems": {
        "de": "Heutige Systeme des Bereichs (Importblatt).",
        "en": "Current systems of the area (import sheet).",
    },
    "xl_legend_options": {
        "de": "Optionen mit Weg, Partner und Quelle (Importblatt).",
        "en": "Options with pathway, partner and source (import sheet).",
    },
    "xl_legend_costs": {
        "de": "Kostenpositionen je Option: Investition, laufende Kosten, Personal (Importblatt).",
        "en": "Cost lines per option: investment, annual cost, staff (import sheet).",
    },
    "xl_legend_scope": {
        "de": "Bereiche, die ein Import dieser Datei vollständig ersetzt: in diesen Bereichen gelöschte Zeilen werden entfernt.",
        "en": "Areas an import of this file replaces completely: rows deleted in these areas are removed.",
    },
    "xl_input_sample": {"de": "Eingabe", "en": "Input"},
    "xl_legend_input": {
        "de": "Gelb: Eingabezelle – darf geändert werden.",
        "en": "Yellow: input cell – may be changed.",
    },
    "xl_formula_sample": {"de": "Formel", "en": "Formula"},
    "xl_legend_formula": {
        "de": "Blau: Formel – rechnet aus den Eingaben.",
        "en": "Blue: formula – computed from the inputs.",
    },
    "xl_legend_estimate": {
        "de": "WAHR in der Spalte „Schätzung“: der Wert ist eine begründete Schätzung, die Begründung steht daneben.",
        "en": "TRUE in the column 'Estimate': the value is a reasoned estimate; the reason is next to it.",
    },
    "xl_best_header": {"de": "Beste Option je Prüfbereich", "en": "Best option per review area"},
    "xl_col_annual_change": {
        "de": "Laufende Kosten ggü. Status quo",
        "en": "Annual cost vs status quo",
    },
    "xl_col_npv_change": {
        "de": "Barwert {years} J. ggü. Status quo",
        "en": "NPV {years} yrs vs status quo",
    },
    "xl_col_sheets": {"de": "Blatt", "en": "Sheet"},
    "xl_ranking_title": {"de": "Rangfolge – {area}", "en": "Ranking – {area}"},
    "xl_chart_title": {"de": "Gesamtpunkte", "en": "Total score"},
    # --- Rechenmodell --------------------------------------------------------------------
    "xl_model_title": {
        "de": "Rechenmodell Nutzwertanalyse – {area}",
        "en": "Weighted-sum model – {area}",
    },
    "xl_model_note": {
        "de": "Gelbe Zellen sind Eingaben. Normierung je Kriterium: (x − Min)/(Max − Min), bei Kostenkriterien (Max − x)/(Max − Min); ohne Spannweite 1. Nutzwert = SUMMENPRODUKT(normierte Werte; Endgewichte).",
        "en": "Yellow cells are inputs. Normalisation per criterion: (x − min)/(max − min), for cost criteria (max − x)/(max − min); 1 without spread. Utility = SUMPRODUCT(normalised values, final weights).",
    },
    "xl_model_method_note": {
        "de": "Hinweis: Das Blatt Ranking wurde mit {method} berechnet; dieses Rechenmodell zeigt die Nutzwertanalyse.",
        "en": "Note: the Ranking sheet was computed with {method}; this model shows the weighted sum.",
    },
    "xl_param_horizon": {"de": "Betrachtungszeitraum (Jahre)", "en": "Horizon (years)"},
    "xl_param_rate": {"de": "Diskontsatz", "en": "Discount rate"},
    "xl_param_annuity": {"de": "Rentenbarwertfaktor", "en": "Annuity factor"},
    "xl_group_header": {"de": "Kriteriengruppe", "en": "Criteria group"},
    "xl_weight": {"de": "Gewicht", "en": "Weight"},
    "xl_share": {"de": "Anteil", "en": "Share"},
    "xl_row_group": {"de": "Gruppe", "en": "Group"},
    "xl_row_min": {"de": "Minimum", "en": "Minimum"},
    "xl_row_max": {"de": "Maximum", "en": "Maximum"},
    "xl_row_sub_weight": {"de": "Untergewicht", "en": "Sub-weight"},
    "xl_row_within_share": {"de": "Anteil in der Gruppe", "en": "Share within group"},
    "xl_row_final_weight": {"de": "Endgewicht", "en": "Final weight"},
    "xl_col_invest_sum": {"de": "Einmalinvestition (Summe)", "en": "One-off investment (sum)"},
    "xl_col_annual_sum": {"de": "Laufende Kosten p. a. (Summe)", "en": "Annual cost (sum)"},
    "xl_col_label": {"de": "→ normiert", "en": "→ normalised"},
    "xl_col_normalized": {"de": "{label} (normiert)", "en": "{label} (normalised)"},
    "xl_col_utility": {"de": "Nutzwert (0–1)", "en": "Utility (0–1)"},
    "xl_col_points": {"de": "Punkte", "en": "Points"},
    # --- template --------------------------------------------------------------------------
    "xl_template_title": {
        "de": "Importvorlage IT-Reorg-Cockpit: Bestand, Optionen, Kosten und Bewertungen",
        "en": "Import template IT Reorg Cockpit: systems, options, costs and assessments",
    },
    "xl_guide_1": {
        "de": "Tragen Sie Daten in die Blätter Bestand, Optionen, Kosten und Bewertung ein – eine Zeile je Eintrag, die Kopfzeile bleibt unverändert.",
        "en": "Enter data on the sheets Systems, Options, Costs and Assessments – one row per entry; keep the header row.",
    },
    "xl_guide_2": {
        "de": "IDs sind Kurzbezeichnungen aus Kleinbuchstaben, Ziffern und Bindestrichen (z. B. ozg-serviceportal). Gültige Bereichs- und Kriterien-IDs stehen im Blatt Kataloge.",
        "en": "IDs are short names of lower-case letters, digits and hyphens (e.g. ozg-serviceportal). Valid area and criterion IDs are on the sheet Catalogues.",
    },
    "xl_guide_3": {
        "de": "Eine Zeile mit vorhandener ID ersetzt den gespeicherten Eintrag, eine neue ID fügt ihn hinzu. Kostenzeilen ohne Kosten-ID werden neu angelegt.",
        "en": "A row with an existing ID replaces the stored entry; a new ID adds one. Cost lines without a cost line ID are added.",
    },
    "xl_guide_4": {
        "de": "Jede Option braucht eine Bewertung für jedes Kriterium, das nicht aus den Kosten berechnet wird; der Wert muss im Wertebereich des Kriteriums liegen.",
        "en": "Every option needs an assessment for each criterion not computed from costs; the value must lie within the criterion's range.",
    },
    "xl_guide_5": {
        "de": "Jede Zahl nennt eine Quelle oder ist als Schätzung (WAHR) mit Begründung gekennzeichnet. Kosten sind nie negativ.",
        "en": "Every figure cites a source or is flagged as an estimate (TRUE) with a reason. Costs are never negative.",
    },
    "xl_guide_6": {
        "de": "Zahlen als Zahlen eintragen, nicht als Text; Formeln sind in Datenzellen nicht erlaubt.",
        "en": "Enter numbers as numbers, not as text; formulas are not allowed in data cells.",
    },
    "xl_guide_7": {
        "de": "Im Blatt Importumfang eingetragene Bereiche werden vollständig ersetzt: was dort fehlt, wird entfernt. Ohne Eintrag ergänzt und ändert der Import nur.",
        "en": "Areas listed on the sheet Import scope are replaced completely: what is missing is removed. Without an entry the import only adds and changes.",
    },
    "xl_guide_8": {
        "de": "Hochladen auf der Seite „Daten“ (Schalter „Bearbeiten“) oder: python -m core import DATEI.xlsx --dry-run. Zuerst wird alles geprüft und eine Vorschau gezeigt; übernommen wird nur eine fehlerfreie Datei, in einem Schritt.",
        "en": "Upload on the page 'Data' (switch 'Edit') or: python -m core import FILE.xlsx --dry-run. Everything is checked first and previewed; only a file without errors is applied, in one step.",
    },
    "xl_guide_9": {
        "de": "Auch jede Excel-Datei, die das Cockpit exportiert, ist eine gültige Vorlage.",
        "en": "Every workbook the cockpit exports is a valid template as well.",
    },
    "xl_catalogue_areas": {"de": "Prüfbereiche", "en": "Review areas"},
    "xl_catalogue_criteria": {"de": "Kriterien", "en": "Criteria"},
    "xl_catalogue_pathways": {"de": "Wege", "en": "Pathways"},
    "xl_catalogue_kinds": {"de": "Arten von Systemen", "en": "Kinds of systems"},
    "xl_min": {"de": "Minimum", "en": "Minimum"},
    "xl_max": {"de": "Maximum", "en": "Maximum"},
    "xl_note": {"de": "Hinweis", "en": "Note"},
    "xl_meaning": {"de": "Bedeutung", "en": "Meaning"},
    "xl_derived": {
        "de": "aus den Kosten berechnet – nicht bewerten",
        "en": "computed from costs – do not assess",
    },
    # --- import: where ---------------------------------------------------------------------
    "import_at_sheet": {"de": "Blatt „{sheet}“", "en": "sheet '{sheet}'"},
    "import_at_row": {"de": "Zeile {row}", "en": "row {row}"},
    "import_at_column": {"de": "Spalte {column}", "en": "column {column}"},
    # --- import: the file -----------------------------------------------------------------
    "import_empty_file": {"de": "Die Datei ist leer.", "en": "The file is empty."},
    "import_file_too_large": {
        "de": "Die Datei ist zu groß (höchstens {limit} MB).",
        "en": "The file is too large (at most {limit} MB).",
    },
    "import_not_xlsx": {
        "de": "Die Datei ist keine Excel-Arbeitsmappe (.xlsx). Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern – CSV- und alte .xls-Dateien werden nicht gelesen.",
        "en": "The file is not an Excel workbook (.xlsx). Please save it in Excel as 'Excel Workbook (*.xlsx)' – CSV and old .xls files are not read.",
    },
    "import_encrypted": {
        "de": "Die Datei ist verschlüsselt oder kennwortgeschützt; bitte ohne Kennwort speichern.",
        "en": "The file is encrypted or password-protected; please save it without a password.",
    },
    "import_zip_bomb": {
        "de": "Die Datei wird nicht gelesen: ihr Inhalt wäre entpackt unverhältnismäßig groß ({detail}).",
        "en": "The file is not read: unpacked, its content would be disproportionately large ({detail}).",
    },
    "import_bad_xml": {
        "de": "Die Datei ist beschädigt oder enthält unzulässige Inhalte ({part}).",
        "en": "The file is damaged or has disallowed content ({part}).",
    },
    "import_too_many_rows": {
        "de": "Zu viele Zeilen: ein Blatt darf höchstens {limit} Zeilen haben.",
        "en": "Too many rows: a sheet may have at most {limit} rows.",
    },
    "import_missing_sheet": {
        "de": "Das Blatt „{sheet}“ fehlt. Bitte die Vorlage oder einen Export des Cockpits verwenden.",
        "en": "The sheet '{sheet}' is missing. Please use the template or an export of the cockpit.",
    },
    "import_missing_column": {
        "de": "Die Pflichtspalte fehlt in der Kopfzeile.",
        "en": "The required column is missing from the header row.",
    },
    "import_duplicate_column": {
        "de": "Die Spalte kommt in der Kopfzeile doppelt vor.",
        "en": "The column appears twice in the header row.",
    },
    "import_no_rows": {
        "de": "Die Datei enthält keine Datenzeilen – es gibt nichts zu übernehmen.",
        "en": "The file has no data rows – there is nothing to import.",
    },
    # --- import: cells --------------------------------------------------------------------
    "import_required": {"de": "Pflichtfeld ist leer.", "en": "Required field is empty."},
    "import_formula": {
        "de": "Formel statt Wert: Datenzellen dürfen keine Formeln enthalten (bitte als Wert einfügen).",
        "en": "Formula instead of a value: data cells must not contain formulas (paste as values).",
    },
    "import_error_value": {
        "de": "Fehlerwert {value} statt eines Werts.",
        "en": "Error value {value} instead of a value.",
    },
    "import_bad_id": {
        "de": "Ungültige ID „{value}“: nur Kleinbuchstaben, Ziffern und Bindestriche (Kriterien: Unterstriche).",
        "en": "Invalid ID '{value}': lower-case letters, digits and hyphens only (criteria: underscores).",
    },
    "import_bad_choice": {
        "de": "Unbekannter Wert „{value}“ (erlaubt: {allowed}).",
        "en": "Unknown value '{value}' (allowed: {allowed}).",
    },
    "import_bad_bool": {
        "de": "„{value}“ ist kein Ja/Nein-Wert (erlaubt: WAHR/FALSCH, ja/nein).",
        "en": "'{value}' is not a yes/no value (allowed: TRUE/FALSE, yes/no).",
    },
    "import_not_number": {
        "de": "Zahl erwartet, gefunden: „{value}“ (Text). Bitte als Zahl eintragen.",
        "en": "Number expected, found: '{value}' (text). Please enter a number.",
    },
    "import_not_integer": {
        "de": "Ganze Zahl erwartet, gefunden: {value}.",
        "en": "Whole number expected, found: {value}.",
    },
    "import_below_minimum": {
        "de": "Der Wert {value} ist zu klein (mindestens {minimum}); Kosten dürfen nicht negativ sein.",
        "en": "The value {value} is too small (at least {minimum}); costs must not be negative.",
    },
    "import_column_range": {
        "de": "Der Wert {value} liegt außerhalb von {minimum} bis {maximum}.",
        "en": "The value {value} is outside {minimum} to {maximum}.",
    },
    "import_bad_date": {
        "de": "Ungültiges Datum „{value}“ (TT.MM.JJJJ).",
        "en": "Invalid date '{value}' (DD.MM.YYYY).",
    },
    # --- import: rows and references -------------------------------------------------------
    "import_duplicate_id": {
        "de": "Doppelte ID „{value}“ (schon in {first}).",
        "en": "Duplicate ID '{value}' (already in {first}).",
    },
    "import_duplicate_option_name_file": {
        "de": "Doppelte Option „{value}“ im selben Bereich (schon in {first}).",
        "en": "Duplicate option '{value}' in the same area (already in {first}).",
    },
    "import_duplicate_option_name": {
        "de": "Im Bereich „{area}“ gibt es die Option „{name}“ bereits.",
        "en": "The area '{area}' already has an option '{name}'.",
    },
    "import_duplicate_assessment": {
        "de": "Doppelte Bewertung „{value}“ (schon in {first}).",
        "en": "Duplicate assessment '{value}' (already in {first}).",
    },
    "import_unknown_area": {
        "de": "Unbekannter Prüfbereich „{area}“ (vorhanden: {allowed}).",
        "en": "Unknown review area '{area}' (available: {allowed}).",
    },
    "import_unknown_criterion": {
        "de": "Unbekanntes Kriterium „{criterion}“ (siehe Blatt Kataloge).",
        "en": "Unknown criterion '{criterion}' (see the sheet Catalogues).",
    },
    "import_derived_criterion": {
        "de": "„{criterion}“ wird aus den Kostenpositionen berechnet und kann nicht bewertet werden – bitte im Blatt Kosten ändern.",
        "en": "'{criterion}' is computed from the cost lines and cannot be assessed – please change the sheet Costs.",
    },
    "import_out_of_range": {
        "de": "Der Wert {value} liegt außerhalb des Wertebereichs von „{criterion}“ ({minimum} bis {maximum}).",
        "en": "The value {value} is outside the range of '{criterion}' ({minimum} to {maximum}).",
    },
    "import_unit_mismatch": {
        "de": "Einheit „{found}“ passt nicht zu „{criterion}“ (erwartet: {expected}).",
        "en": "Unit '{found}' does not match '{criterion}' (expected: {expected}).",
    },
    "import_direction_mismatch": {
        "de": "Die Richtung „{found}“ passt nicht zu „{criterion}“; sie ist im Kriterienkatalog festgelegt.",
        "en": "The direction '{found}' does not match '{criterion}'; it is fixed in the criteria catalogue.",
    },
    "import_honesty": {
        "de": "Quelle fehlt: bitte eine Quelle nennen oder „Schätzung“ auf WAHR setzen und begründen.",
        "en": "Source missing: please cite a source or set 'Estimate' to TRUE and give a reason.",
    },
    "import_unknown_system": {
        "de": "Das ersetzte System „{system}“ gibt es nicht (Blatt Bestand).",
        "en": "The replaced system '{system}' does not exist (sheet Systems).",
    },
    "import_system_still_used": {
        "de": "Das System „{system}“ würde entfernt, wird aber noch von Option „{option}“ ersetzt.",
        "en": "The system '{system}' would be removed but option '{option}' still replaces it.",
    },
    "import_unknown_option": {
        "de": "Unbekannte Option „{option}“ (nicht im Blatt Optionen und nicht gespeichert).",
        "en": "Unknown option '{option}' (neither on the sheet Options nor stored).",
    },
    "import_missing_assessment": {
        "de": "Für Option „{option}“ fehlen Bewertungen: {criteria}.",
        "en": "Option '{option}' lacks assessments: {criteria}.",
    },
    # --- import: applying -------------------------------------------------------------------
    "import_not_valid": {
        "de": "Die Datei hat {count} Fehler und wird nicht übernommen.",
        "en": "The file has {count} errors and is not imported.",
    },
    "import_user_missing": {
        "de": "Bitte Ihren Namen für das Importprotokoll angeben.",
        "en": "Please give your name for the import log.",
    },
    "import_stale": {
        "de": "Der Datenbestand wurde seit der Prüfung geändert. Bitte die Datei erneut prüfen.",
        "en": "The data changed since the check. Please check the file again.",
    },
    "import_failed": {
        "de": "Der Import wurde vollständig zurückgerollt, nichts wurde geändert: {error}",
        "en": "The import was rolled back completely; nothing changed: {error}",
    },
    "import_nothing_to_do": {
        "de": "Die Datei stimmt mit dem gespeicherten Stand überein – nichts zu ändern.",
        "en": "The file matches the stored data – nothing to change.",
    },
    "import_applied": {
        "de": "Import übernommen: {added} hinzugefügt, {changed} geändert, {removed} entfernt. Datenstand {version}.",
        "en": "Import applied: {added} added, {changed} changed, {removed} removed. Data version {version}.",
    },
    "import_preview": {
        "de": "Vorschau: {added} hinzufügen, {changed} ändern, {removed} entfernen.",
        "en": "Preview: {added} to add, {changed} to change, {removed} to remove.",
    },
    "import_errors_header": {
        "de": "{count} Fehler – die Datei wird nicht übernommen:",
        "en": "{count} errors – the file is not imported:",
    },
    "import_dry_run": {
        "de": "Probelauf: nichts wurde geändert.",
        "en": "Dry run: nothing was changed.",
    },
    "export_written": {"de": "Geschrieben: {path}", "en": "Written: {path}"},
    "export_area_or_all": {
        "de": "Bitte --area BEREICH oder --all angeben.",
        "en": "Please give --area AREA or --all.",
    },
    # --- Daten page ---------------------------------------------------------------------------
    "page_data": {"de": "Daten", "en": "Data"},
    "data_intro": {
        "de": "Daten als Excel herunterladen, in Excel bearbeiten und wieder hochladen. Jede Datei wird zuerst vollständig geprüft; übernommen wird sie nur fehlerfrei und in einem Schritt.",
        "en": "Download data as Excel, edit it in Excel and upload it again. Every file is checked completely first; it is applied only without errors, in one step.",
    },
    "data_edit_toggle": {"de": "Bearbeiten", "en": "Edit"},
    "data_edit_help": {
        "de": "Schaltet das Hochladen frei. Änderungen werden mit Ihrem Namen protokolliert.",
        "en": "Enables uploads. Changes are logged with your name.",
    },
    "data_read_only": {
        "de": "Zum Hochladen bitte oben „Bearbeiten“ einschalten.",
        "en": "To upload, please switch on 'Edit' above.",
    },
    "data_downloads": {"de": "Herunterladen", "en": "Download"},
    "data_template": {"de": "Leere Importvorlage (.xlsx)", "en": "Empty import template (.xlsx)"},
    "data_upload": {"de": "Excel-Datei hochladen", "en": "Upload an Excel file"},
    "data_apply": {"de": "Änderungen übernehmen", "en": "Apply changes"},
    "data_checked": {
        "de": "Datei „{name}“ geprüft: keine Fehler.",
        "en": "File '{name}' checked: no errors.",
    },
    "data_col_sheet": {"de": "Blatt", "en": "Sheet"},
    "data_col_row": {"de": "Zeile", "en": "Row"},
    "data_col_column": {"de": "Spalte", "en": "Column"},
    "data_col_message": {"de": "Meldung", "en": "Message"},
    "data_col_table": {"de": "Tabelle", "en": "Table"},
    "data_col_action": {"de": "Änderung", "en": "Change"},
    "data_col_key": {"de": "ID", "en": "ID"},
    "data_col_label": {"de": "Bezeichnung", "en": "Label"},
    "data_col_fields": {"de": "Geänderte Felder", "en": "Changed fields"},
    "data_action_added": {"de": "hinzugefügt", "en": "added"},
    "data_action_changed": {"de": "geändert", "en": "changed"},
    "data_action_removed": {"de": "entfernt", "en": "removed"},
    "data_scope": {
        "de": "Vollständig ersetzt werden die Bereiche: {areas}.",
        "en": "Replaced completely: {areas}.",
    },
    "data_log": {"de": "Importprotokoll", "en": "Import log"},
    "data_log_empty": {"de": "Noch keine Importe.", "en": "No imports yet."},
    "data_log_when": {"de": "Zeitpunkt", "en": "When"},
    "data_log_who": {"de": "Wer", "en": "Who"},
    "data_log_file": {"de": "Datei", "en": "File"},
    "data_log_areas": {"de": "Ersetzte Bereiche", "en": "Replaced areas"},
    "data_log_version": {"de": "Datenstand", "en": "Data version"},
    "data_unexpected": {
        "de": "Die Datei konnte nicht verarbeitet werden ({kind}). Es wurde nichts geändert.",
        "en": "The file could not be processed ({kind}). Nothing was changed.",
    },
    "download_area": {"de": "Excel-Export dieses Bereichs", "en": "Excel export of this area"},
    "download_all": {"de": "Excel-Export aller Bereiche", "en": "Excel export of all areas"},
    "download_help": {
        "de": "Mit den aktuellen Gewichten und der gewählten Methode; das Rechenmodell rechnet in Excel live.",
        "en": "With the current weights and method; the model recalculates live in Excel.",
    },
}
