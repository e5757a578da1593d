"""The text catalogue: every user-facing string, German first, English second.

Keys are English identifiers; values hold the German (``de``) and English (``en``) text.
``t(key, lang, **params)`` formats with ``str.format``. A missing English text falls back
to German; a missing key raises ``KeyError`` so tests catch typos.
"""

from __future__ import annotations

from typing import Any

from core.i18n.analysis import ANALYSIS_TEXT
from core.i18n.editing import EDITING_TEXT
from core.i18n.excel import EXCEL_TEXT

LANGUAGES = ("de", "en")

TEXT: dict[str, dict[str, str]] = {
    # --- UI: app frame ------------------------------------------------------------
    "app_title": {
        "de": "IT-Reorg-Cockpit Mülheim an der Ruhr",
        "en": "IT Reorg Cockpit Mülheim an der Ruhr",
    },
    "page_overview": {"de": "Übersicht", "en": "Overview"},
    "page_area": {"de": "Bereich", "en": "Review area"},
    "page_method": {"de": "Methodik & Quellen", "en": "Method & sources"},
    "language": {"de": "Sprache / Language", "en": "Sprache / Language"},
    "data_stand": {
        "de": "Datenstand {version} vom {date}",
        "en": "Data version {version} of {date}",
    },
    "honesty_note": {
        "de": "Beispieldaten: {estimates} von {total} Bewertungen sind Schätzungen (mit Begründung); alle übrigen Werte nennen ihre Quelle. Details unter „Methodik & Quellen“.",
        "en": "Example data: {estimates} of {total} assessments are estimates (with a reason); all other values cite a source. See 'Method & sources'.",
    },
    "bad_params": {
        "de": "Einige Angaben in der Adresse waren ungültig und wurden durch Standardwerte ersetzt: {params}.",
        "en": "Some values in the address were invalid and were replaced by defaults: {params}.",
    },
    "param_weight": {"de": "Gewicht {group}", "en": "weight {group}"},
    "param_sub_weight": {"de": "Unterkriterium {criterion}", "en": "sub-criterion {criterion}"},
    "param_method": {"de": "Methode", "en": "method"},
    "param_area": {"de": "Bereich", "en": "review area"},
    "param_lang": {"de": "Sprache", "en": "language"},
    "param_present": {"de": "Präsentationsmodus", "en": "presentation mode"},
    "param_scenario": {"de": "Szenario", "en": "scenario"},
    "weights_error": {
        "de": "Die Gewichtung ist ungültig ({detail}). Es werden die Standardgewichte verwendet.",
        "en": "The weighting is invalid ({detail}). Default weights are used.",
    },
    # --- UI: weights panel --------------------------------------------------------
    "weights_header": {"de": "Gewichtung", "en": "Weighting"},
    "group_cost": {"de": "Kosten", "en": "Cost"},
    "group_citizen_value": {"de": "Bürgernutzen", "en": "Citizen value"},
    "group_feasibility": {"de": "Umsetzbarkeit", "en": "Feasibility"},
    "group_share": {"de": "{label}: {share}", "en": "{label}: {share}"},
    "presets": {"de": "Voreinstellungen", "en": "Presets"},
    "sub_weights": {"de": "Unterkriterien gewichten", "en": "Sub-criteria weights"},
    "sub_weights_changed": {
        "de": "Unterkriterien: {count} Gewicht(e) weichen von der Vorgabe ab.",
        "en": "Sub-criteria: {count} weight(s) differ from the defaults.",
    },
    "reset": {"de": "Zurücksetzen", "en": "Reset"},
    "method": {"de": "Bewertungsmethode", "en": "Scoring method"},
    "method_wsm": {"de": "Nutzwertanalyse", "en": "Weighted sum (WSM)"},
    "method_topsis": {"de": "TOPSIS", "en": "TOPSIS"},
    "method_promethee2": {"de": "PROMETHEE II", "en": "PROMETHEE II"},
    "method_help": {
        "de": "Nutzwertanalyse (gewichtete Summe), TOPSIS oder PROMETHEE II – Einzelheiten unter „Methodik & Quellen“.",
        "en": "Weighted sum (WSM, German: Nutzwertanalyse), TOPSIS or PROMETHEE II – details under 'Method & sources'.",
    },
    "sub_all_zero": {
        "de": "Alle Unterkriterien von „{group}“ stehen auf 0 – bitte mindestens eines gewichten.",
        "en": "All sub-criteria of '{group}' are 0 – please weight at least one.",
    },
    # --- UI: pathways and kinds -----------------------------------------------------
    "pathway_status_quo": {"de": "Status quo", "en": "Status quo"},
    "pathway_standard": {"de": "Standardlösung", "en": "Standard product"},
    "pathway_best_practice": {"de": "Best Practice", "en": "Best practice"},
    "pathway_joint_kdn": {"de": "Gemeinsam (KDN/regional)", "en": "Joint (KDN/regional)"},
    "kind_in_house": {"de": "Eigenentwicklung/-betrieb", "en": "In-house"},
    "kind_standard": {"de": "Standardprodukt", "en": "Standard product"},
    "kind_saas": {"de": "SaaS / Plattform", "en": "SaaS / platform"},
    "kind_shared": {"de": "Gemeinsamer Betrieb", "en": "Shared operation"},
    # --- UI: Bereich page -----------------------------------------------------------
    "choose_area": {"de": "Prüfbereich", "en": "Review area"},
    "current_systems": {"de": "Bestand: heutige Systeme", "en": "Current systems"},
    "no_systems": {
        "de": "Für diesen Bereich ist kein System im Bestand erfasst.",
        "en": "No current system is recorded for this area.",
    },
    "ranking": {"de": "Rangfolge der Optionen", "en": "Ranking of options"},
    "no_options": {
        "de": "Für diesen Bereich sind keine Optionen erfasst.",
        "en": "No options are recorded for this area.",
    },
    "col_rank": {"de": "Rang", "en": "Rank"},
    "col_option": {"de": "Option", "en": "Option"},
    "col_pathway": {"de": "Weg", "en": "Pathway"},
    "col_partner": {"de": "Partner", "en": "Partner"},
    "col_score": {"de": "Gesamtpunkte", "en": "Total score"},
    "col_score_netflow": {"de": "Nettofluss × 100", "en": "Net flow × 100"},
    "col_npv": {"de": "Kosten-Barwert {years} J.", "en": "Cost NPV {years} yrs"},
    "col_investment": {"de": "Einmalinvestition", "en": "One-off investment"},
    "col_annual": {"de": "Laufende Kosten p. a.", "en": "Annual cost"},
    # Short headers of the dashboard's narrow tables; the full header is the tooltip.
    "col_score_short": {"de": "Gesamt", "en": "Total"},
    "col_score_netflow_short": {"de": "Nettofluss", "en": "Net flow"},
    "group_cost_short": {"de": "Kosten", "en": "Cost"},
    "group_citizen_value_short": {"de": "Nutzen", "en": "Value"},
    "group_feasibility_short": {"de": "Umsetzb.", "en": "Feasibility"},
    "col_npv_short": {"de": "Barwert {years} J.", "en": "NPV {years} yrs"},
    "col_investment_short": {"de": "Investition", "en": "Investment"},
    "col_annual_short": {"de": "Laufend p. a.", "en": "Annual"},
    "col_name": {"de": "Name", "en": "Name"},
    "col_kind": {"de": "Art", "en": "Kind"},
    "col_operator": {"de": "Betrieb", "en": "Operator"},
    "col_reach": {"de": "Reichweite", "en": "Reach"},
    "col_since": {"de": "Seit", "en": "Since"},
    "col_notes": {"de": "Anmerkungen", "en": "Notes"},
    "col_source": {"de": "Quelle", "en": "Source"},
    "col_criterion": {"de": "Kriterium", "en": "Criterion"},
    "col_value": {"de": "Wert", "en": "Value"},
    "col_unit": {"de": "Einheit", "en": "Unit"},
    "col_rationale": {"de": "Begründung", "en": "Rationale"},
    "col_estimate": {"de": "Schätzung", "en": "Estimate"},
    "estimate_marker": {"de": "Schätzung", "en": "Estimate"},
    "sourced_marker": {"de": "belegt", "en": "sourced"},
    "chart_scores_title": {
        "de": "Gesamtpunkte nach Beitrag der Kriteriengruppen",
        "en": "Total score by criteria group contribution",
    },
    "chart_scores_title_netflow": {
        "de": "Nettofluss nach Beitrag der Kriteriengruppen",
        "en": "Net flow by criteria group contribution",
    },
    "chart_points": {"de": "Punkte (von 100)", "en": "Points (of 100)"},
    "chart_points_netflow": {"de": "Nettofluss × 100", "en": "Net flow × 100"},
    "chart_group": {"de": "Kriteriengruppe", "en": "Criteria group"},
    "chart_scatter_title": {"de": "Kosten gegen Bürgernutzen", "en": "Cost versus citizen value"},
    "chart_cost_axis": {
        "de": "Kosten-Barwert {years} Jahre (€)",
        "en": "Cost NPV {years} years (€)",
    },
    "chart_value_axis": {
        "de": "Bürgernutzen relativ (0–100)",
        "en": "Citizen value, relative (0–100)",
    },
    "chart_size": {"de": "Umsetzbarkeit", "en": "Feasibility"},
    "chart_frontier": {"de": "effizient", "en": "efficient"},
    "scatter_caption": {
        "de": "Gestrichelte Linie und Ring: effiziente Optionen – keine andere Option ist zugleich günstiger und nützlicher. Größe: Umsetzbarkeit; Farbe und Form: Weg. Der Bürgernutzen ist hier relativ: 0 = schwächste, 100 = beste Option des Bereichs (die WiBe-Tabelle unter „Sensitivität“ misst ihn dagegen absolut an den Wertebereichen des Katalogs).",
        "en": "Dashed line and ring: efficient options – no other option is both cheaper and more useful. Size: feasibility; colour and shape: pathway. Citizen value is relative here: 0 = the area's weakest, 100 = its best option (the WiBe table under 'Sensitivity' measures it absolutely, against the catalogue's value ranges).",
    },
    "efficient_list": {"de": "Effiziente Optionen: {names}.", "en": "Efficient options: {names}."},
    "efficient_not_top": {
        "de": "„{option}“ steht vorn, liegt aber nicht auf der Effizienzgrenze: Die Grenze vergleicht nur den Kosten-Barwert mit dem Bürgernutzen, die Rangfolge wiegt alle Kriterien (auch Umsetzbarkeit, Investition und Personal) nach den gewählten Gewichten.",
        "en": "'{option}' ranks first but is not on the efficiency frontier: the frontier compares only the cost NPV with citizen value, while the ranking weighs every criterion (feasibility, investment and staff too) by the chosen weights.",
    },
    "choose_option": {"de": "Option", "en": "Option"},
    "option_details": {"de": "Bewertungen im Einzelnen", "en": "Assessments in detail"},
    "cost_lines": {"de": "Kostenpositionen", "en": "Cost lines"},
    "col_item": {"de": "Position", "en": "Item"},
    "col_fte": {"de": "VZÄ", "en": "FTE"},
    "chart_alt_ranking": {
        "de": "Rangfolge als Text: {items}.",
        "en": "Ranking as text: {items}.",
    },
    "recommendation": {
        "de": "Empfehlung: **{option}** ({pathway}) mit {score} Punkten, {lead} Punkte vor „{runner_up}“.",
        "en": "Recommendation: **{option}** ({pathway}) with {score} points, {lead} points ahead of '{runner_up}'.",
    },
    "recommendation_netflow": {
        "de": "Empfehlung: **{option}** ({pathway}) mit einem Nettofluss von {score} (× 100), {lead} vor „{runner_up}“.",
        "en": "Recommendation: **{option}** ({pathway}) with a net flow of {score} (× 100), {lead} ahead of '{runner_up}'.",
    },
    "recommendation_tie_netflow": {
        "de": "Gleichstand: **{option}** und „{runner_up}“ liegen mit einem Nettofluss von {score} (× 100) gleichauf.",
        "en": "Tie: **{option}** and '{runner_up}' share the top with a net flow of {score} (× 100).",
    },
    "recommendation_tie": {
        "de": "Gleichstand: **{option}** und „{runner_up}“ liegen mit {score} Punkten gleichauf.",
        "en": "Tie: **{option}** and '{runner_up}' share the top with {score} points.",
    },
    "recommendation_single": {
        "de": "Einzige Option: **{option}** ({pathway}).",
        "en": "Only option: **{option}** ({pathway}).",
    },
    # --- UI: Übersicht --------------------------------------------------------------
    "overview_intro": {
        "de": "Beste Option je Prüfbereich unter der aktuellen Gewichtung, mit Vorsprung und Kostenwirkung gegenüber dem Status quo.",
        "en": "Best option per review area under the current weighting, with its lead and cost effect against the status quo.",
    },
    "card_lead": {
        "de": "Vorsprung {lead} Punkte vor „{runner_up}“",
        "en": "Lead {lead} points over '{runner_up}'",
    },
    "card_lead_netflow": {
        "de": "Vorsprung {lead} (Nettofluss × 100) vor „{runner_up}“",
        "en": "Lead {lead} (net flow × 100) over '{runner_up}'",
    },
    "card_tie": {"de": "Gleichstand mit „{runner_up}“", "en": "Tied with '{runner_up}'"},
    "card_annual": {
        "de": "Laufende Kosten ggü. Status quo: {value} p. a.",
        "en": "Annual cost vs status quo: {value} p.a.",
    },
    "cost_cheaper": {"de": "{value} (günstiger)", "en": "{value} (cheaper)"},
    "cost_dearer": {"de": "{value} (teurer)", "en": "{value} (more expensive)"},
    "cost_same": {"de": "{value} (gleich)", "en": "{value} (same)"},
    "cost_sign_hint": {
        "de": "Kostenänderungen gegenüber dem Status quo: minus heißt günstiger, plus heißt teurer.",
        "en": "Cost changes against the status quo: minus means cheaper, plus means more expensive.",
    },
    "card_npv": {
        "de": "Kosten-Barwert {years} J. ggü. Status quo: {value}",
        "en": "Cost NPV {years} yrs vs status quo: {value}",
    },
    "card_open": {"de": "Bereich öffnen", "en": "Open area"},
    "totals_header": {
        "de": "Summen über alle Bereiche (jeweils beste Option)",
        "en": "Totals across areas (best option each)",
    },
    "total_investment": {"de": "Einmalinvestition gesamt", "en": "Total one-off investment"},
    "total_annual_change": {
        "de": "Laufende Kosten ggü. Status quo p. a. (− = günstiger)",
        "en": "Annual cost change vs status quo (− = cheaper)",
    },
    "total_npv_change": {
        "de": "Kosten-Barwert {years} J. ggü. Status quo (− = günstiger)",
        "en": "Cost NPV {years} yrs vs status quo (− = cheaper)",
    },
    "heatmap_title": {
        "de": "Beste Punktzahl je Bereich und Weg",
        "en": "Best score per area and pathway",
    },
    "heatmap_x": {"de": "Weg", "en": "Pathway"},
    "heatmap_y": {"de": "Prüfbereich", "en": "Review area"},
    "heatmap_value": {"de": "Punkte", "en": "Points"},
    "heatmap_title_netflow": {
        "de": "Bester Nettofluss (× 100) je Bereich und Weg",
        "en": "Best net flow (× 100) per area and pathway",
    },
    "heatmap_value_netflow": {"de": "Nettofluss × 100", "en": "Net flow × 100"},
    "heatmap_alt": {
        "de": "Die Heatmap zeigt je Bereich und Weg die beste Punktzahl; dieselben Werte stehen in der Tabelle darunter.",
        "en": "The heatmap shows the best score per area and pathway; the table below holds the same values.",
    },
    "col_area": {"de": "Prüfbereich", "en": "Review area"},
    "col_best": {"de": "Beste Option", "en": "Best option"},
    "col_lead": {"de": "Vorsprung", "en": "Lead"},
    # --- UI: Methodik ---------------------------------------------------------------
    "method_motion_header": {"de": "Der Auftrag", "en": "The mandate"},
    "method_scoring_header": {"de": "So entstehen die Punkte", "en": "How the scores are computed"},
    "method_sources_header": {"de": "Quellen", "en": "Sources"},
    "method_data_header": {"de": "Datenstand", "en": "Data version"},
    "criteria_catalogue": {"de": "Kriterienkatalog", "en": "Criteria catalogue"},
    "col_group": {"de": "Gruppe", "en": "Group"},
    "col_direction": {"de": "Richtung", "en": "Direction"},
    "col_range": {"de": "Wertebereich", "en": "Range"},
    "col_default_weight": {"de": "Standardgewicht", "en": "Default weight"},
    "col_used_in": {"de": "Verwendet in", "en": "Used in"},
    "col_citations": {"de": "Nennungen", "en": "Citations"},
    "direction_benefit": {"de": "je mehr, desto besser", "en": "more is better"},
    "direction_cost": {"de": "je weniger, desto besser", "en": "less is better"},
    "method_motion_text": {
        "de": """Der Wirtschaftsausschuss hat am 22.06.2021 über den Antrag **A 21/0509-01** der Fraktionen von CDU und Bündnis 90/Die Grünen beraten. Die Verwaltung soll prüfen,

- ob sich vorhandene städtische **Eigenentwicklungen in Standard-Lösungen** überführen lassen,
- ob es für Bürger-Service-Bereiche **Best Practices aus anderen Kommunen** gibt, die sich übernehmen lassen,
- ob sich über die Mitgliedschaft im **KDN** (Dachverband Kommunaler IT-Dienstleister) IT-Betriebsleistungen **gemeinsam mit anderen Kommunen** umsetzen lassen,

und zwar für sechs Bereiche: städtische Homepage inkl. Bürgerinteraktion, Umsetzung des OZG, Social Media, eine mögliche städtische App, Open Data sowie Geoinformationssysteme/Geoportale. Die Ergebnisse sollen in den Kontext des **Mehrwerts für die Bürgerschaft** gestellt werden – vor dem Hintergrund der angespannten Haushaltslage.""",
        "en": """On 22 June 2021 the economic committee discussed motion **A 21/0509-01** (CDU and Greens). The administration is to check

- whether in-house systems can move to **standard products**,
- whether **other municipalities' best practices** can be adopted,
- whether IT operations can be run **jointly with other municipalities** through KDN,

for six areas: the city homepage incl. citizen interaction, OZG online services, social media, a possible city app, open data and GIS/geo-portals — weighed by the **added value for citizens** against a tight budget.""",
    },
    "method_scoring_text": {
        "de": """**1. Werte.** Jede Option wird je Kriterium bewertet: Kosten kommen aus den Kostenpositionen (Einmalinvestition, laufende Kosten, Personal in VZÄ), alle anderen Kriterien aus begründeten Bewertungen. Der **Kosten-Barwert** ist Investition + Σ laufende Kosten / (1 + r)^t über {years} Jahre mit dem Diskontsatz r = {rate} (BMF-Vorgabe 07/2023: 0,9 %).

**2. Normalisierung.** Damit Euro, Monate und Punkte vergleichbar werden, wird jedes Kriterium innerhalb des Bereichs auf 0 bis 1 gebracht (Min-Max): die beste Option erhält 1, die schlechteste 0. Bei Kostenkriterien („je weniger, desto besser“) wird umgekehrt. Unterscheiden sich die Optionen in einem Kriterium nicht, erhalten alle denselben Wert – das Kriterium beeinflusst die Rangfolge dann nicht.

**3. Hierarchische Gewichte.** Die drei Gruppengewichte (Kosten, Bürgernutzen, Umsetzbarkeit) werden auf 100 % normiert; innerhalb jeder Gruppe verteilen die Untergewichte den Gruppenanteil auf die Kriterien. Endgewicht eines Kriteriums = Gruppenanteil × Anteil innerhalb der Gruppe.

**4. Methoden.**
- **Nutzwertanalyse** (gewichtete Summe, Standard in der Verwaltung): Punkte = Σ Gewicht × normierter Wert, 0 bis 100. Die Balken zeigen, wie viel jede Gruppe beiträgt.
- **TOPSIS**: Vektor-Normalisierung; gemessen wird der Abstand zur bestmöglichen und zur schlechtestmöglichen Option; Punkte = relative Nähe zur besten (0 bis 100). TOPSIS ist nicht additiv; die Gruppenanteile in den Balken sind eine proportionale Aufteilung.
- **PROMETHEE II**: paarweiser Vergleich aller Optionen je Kriterium mit einer linearen Präferenzfunktion mit Indifferenzschwelle: Unterschiede unter 10 % der Spannweite des Kriteriums im Bereich gelten als gleichwertig, ab 50 % der Spannweite als volle Präferenz; der Nettofluss (−100 bis +100) sagt, wie sehr eine Option die anderen im Mittel übertrifft.

**5. Rangfolge.** Gleich hohe Punktzahlen teilen sich den besseren Rang (1, 2, 2, 4).

**6. Effizienzgrenze.** Eine Option ist effizient, wenn keine andere zugleich günstiger (Barwert) und nützlicher (Bürgernutzen) ist.""",
        "en": """**1. Values.** Costs come from cost lines (one-off investment, annual cost, staff FTE); all other criteria from reasoned assessments. The **cost NPV** is investment + Σ annual cost / (1 + r)^t over {years} years at discount rate r = {rate} (federal finance ministry 07/2023: 0.9 %).

**2. Normalisation.** Each criterion is scaled to 0–1 within the area (min-max): best option 1, worst 0; cost criteria are inverted. A criterion on which options do not differ gives all the same value and does not affect the ranking.

**3. Hierarchical weights.** The three group weights are normalised to 100 %; within each group the sub-weights split the group's share. Final weight = group share × share within the group.

**4. Methods.**
- **Weighted sum** (Nutzwertanalyse): points = Σ weight × normalised value, 0–100; bars show each group's contribution.
- **TOPSIS**: vector normalisation; distance to the ideal and anti-ideal option; points = relative closeness (0–100). Not additive; group parts in the bars are a proportional split.
- **PROMETHEE II**: pairwise comparison per criterion with a linear preference function with indifference: differences below 10 % of the criterion's spread in the area count as equal, from 50 % of the spread on as full preference; net flow from −100 to +100.

**5. Ranking.** Equal scores share the better rank (1, 2, 2, 4).

**6. Efficiency frontier.** An option is efficient if no other option is both cheaper (NPV) and more useful (citizen value).""",
    },
    "method_honesty_text": {
        "de": "Alle Zahlen sind **Beispieldaten** für Mülheim an der Ruhr, gestützt auf öffentlich berichtete Fakten. Jeder Wert nennt seine Quelle oder ist als **Schätzung** mit Begründung markiert. Schätzungen: {assessments} von {assessments_total} Bewertungen, {costs} von {costs_total} Kostenpositionen, {systems} von {systems_total} Bestandseinträgen.",
        "en": "All figures are **example data** for Mülheim an der Ruhr based on publicly reported facts. Every value cites its source or is marked as an **estimate** with a reason. Estimates: {assessments} of {assessments_total} assessments, {costs} of {costs_total} cost lines, {systems} of {systems_total} current-system entries.",
    },
    # --- UI: Präsentation (committee projector), print summary, accessibility -------
    "page_present": {"de": "Präsentation", "en": "Presentation"},
    "present_toggle": {
        "de": "Präsentationsmodus (Projektor)",
        "en": "Presentation mode (projector)",
    },
    "present_help": {
        "de": "Große Schrift, hoher Kontrast, keine Bedienelemente zum Ändern, Seitenleiste eingeklappt. Direkt aufrufbar mit ?present=1 in der Adresse.",
        "en": "Large type, high contrast, no editing controls, sidebar collapsed. Open it directly with ?present=1 in the address.",
    },
    "present_prev": {"de": "◀ Zurück", "en": "◀ Back"},
    "present_next": {"de": "Weiter ▶", "en": "Next ▶"},
    "present_prev_help": {
        "de": "Vorheriger Bereich: {name} (Taste ← oder Bild↑)",
        "en": "Previous area: {name} (← or PageUp key)",
    },
    "present_next_help": {
        "de": "Nächster Bereich: {name} (Taste → oder Bild↓)",
        "en": "Next area: {name} (→ or PageDown key)",
    },
    "present_slide": {"de": "Bereich {n} von {total}", "en": "Area {n} of {total}"},
    "present_meta": {
        "de": "**Stand:** {stand} · **Szenario:** {scenario} · **Methode:** {method}",
        "en": "**Data:** {stand} · **Scenario:** {scenario} · **Method:** {method}",
    },
    "present_keys_hint": {
        "de": "Bereiche wechseln: Schaltflächen „◀ Zurück“ und „Weiter ▶“ oder die Tasten ← → bzw. Bild↑ Bild↓.",
        "en": "Change area: the buttons '◀ Back' and 'Next ▶' or the keys ← → or PageUp PageDown.",
    },
    "present_breakdown": {
        "de": "Beiträge der Kriteriengruppen als Tabelle",
        "en": "Criteria group contributions as a table",
    },
    "chart_alt_breakdown": {
        "de": "Gestapelte Balken, Punkte je Kriteriengruppe: {items}.",
        "en": "Stacked bars, points per criteria group: {items}.",
    },
    "present_downloads": {"de": "Für die Ratsunterlagen (A4)", "en": "For the council papers (A4)"},
    "present_download_area": {
        "de": "Zusammenfassung dieses Bereichs (HTML, A4)",
        "en": "Summary of this area (HTML, A4)",
    },
    "present_download_all": {
        "de": "Zusammenfassung aller Bereiche (HTML, A4)",
        "en": "Summary of all areas (HTML, A4)",
    },
    "present_download_help": {
        "de": "Im Browser öffnen, dann drucken oder „Als PDF speichern“: je Bereich eine A4-Seite.",
        "en": "Open in a browser, then print or 'Save as PDF': one A4 page per area.",
    },
    "scenario_custom": {"de": "Eigene Gewichtung", "en": "Custom weighting"},
    "print_title": {
        "de": "Zusammenfassung für die Ratsunterlagen",
        "en": "Summary for the council papers",
    },
    "print_weights": {"de": "Gewichte", "en": "Weights"},
    "print_sources": {"de": "Quellen in diesem Bereich", "en": "Sources in this area"},
    "print_total": {"de": "Gesamt", "en": "Total"},
    "print_costs": {"de": "Kosten der Optionen", "en": "Cost of the options"},
    "print_footer": {
        "de": "Erstellt mit dem IT-Reorg-Cockpit Mülheim an der Ruhr. Alle Werte sind Beispieldaten: Jeder Wert nennt seine Quelle oder ist als Schätzung mit Begründung markiert; Einzelheiten auf der Seite „Methodik & Quellen“.",
        "en": "Made with the IT Reorg Cockpit Mülheim an der Ruhr. All figures are example data: every value cites its source or is marked as an estimate with a reason; details on the page 'Method & sources'.",
    },
    "a11y_header": {"de": "Erklärung zur Barrierefreiheit", "en": "Accessibility statement"},
    "a11y_contact_missing": {
        "de": "Kontakt wird vor der Veröffentlichung eingetragen",
        "en": "contact to be filled in before publication",
    },
    "a11y_text": {
        "de": """Die Stadt Mülheim an der Ruhr ist bemüht, dieses Cockpit im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0 bzw. BITV NRW) barrierefrei zugänglich zu machen. Maßstab sind die Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA, wie sie die europäische Norm EN 301 549 vorgibt.

**Stand der Vereinbarkeit.** Das Cockpit ist mit den Anforderungen **teilweise vereinbar**. Geprüft wird bei jeder Änderung automatisch mit axe-core (Regeln für WCAG 2.0/2.1 A und AA) auf allen Seiten sowie im Präsentationsmodus bei 1024 × 768 und 1920 × 1080 Bildpunkten; ein Test rechnet die Kontraste der Farben nach (Text mindestens 4,5 : 1, Diagrammflächen mindestens 3 : 1).

**Was umgesetzt ist.**
- Jedes Diagramm hat eine Textalternative: eine Tabelle mit denselben Werten oder einen Satz, der sie nennt.
- Farben sind für Farbsehschwächen geeignet (Palette nach Okabe & Ito); Farbe trägt nie allein Bedeutung – jeder Balken trägt seine Gesamtzahl, breite Abschnitte auch ihren Anteil; Punkte tragen Namen und Formen.
- Alle Bedienelemente haben eine Beschriftung und sind mit der Tastatur erreichbar; im Präsentationsmodus wechseln die Pfeiltasten und Bild↑/Bild↓ den Bereich, die Schaltflächen „◀ Zurück“ und „Weiter ▶“ tun dasselbe.
- Der Präsentationsmodus (Adresse mit ?present=1) zeigt große Schrift mit hohem Kontrast.
- Zusammenfassungen je Bereich lassen sich als A4-Dokument drucken oder als PDF speichern.

**Nicht vollständig barrierefreie Inhalte.**
- Die Tabellen der Seiten „Übersicht“, „Bereich“, „Sensitivität“ und „Methodik & Quellen“ verwenden das Tabellenelement von Streamlit, das Zellen auf eine Zeichenfläche malt; Screenreader lesen es nur eingeschränkt. Die Rangfolge steht zusätzlich als Text unter dem Diagramm und als einfache Tabelle auf der Seite „Präsentation“.
- Bekannte Einschränkungen in Bedienelementen des Frameworks sind in der Projektdokumentation (docs/accessibility.md) einzeln aufgeführt.

**Erstellung dieser Erklärung.** Die Erklärung wurde am 24. November 2026 erstellt. Sie beruht auf einer Selbstbewertung mit automatischen Tests und Sichtprüfung.

**Feedback und Kontakt.** Barrieren melden Sie bitte der für das Cockpit zuständigen Stelle der Stadtverwaltung Mülheim an der Ruhr: {contact}. Wir antworten innerhalb eines Monats.

**Durchsetzungsverfahren.** Bleibt eine Anfrage ohne zufriedenstellende Antwort, können Sie sich an die Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen wenden.""",
        "en": """The city of Mülheim an der Ruhr strives to make this cockpit accessible in line with the German accessibility regulation (BITV 2.0 / BITV NRW). The standard is the Web Content Accessibility Guidelines (WCAG) 2.1, level AA, as required by the European standard EN 301 549.

**Compliance status.** The cockpit is **partially compliant**. Every change is checked automatically with axe-core (WCAG 2.0/2.1 A and AA rules) on every page and in presentation mode at 1024 × 768 and 1920 × 1080 pixels; a test recomputes the colour contrasts (text at least 4.5 : 1, chart marks at least 3 : 1).

**What is in place.**
- Every chart has a text alternative: a table with the same values or a sentence that states them.
- Colours suit colour-vision deficiencies (Okabe & Ito palette); colour never carries meaning alone – every bar carries its total and wide segments their share; points carry names and shapes.
- Every control has a label and can be reached by keyboard; in presentation mode the arrow keys and PageUp/PageDown change the area, as do the buttons '◀ Back' and 'Next ▶'.
- Presentation mode (address with ?present=1) shows large, high-contrast type.
- Per-area summaries print on A4 or save as PDF.

**Content that is not fully accessible.**
- The tables on 'Overview', 'Review area', 'Sensitivity' and 'Method & sources' use Streamlit's data grid, which paints cells on a canvas; screen readers read it only in part. The ranking is also given as text below the chart and as a plain table on the 'Presentation' page.
- Known limitations in the framework's controls are listed one by one in the project documentation (docs/accessibility.md).

**Preparation of this statement.** The statement was prepared on 24 November 2026, by self-assessment with automated tests and visual review.

**Feedback and contact.** Please report barriers to the office of the city administration responsible for the cockpit: {contact}. We answer within one month.

**Enforcement.** If a request is not answered satisfactorily, you can turn to the ombudsperson for accessible information technology of the state of North Rhine-Westphalia.""",
    },
    # --- errors: settings, store, CLI ------------------------------------------------
    "bad_setting": {
        "de": "Ungültiger Wert für {env}: „{value}“.",
        "en": "Invalid value for {env}: '{value}'.",
    },
    "migration_failed": {
        "de": "Migration „{name}“ ist fehlgeschlagen und wurde zurückgerollt: {error}",
        "en": "Migration '{name}' failed and was rolled back: {error}",
    },
    "unknown_area": {
        "de": "Unbekannter Prüfbereich „{area}“ (vorhanden: {allowed}).",
        "en": "Unknown review area '{area}' (available: {allowed}).",
    },
    "unknown_criterion": {
        "de": "Unbekanntes Kriterium „{criterion}“.",
        "en": "Unknown criterion '{criterion}'.",
    },
    "unknown_weight_key": {
        "de": "Unbekannter Gewichtsschlüssel „{key}“ (erlaubt: Gruppen {groups} oder Kriterienschlüssel).",
        "en": "Unknown weight key '{key}' (allowed: groups {groups} or criterion keys).",
    },
    "bad_weights_spec": {
        "de": "Gewichte bitte als schluessel=zahl,… angeben, z. B. cost=40,citizen_value=40,feasibility=20 (gefunden: „{spec}“).",
        "en": "Give weights as key=number,…, e.g. cost=40,citizen_value=40,feasibility=20 (found: '{spec}').",
    },
    "missing_assessment": {
        "de": "Für Option „{option}“ fehlt die Bewertung des Kriteriums „{criterion}“.",
        "en": "Option '{option}' has no assessment for criterion '{criterion}'.",
    },
    "seed_invalid": {
        "de": "Die Startdaten sind ungültig ({file}, Zeile {row}): {problem}",
        "en": "The seed data are invalid ({file}, row {row}): {problem}",
    },
    "bad_horizon": {
        "de": "Der Betrachtungszeitraum muss zwischen 1 und 50 Jahren liegen (gefunden: {value}).",
        "en": "The horizon must be between 1 and 50 years (found: {value}).",
    },
    "bad_rate": {
        "de": "Der Diskontsatz muss zwischen −50 % und 100 % liegen (gefunden: {value}).",
        "en": "The discount rate must be between −50 % and 100 % (found: {value}).",
    },
    "negative_cost": {
        "de": "Kosten dürfen nicht negativ sein (gefunden: {value}).",
        "en": "Costs must not be negative (found: {value}).",
    },
    "file_not_found": {
        "de": "Datei nicht gefunden: {path}",
        "en": "File not found: {path}",
    },
    "invalid_json": {
        "de": "Die Datei {path} ist kein gültiges JSON (Zeile {line}, Spalte {column}).",
        "en": "The file {path} is not valid JSON (line {line}, column {column}).",
    },
    "cli_rank_caption": {
        "de": "{area} – Bewertungsmethode: {method}",
        "en": "{area} – scoring method: {method}",
    },
    "cli_col_slug": {"de": "Kennung", "en": "Id"},
    "cli_col_n_options": {"de": "Optionen", "en": "Options"},
    "cli_two_areas": {
        "de": "Zwei verschiedene Bereiche angegeben: {first} und --area {second}. Bitte nur einen.",
        "en": "Two different areas given: {first} and --area {second}. Please give one.",
    },
    "cli_usage": {
        "de": "Aufruf fehlerhaft: {detail}",
        "en": "Invalid call: {detail}",
    },
    "seed_exists": {
        "de": "Der Datenbestand ist bereits befüllt; nichts geändert (zum Ersetzen: seed --reset).",
        "en": "The store already holds data; nothing changed (to replace it: seed --reset).",
    },
    "seed_done": {
        "de": "Startdaten geladen, Datenstand {version}.",
        "en": "Seed data loaded, data version {version}.",
    },
    "store_unavailable": {
        "de": "Der Datenbestand kann nicht geöffnet werden (läuft gerade die App mit derselben Datei?): {detail}",
        "en": "The store cannot be opened (is the app running on the same file?): {detail}",
    },
    "internal_error": {
        "de": "Interner Fehler ({kind}): {detail}",
        "en": "Internal error ({kind}): {detail}",
    },
    # --- errors: weights and decision problems -------------------------------------
    "weights_negative": {
        "de": "Gewichte dürfen nicht negativ sein (gefunden: {value}).",
        "en": "Weights must not be negative (found: {value}).",
    },
    "weights_nan": {
        "de": "Gewichte müssen Zahlen sein (gefunden: NaN oder unendlich).",
        "en": "Weights must be finite numbers (found NaN or infinity).",
    },
    "weights_all_zero": {
        "de": "Mindestens ein Gewicht muss größer als 0 sein.",
        "en": "At least one weight must be greater than 0.",
    },
    "weights_length": {
        "de": "Anzahl der Gewichte ({got}) passt nicht zur Anzahl der Kriterien ({expected}).",
        "en": "Number of weights ({got}) does not match the number of criteria ({expected}).",
    },
    "group_weights_all_zero": {
        "de": "In der Gruppe „{group}“ sind alle Untergewichte 0, die Gruppe selbst ist aber gewichtet.",
        "en": "All sub-criterion weights in group '{group}' are 0, but the group itself has weight.",
    },
    "unknown_group": {
        "de": "Unbekannte Kriteriengruppe „{group}“ (erlaubt: {allowed}).",
        "en": "Unknown criteria group '{group}' (allowed: {allowed}).",
    },
    "matrix_shape": {
        "de": "Die Matrix hat die falsche Form: erwartet {expected}, gefunden {got}.",
        "en": "The matrix has the wrong shape: expected {expected}, got {got}.",
    },
    "matrix_not_finite": {
        "de": "Die Matrix enthält leere oder nicht-numerische Werte.",
        "en": "The matrix contains empty or non-numeric values.",
    },
    "no_alternatives": {
        "de": "Es gibt keine Alternativen zu bewerten.",
        "en": "There are no alternatives to evaluate.",
    },
    "no_criteria": {
        "de": "Es gibt keine Kriterien.",
        "en": "There are no criteria.",
    },
    "duplicate_names": {
        "de": "Namen müssen eindeutig sein (doppelt: {names}).",
        "en": "Names must be unique (duplicates: {names}).",
    },
    "unknown_direction": {
        "de": "Unbekannte Richtung „{direction}“ (erlaubt: benefit, cost).",
        "en": "Unknown direction '{direction}' (allowed: benefit, cost).",
    },
    "unknown_method": {
        "de": "Unbekannte Methode „{method}“ (erlaubt: {allowed}).",
        "en": "Unknown method '{method}' (allowed: {allowed}).",
    },
    "unknown_normalization": {
        "de": "Unbekannte Normalisierung „{normalization}“ (erlaubt: {allowed}).",
        "en": "Unknown normalisation '{normalization}' (allowed: {allowed}).",
    },
    "unknown_preference": {
        "de": "Unbekannte Präferenzfunktion „{function}“ (erlaubt: usual, linear, vshape).",
        "en": "Unknown preference function '{function}' (allowed: usual, linear, vshape).",
    },
    "preference_thresholds": {
        "de": "Schwellen für Kriterium {criterion}: es muss 0 ≤ q < p gelten (q={q}, p={p}).",
        "en": "Thresholds for criterion {criterion}: need 0 ≤ q < p (q={q}, p={p}).",
    },
    "preference_length": {
        "de": "Es wird genau eine Präferenzfunktion je Kriterium benötigt ({expected}), gefunden {got}.",
        "en": "Exactly one preference function per criterion is needed ({expected}), got {got}.",
    },
    "normalization_nonpositive": {
        "de": "Die Normalisierung „{normalization}“ braucht positive Werte (Kriterium {criterion}).",
        "en": "Normalisation '{normalization}' needs positive values (criterion {criterion}).",
    },
    "ahp_not_square": {
        "de": "Die Paarvergleichsmatrix muss quadratisch sein und zu den Elementen passen.",
        "en": "The pairwise comparison matrix must be square and match the items.",
    },
    "ahp_not_positive": {
        "de": "Paarvergleiche müssen positive Zahlen sein.",
        "en": "Pairwise judgments must be positive numbers.",
    },
    "ahp_not_reciprocal": {
        "de": "Die Paarvergleichsmatrix ist nicht reziprok: a[{i}][{j}] · a[{j}][{i}] ≠ 1.",
        "en": "The pairwise matrix is not reciprocal: a[{i}][{j}] · a[{j}][{i}] ≠ 1.",
    },
    "ahp_too_many": {
        "de": "AHP ist hier auf höchstens {max} Elemente je Vergleich begrenzt (gefunden: {n}).",
        "en": "AHP is limited here to at most {max} items per pairwise comparison (found: {n}).",
    },
    "problem_missing_field": {
        "de": "Im Entscheidungsproblem fehlt das Feld „{field}“.",
        "en": "The decision problem lacks the field '{field}'.",
    },
    "problem_bad_type": {
        "de": "Das Feld „{field}“ im Entscheidungsproblem hat den falschen Typ.",
        "en": "The field '{field}' of the decision problem has the wrong type.",
    },
}

