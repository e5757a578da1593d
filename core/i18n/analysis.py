# ruff: noqa: E501 - the catalogue holds whole sentences; wrapping them would hurt readability
"""Catalogue texts of the Sensitivität page, the stability sentences, the budget portfolio,
the cost view (WiBe) and their errors.

Kept in their own module so that the main catalogue stays readable; :mod:`core.i18n` merges
them into ``TEXT`` (and refuses a key defined twice). Same rules: German first, English
second, identical placeholders.
"""

from __future__ import annotations

ANALYSIS_TEXT: dict[str, dict[str, str]] = {
    # --- Sensitivität page ---------------------------------------------------------------
    "page_sensitivity": {"de": "Sensitivität", "en": "Sensitivity"},
    "sens_intro": {
        "de": "Wie sicher ist die Empfehlung? Hier steht, in welchem Bereich die Gewichte liegen dürfen, ohne dass sich die Spitze ändert, wie die drei Methoden urteilen, wie oft jede Option bei zufällig gezogenen Gewichten vorn liegt und was die Optionen über die Jahre kosten.",
        "en": "How sure is the recommendation? This page shows how far the weights may move before the top changes, how the three methods judge, how often each option leads under randomly drawn weights and what the options cost over the years.",
    },
    "sens_stability_header": {"de": "Stabilität der Gewichtung", "en": "Weight stability"},
    "sens_stability_intro": {
        "de": "Ein Gruppengewicht läuft von 0 % bis 100 %; die beiden anderen behalten ihr Verhältnis zueinander.",
        "en": "One group weight runs from 0 % to 100 %; the other two keep their proportion.",
    },
    "sens_exact": {
        "de": "Exakt berechnet: Bei der Methode {method} hängen die Punkte linear vom Gewicht ab, die Schnittpunkte sind Lösungen linearer Gleichungen.",
        "en": "Computed exactly: under {method} the scores are linear in the weight, so the crossings solve linear equations.",
    },
    "sens_numerical": {
        "de": "Numerisch berechnet: {method} ist nicht linear im Gewicht; geprüft wird in Schritten von 0,1 Prozentpunkten, jeder Wechsel wird per Bisektion genau bestimmt.",
        "en": "Computed numerically: {method} is not linear in the weight; it is checked in steps of 0.1 percentage points and every change is pinned down by bisection.",
    },
    "stability_range": {
        "de": "Die Empfehlung „{option}“ bleibt stabil, solange das Gewicht für {group} zwischen {lower} und {upper} liegt; darunter liegt „{below}“ vorn, darüber „{above}“.",
        "en": "The recommendation '{option}' stays stable while the weight for {group} is between {lower} and {upper}; below, '{below}' leads, above, '{above}'.",
    },
    "stability_lower": {
        "de": "Die Empfehlung „{option}“ bleibt stabil, solange das Gewicht für {group} mindestens {lower} beträgt; darunter liegt „{below}“ vorn.",
        "en": "The recommendation '{option}' stays stable while the weight for {group} is at least {lower}; below that, '{below}' leads.",
    },
    "stability_upper": {
        "de": "Die Empfehlung „{option}“ bleibt stabil, solange das Gewicht für {group} höchstens {upper} beträgt; darüber liegt „{above}“ vorn.",
        "en": "The recommendation '{option}' stays stable while the weight for {group} is at most {upper}; above that, '{above}' leads.",
    },
    "stability_robust_group": {
        "de": "Die Empfehlung „{option}“ bleibt bei jedem Gewicht für {group} vorn.",
        "en": "The recommendation '{option}' leads at every weight for {group}.",
    },
    "stability_robust_all": {
        "de": "Die Empfehlung „{option}“ ist robust: Sie bleibt vorn, wie weit man das Gewicht für Kosten, Bürgernutzen oder Umsetzbarkeit auch verschiebt.",
        "en": "The recommendation '{option}' is robust: it stays on top however far the weight for cost, citizen value or feasibility is moved.",
    },
    "stability_single": {
        "de": "Nur eine Option – die Empfehlung hängt nicht von der Gewichtung ab.",
        "en": "Only one option – the recommendation does not depend on the weighting.",
    },
    "stability_tied_top": {
        "de": "An der Spitze liegen {names} gleichauf – bei dieser Gewichtung gibt es keine eindeutige Empfehlung.",
        "en": "{names} share the top – there is no clear recommendation under this weighting.",
    },
    "stability_no_options": {
        "de": "Keine Optionen – es gibt nichts zu prüfen.",
        "en": "No options – there is nothing to check.",
    },
    "stability_not_applicable": {
        "de": "Das Gewicht für {group} kann die Rangfolge hier nicht ändern (die Gruppe hat keine gewichteten Kriterien oder ist die einzige).",
        "en": "The weight for {group} cannot change the ranking here (the group has no weighted criteria or is the only one).",
    },
    "stability_current": {
        "de": "Aktuelles Gewicht für {group}: {weight}",
        "en": "Current weight for {group}: {weight}",
    },
    "chart_stability_title": {
        "de": "Punkte je Option über dem Gewicht für {group}",
        "en": "Score per option over the weight for {group}",
    },
    "chart_weight_axis": {"de": "Gewicht für {group} (%)", "en": "Weight for {group} (%)"},
    "chart_current_weight": {"de": "aktuelles Gewicht", "en": "current weight"},
    "chart_crossing": {"de": "Rangwechsel", "en": "Rank change"},
    "stability_chart_caption": {
        "de": "Senkrechte Linie: aktuelles Gewicht. Punkte: Gewichte, bei denen zwei Optionen die Reihenfolge tauschen (Ring: Wechsel an der Spitze).",
        "en": "Vertical line: current weight. Dots: weights at which two options swap order (ring: change at the top).",
    },
    "crossings_header": {
        "de": "Rangwechsel zwischen 0 % und 100 %",
        "en": "Rank changes between 0 % and 100 %",
    },
    "no_crossings": {
        "de": "Keine Rangwechsel zwischen 0 % und 100 %.",
        "en": "No rank changes between 0 % and 100 %.",
    },
    "sens_col_weight": {"de": "Gewicht", "en": "Weight"},
    "sens_col_leader_below": {"de": "Vorn darunter", "en": "Ahead below"},
    "sens_col_leader_above": {"de": "Vorn darüber", "en": "Ahead above"},
    "sens_col_changes_top": {"de": "Wechsel an der Spitze", "en": "Change at the top"},
    "sens_yes": {"de": "ja", "en": "yes"},
    "sens_no": {"de": "nein", "en": "no"},
    # --- method comparison ---------------------------------------------------------------
    "compare_header": {"de": "Methodenvergleich", "en": "Method comparison"},
    "compare_intro": {
        "de": "Rang jeder Option nach den drei Methoden, unter derselben Gewichtung.",
        "en": "Rank of every option under each of the three methods, with the same weighting.",
    },
    "compare_agree": {
        "de": "Alle drei Methoden empfehlen „{option}“",
        "en": "All three methods recommend '{option}'",
    },
    "compare_disagree": {
        "de": "Die Methoden sind sich an der Spitze nicht einig: {tops}.",
        "en": "The methods disagree on the top option: {tops}.",
    },
    # --- Monte Carlo ---------------------------------------------------------------------
    "mc_header": {"de": "Rang-Akzeptanz (Monte-Carlo)", "en": "Rank acceptability (Monte Carlo)"},
    "mc_intro": {
        "de": "Die drei Gruppengewichte werden {samples}-mal zufällig gezogen (die Aufteilung innerhalb der Gruppen bleibt wie eingestellt). Gezeigt wird, wie oft jede Option welchen Rang erreicht.",
        "en": "The three group weights are drawn at random {samples} times (the split within each group stays as set). The chart shows how often each option takes each rank.",
    },
    "mc_mode": {"de": "Ziehung der Gewichte", "en": "How weights are drawn"},
    "mc_mode_around": {
        "de": "um die aktuelle Gewichtung (Dirichlet)",
        "en": "around the current weighting (Dirichlet)",
    },
    "mc_mode_uniform": {
        "de": "gleichverteilt über alle Gewichtungen",
        "en": "uniformly over all weightings",
    },
    "mc_concentration": {"de": "Konzentration", "en": "Concentration"},
    "mc_concentration_help": {
        "de": "Je höher, desto näher liegen die gezogenen Gewichte an den aktuellen. Bei 50 schwankt ein Gewicht von 33 % um etwa ±7 Prozentpunkte.",
        "en": "The higher, the closer the drawn weights stay to the current ones. At 50 a weight of 33 % varies by about ±7 percentage points.",
    },
    "mc_samples": {"de": "Anzahl Ziehungen", "en": "Number of samples"},
    "mc_seed": {"de": "Startwert des Zufallsgenerators", "en": "Random seed"},
    "mc_seed_help": {
        "de": "Gleicher Startwert, gleiches Ergebnis – so bleibt eine Auswertung nachvollziehbar.",
        "en": "Same seed, same result – so an analysis can be reproduced.",
    },
    "mc_progress": {
        "de": "Ziehe Gewichtungen … {done} von {total}",
        "en": "Drawing weightings … {done} of {total}",
    },
    "mc_summary": {
        "de": "„{option}“ liegt in {share} der Ziehungen vorn (erwarteter Rang {rank}).",
        "en": "'{option}' leads in {share} of the samples (expected rank {rank}).",
    },
    "chart_mc_title": {"de": "Anteil der Ziehungen je Rang", "en": "Share of samples per rank"},
    "chart_mc_share": {"de": "Anteil der Ziehungen (%)", "en": "Share of samples (%)"},
    "chart_mc_rank": {"de": "Rang", "en": "Rank"},
    "mc_col_expected_rank": {"de": "Erwarteter Rang", "en": "Expected rank"},
    "mc_col_first_share": {"de": "Anteil Rang 1", "en": "Share of rank 1"},
    "mc_alt": {
        "de": "Rang-Akzeptanz als Text: {items}.",
        "en": "Rank acceptability as text: {items}.",
    },
    # --- cost view (WiBe) ----------------------------------------------------------------
    "cost_header": {
        "de": "Kosten und Wirtschaftlichkeit (WiBe)",
        "en": "Cost and economic appraisal (WiBe)",
    },
    "cost_settings": {
        "de": "Barwert über {years} Jahre mit Diskontsatz {rate} (festgelegt in den Einstellungen des Cockpits, siehe „Methodik & Quellen“).",
        "en": "Net present value over {years} years at a discount rate of {rate} (set in the cockpit's settings, see 'Method & sources').",
    },
    "cost_col_savings": {
        "de": "Einsparung ggü. Status quo (Barwert)",
        "en": "Saving vs status quo (NPV)",
    },
    "cost_col_qualitative": {
        "de": "Bürgernutzen (0–100, absolut)",
        "en": "Citizen value (0–100, absolute)",
    },
    "cost_col_savings_short": {"de": "Einsparung", "en": "Saving"},
    "cost_col_qualitative_short": {"de": "Nutzen absolut", "en": "Value (absolute)"},
    "cost_col_wibe": {"de": "WiBe-Urteil", "en": "WiBe verdict"},
    "wibe_baseline": {"de": "Vergleichsbasis", "en": "Baseline"},
    "wibe_economic": {
        "de": "wirtschaftlich (Kapitalwert > 0)",
        "en": "economic (NPV > 0)",
    },
    "wibe_justified_by_value": {
        "de": "begründet durch Nutzen (≥ {threshold} Pkt.)",
        "en": "justified by value (≥ {threshold} pts)",
    },
    "wibe_not_justified": {"de": "nicht begründet", "en": "not justified"},
    "wibe_no_baseline": {"de": "kein Status quo zum Vergleich", "en": "no status quo to compare"},
    "cost_wibe_note": {
        "de": "WiBe 5.0: Eine Maßnahme ist begründet, wenn ihr Kapitalwert positiv ist oder ihr qualitativer Nutzen mindestens {threshold} Punkte erreicht. Ein negativer Kapitalwert kann also durch hohen Bürgernutzen gerechtfertigt sein. Erklärung unter „Methodik & Quellen“.",
        "en": "WiBe 5.0: a measure is justified if its net present value is positive or its qualitative benefit reaches {threshold} points, so high citizen value can justify a negative NPV. See 'Method & sources'.",
    },
    "chart_savings_title": {
        "de": "Einsparung gegenüber dem Status quo (Barwert {years} Jahre)",
        "en": "Saving against the status quo (NPV {years} years)",
    },
    "chart_savings_axis": {
        "de": "Einsparung (€, negativ = Mehrkosten)",
        "en": "Saving (€, negative = extra cost)",
    },
    # --- budget portfolio (Übersicht) ------------------------------------------------------
    "pf_header": {
        "de": "Budget-Portfolio: eine Option je Bereich",
        "en": "Budget portfolio: one option per area",
    },
    "pf_intro": {
        "de": "Welcher Satz von Optionen – je Bereich genau eine – bringt im Rahmen des Budgets den größten Gesamtwert? Exakt berechnet (Rucksackproblem mit Auswahlgruppen).",
        "en": "Which set of options – exactly one per area – gives the largest total value within the budget? Computed exactly (multiple-choice knapsack).",
    },
    "pf_objective": {"de": "Was soll maximal werden?", "en": "What should be maximised?"},
    "pf_objective_score": {"de": "Summe der Gesamtpunkte", "en": "Sum of total scores"},
    "pf_objective_score_netflow": {
        "de": "Summe der Nettoflüsse (× 100)",
        "en": "Sum of net flows (× 100)",
    },
    "pf_objective_citizen_value": {"de": "Summe des Bürgernutzens", "en": "Sum of citizen value"},
    "pf_limit_invest": {"de": "Investitionsbudget begrenzen", "en": "Limit the investment budget"},
    "pf_budget_invest": {
        "de": "Einmaliges Investitionsbudget (€)",
        "en": "One-off investment budget (€)",
    },
    "pf_limit_annual": {"de": "Betriebsbudget begrenzen", "en": "Limit the operating budget"},
    "pf_budget_annual": {
        "de": "Jährliches Betriebsbudget (€)",
        "en": "Annual operating budget (€)",
    },
    "pf_budget_shown": {"de": "{label}: {value}", "en": "{label}: {value}"},
    "pf_pins": {"de": "Bereiche festlegen oder ausschließen", "en": "Pin or exclude areas"},
    "pf_free": {"de": "frei wählen", "en": "choose freely"},
    "pf_exclude": {"de": "ausschließen", "en": "exclude"},
    "pf_infeasible": {
        "de": "Kein Satz von Optionen passt in dieses Budget. Selbst die günstigste Wahl braucht {invest} Einmalinvestition und {annual} laufende Kosten pro Jahr (jeweils für sich betrachtet).",
        "en": "No set of options fits this budget. Even the cheapest choice needs {invest} one-off investment and {annual} annual cost (each on its own).",
    },
    "pf_all_excluded": {
        "de": "Alle Bereiche sind ausgeschlossen – es gibt nichts zu wählen.",
        "en": "All areas are excluded – there is nothing to choose.",
    },
    "pf_total_value": {"de": "Gesamtwert", "en": "Total value"},
    "pf_total_invest": {"de": "Investition gesamt", "en": "Total investment"},
    "pf_total_annual": {"de": "Laufende Kosten p. a. gesamt", "en": "Total annual cost"},
    "pf_value_points": {"de": "{value} Punkte", "en": "{value} points"},
    "pf_value_points_netflow": {
        "de": "{value} (Nettofluss × 100)",
        "en": "{value} (net flow × 100)",
    },
    "pf_col_value": {"de": "Wert (Punkte)", "en": "Value (points)"},
    "pf_curve_title": {"de": "Bester Gesamtwert je Budget", "en": "Best total value per budget"},
    "pf_curve_x_invest": {"de": "Investitionsbudget (€)", "en": "Investment budget (€)"},
    "pf_curve_x_annual": {"de": "Betriebsbudget pro Jahr (€)", "en": "Annual operating budget (€)"},
    "pf_curve_y": {"de": "Gesamtwert (Punkte)", "en": "Total value (points)"},
    "pf_curve_caption": {
        "de": "Stufenkurve: der beste erreichbare Gesamtwert für jedes Budget. Senkrechte Linie: eingestelltes Budget.",
        "en": "Step curve: the best total value reachable for every budget. Vertical line: the budget set.",
    },
    "pf_curve_sampled": {
        "de": "Sehr große Aufgabe: Die Kurve wurde an {n} Budgetwerten exakt berechnet, Zwischenstufen können fehlen.",
        "en": "Very large instance: the curve was computed exactly at {n} budgets; steps in between may be missing.",
    },
    "pf_steps_header": {
        "de": "So ändert sich die Auswahl mit wachsendem Budget",
        "en": "How the choice changes as the budget grows",
    },
    "pf_col_from_budget": {"de": "Ab Budget", "en": "From budget"},
    "pf_nothing_fits_curve": {
        "de": "Bei diesem Betriebsbudget passt kein Satz von Optionen.",
        "en": "No set of options fits this operating budget.",
    },
    # --- Methodik ------------------------------------------------------------------------
    "method_robustness_header": {
        "de": "Sensitivität, Robustheit, Budget und WiBe",
        "en": "Sensitivity, robustness, budget and WiBe",
    },
    "method_robustness_text": {
        "de": """**Stabilität.** Ein Gruppengewicht wird von 0 % bis 100 % verschoben, die beiden anderen behalten ihr Verhältnis. Bei der Nutzwertanalyse (und bei PROMETHEE II, dessen Nettofluss ebenfalls eine gewichtete Summe ist) hängt jede Punktzahl linear vom Gewicht ab; Rangwechsel und das Intervall, in dem die Empfehlung vorn bleibt, werden exakt berechnet. Bei TOPSIS wird in Schritten von 0,1 Prozentpunkten geprüft und jeder Wechsel per Bisektion bestimmt.

**Rang-Akzeptanz (Monte-Carlo).** Gezogen werden die drei Gruppengewichte – das, worüber politisch entschieden wird; die Aufteilung innerhalb der Gruppen bleibt. „Um die aktuelle Gewichtung“ zieht aus einer Dirichlet-Verteilung mit dem aktuellen Gewicht als Mittelwert; die Konzentration c steuert die Streuung (Standardabweichung eines Anteils s: √(s(1−s)/(c+1))). „Gleichverteilt“ zieht jede Gewichtung gleich wahrscheinlich. Der Startwert macht das Ergebnis reproduzierbar.

**Budget-Portfolio.** Je Bereich wird genau eine Option gewählt, sodass die Summe der Punkte (oder des Bürgernutzens) maximal wird und Investitions- und Betriebsbudget eingehalten sind. Gelöst wird das exakt als Rucksackproblem mit Auswahlgruppen (dynamische Programmierung über Teillösungen, bei der nur beweisbar unterlegene Teillösungen verworfen werden).

**WiBe 5.0.** Die Wirtschaftlichkeitsbetrachtung des Bundes hält eine IT-Maßnahme für begründet, wenn ihr **Kapitalwert positiv** ist **oder** ihr **qualitativer Nutzen mindestens 50 Punkte** erreicht. Der Kapitalwert einer Option ist hier die Einsparung gegenüber dem Status quo: Kosten-Barwert des Status quo minus Kosten-Barwert der Option über {years} Jahre mit Diskontsatz {rate}. Der qualitative Nutzen ist der Bürgernutzen auf einer festen Skala von 0 bis 100 (jedes Kriterium gemessen an seinem Wertebereich im Katalog, gewichtet wie eingestellt). Eine teurere Option kann so durch hohen Bürgernutzen gerechtfertigt sein.""",
        "en": """**Stability.** One group weight moves from 0 % to 100 % while the other two keep their proportion. Under the weighted sum (and PROMETHEE II, whose net flow is also a weighted sum) every score is linear in the weight, so rank changes and the interval in which the recommendation stays on top are computed exactly. TOPSIS is checked in steps of 0.1 percentage points and every change is pinned down by bisection.

**Rank acceptability (Monte Carlo).** The three group weights are drawn – the political choice; the split within each group stays. "Around the current weighting" draws from a Dirichlet distribution with the current weights as its mean; the concentration c sets the spread (standard deviation of a share s: √(s(1−s)/(c+1))). "Uniform" draws every weighting with equal probability. The seed makes the result reproducible.

**Budget portfolio.** Exactly one option per area is chosen so that the total score (or citizen value) is largest within the investment and operating budgets, solved exactly as a multiple-choice knapsack (dynamic programming that only drops provably inferior partial solutions).

**WiBe 5.0.** The federal IT economic appraisal deems a measure justified if its **net present value is positive** **or** its **qualitative benefit reaches 50 points**. Here an option's NPV is its saving against the status quo: the status quo's cost NPV minus the option's over {years} years at discount rate {rate}. The qualitative benefit is citizen value on a fixed 0–100 scale (each criterion measured against its catalogue range, weighted as set). A dearer option can thus be justified by high citizen value.""",
    },
    # --- errors ----------------------------------------------------------------------------
    "budget_negative": {
        "de": "Das Budget „{budget}“ darf nicht negativ sein (gefunden: {value}).",
        "en": "The budget '{budget}' must not be negative (found: {value}).",
    },
    "budget_not_number": {
        "de": "Das Budget „{budget}“ muss eine endliche Zahl in Euro sein (gefunden: {value}).",
        "en": "The budget '{budget}' must be a finite number of euros (found: {value}).",
    },
    "portfolio_pin_and_exclude": {
        "de": "Der Bereich „{area}“ ist zugleich festgelegt und ausgeschlossen – bitte nur eines davon.",
        "en": "Area '{area}' is both pinned and excluded – please choose one.",
    },
    "portfolio_unknown_option": {
        "de": "Die Option „{option}“ gehört nicht zum Bereich „{area}“.",
        "en": "Option '{option}' does not belong to area '{area}'.",
    },
    "portfolio_bad_objective": {
        "de": "Unbekanntes Ziel „{objective}“ (erlaubt: {allowed}).",
        "en": "Unknown objective '{objective}' (allowed: {allowed}).",
    },
    "portfolio_bad_dimension": {
        "de": "Unbekannte Budgetart „{along}“ (erlaubt: {allowed}).",
        "en": "Unknown budget kind '{along}' (allowed: {allowed}).",
    },
    "portfolio_bad_pin": {
        "de": "Festlegung bitte als bereich=option angeben, z. B. ozg=ozg-kommunalportal (gefunden: „{spec}“).",
        "en": "Give a pin as area=option, e.g. ozg=ozg-kommunalportal (found: '{spec}').",
    },
    "mc_bad_mode": {
        "de": "Unbekannte Ziehungsart „{mode}“ (erlaubt: {allowed}).",
        "en": "Unknown sampling mode '{mode}' (allowed: {allowed}).",
    },
    "mc_bad_samples": {
        "de": "Die Anzahl der Ziehungen muss eine ganze Zahl von 1 bis {max} sein (gefunden: {value}).",
        "en": "The number of samples must be a whole number from 1 to {max} (found: {value}).",
    },
    "mc_bad_concentration": {
        "de": "Die Konzentration muss eine positive Zahl sein (gefunden: {value}).",
        "en": "The concentration must be a positive number (found: {value}).",
    },
    "mc_bad_seed": {
        "de": "Der Startwert muss eine nicht negative ganze Zahl sein (gefunden: {value}).",
        "en": "The seed must be a non-negative whole number (found: {value}).",
    },
}