# Excel export/import and Daten page texts live in core/i18n/excel.py; a key twice is a bug.
if TEXT.keys() & EXCEL_TEXT.keys():
    raise KeyError(f"defined twice: {sorted(TEXT.keys() & EXCEL_TEXT.keys())}")
TEXT.update(EXCEL_TEXT)
# Login, editing, audit trail, scenarios and committee texts: core/i18n/editing.py.
if TEXT.keys() & EDITING_TEXT.keys():
    raise KeyError(f"defined twice: {sorted(TEXT.keys() & EDITING_TEXT.keys())}")
TEXT.update(EDITING_TEXT)
# Sensitivität page, stability sentences, budget portfolio, cost view: core/i18n/analysis.py.
if TEXT.keys() & ANALYSIS_TEXT.keys():
    raise KeyError(f"defined twice: {sorted(TEXT.keys() & ANALYSIS_TEXT.keys())}")
TEXT.update(ANALYSIS_TEXT)


def for_method(key: str, method: str) -> str:
    """The catalogue key to use under ``method``: PROMETHEE II scores are net flows in
    [−1, 1], not points out of 100, so texts that name points have a ``<key>_netflow`` twin."""
    if method == "promethee2" and f"{key}_netflow" in TEXT:
        return f"{key}_netflow"
    return key


def t(key: str, lang: str = "de", /, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    entry = TEXT[key]
    template = entry.get(lang) or entry["de"]
    return template.format(**params) if params else template
