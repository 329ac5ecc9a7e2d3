"""Over de cijfers: wat elke indicator betekent, waar hij vandaan komt, hoe de index werkt en wat niet getoond wordt."""

import streamlit as st

from analysis import cohesion_index
from analysis.formatting import format_number
from ui import layout, store
from ui.views import over_de_cijfers as view

layout.page_setup("Over de cijfers")
settings = store.settings()
rules = store.privacy_rules()
indicators, themes = store.table("indicator"), store.table("theme").set_index("theme_id").label
spec, index_themes = store.index_spec()
DIRECTION = {"higher": "hoger is gunstiger", "lower": "lager is gunstiger", "neutral": "geen richting"}

st.subheader("Indicatoren")
st.markdown(
    "Alle cijfers in de Wijkmonitor, met hun definitie en bron. De kolom **Echt of demo** zegt per cijfer of het "
    "echt is (CBS, of een *modelschatting RIVM*: geen telling of enquêteuitkomst per wijk, maar een schatting uit "
    "de landelijke Gezondheidsmonitor en kenmerken van de wijk) of *demo*: voor deze proefversie gegenereerd, niet "
    "echt. *Afgeleid* betekent: berekend uit andere cijfers op het moment van tonen."
)
st.table(view.catalogue_table(indicators, themes, DIRECTION))
st.caption(view.real_demo_count(indicators))

st.subheader("De sociale-samenhangindex")
labels = indicators.set_index("indicator_id").label
components = spec.components.assign(
    Indicator=spec.components.indicator_id.map(labels),
    Deelindex=spec.components.theme_id.map(themes),
    Gewicht=spec.components.weight.map(lambda w: format_number(w, 0)),
    Richting=spec.components.direction.map(DIRECTION),
    **{"Echt of demo": spec.components.indicator_id.map(view.real_or_demo(indicators))},
)[["Indicator", "Deelindex", "Gewicht", "Richting", "Echt of demo"]]
st.markdown(
    f"""
De index vat {len(components)} cijfers over samenhang en inzet samen in één getal per wijk en jaar.

1. **Vergelijkingspunt.** Voor elk cijfer nemen we de waarde van de gemeente in **{spec.base_year}** (de start van
   wijkgericht werken) en de spreiding tussen de wijken in dat jaar (de standaardafwijking).
2. **Afstand.** Voor een wijk berekenen we hoeveel standaardafwijkingen ze van dat vergelijkingspunt af ligt. Bij
   cijfers waar *lager* gunstiger is (zoals eenzaamheid) draaien we het teken om: positief is altijd gunstig.
3. **Gewogen gemiddelde.** De afstanden worden gewogen gemiddeld (gewichten hieronder) en omgerekend:
   **index = 100 + {format_number(spec.points_per_sd, 0)} × gewogen gemiddelde afstand**. Dus 100 = de gemeente in
   {spec.base_year}; 110 = gemiddeld één standaardafwijking gunstiger.
4. **Ontbrekende cijfers.** Ontbreekt een cijfer, dan tellen de overige mee; maar als de aanwezige cijfers samen
   minder dan {format_number(spec.min_weight_share * 100, 0)}% van het totale gewicht hebben, is er geen index.
5. **Kleine wijken.** Wijken met minder dan {format_number(rules.min_population, 0)} inwoners
   (de industrieterreinen en het buitengebied) krijgen geen index: daar zijn te weinig waarnemingen.
6. **Uitsplitsing.** De bijdrage van elk cijfer is zijn deel van de som; de bijdragen plus 100 zijn precies de index.
   Deelindexen per thema ({", ".join(themes[t].lower() for t in index_themes)}) werken op dezelfde manier met
   alleen de cijfers van dat thema.
"""
)
st.markdown(
    cohesion_index.real_components_note(spec, labels, store.indicator_values())
    or "Alle onderdelen van de index zijn democijfers."
)
st.table(components.set_index("Indicator"))
st.caption("De gewichten staan in data/catalogue/index.yaml; de beheerder kan ze aanpassen.")

st.markdown("**Hoe gevoelig is de volgorde voor de gewichten?**")
results = store.cohesion_index_results()
scored = results["index"].scores.dropna(subset=["index"]) if "index" in results else None
if scored is None or scored.empty:
    st.info("Met de gegevens zoals ze nu geladen zijn, is er geen index om de gevoeligheid van te tonen.")
else:
    latest = int(scored.year.max())
    view.sensitivity_table(store.index_sensitivity(latest), store.table("area"), latest)

st.subheader("Privacy: wat niet getoond wordt")
st.markdown(
    f"""
Overal waar de raad kan meekijken en in alles wat geprint wordt, gelden deze regels. Een cijfer dat niet getoond
wordt staat er als **–**, met de reden.

- **Kleine aantallen:** aantallen van 1 tot en met {rules.max_small_count} (bijvoorbeeld deelnemers of
  vrijwilligers) worden niet getoond; 0 wel.
- **Cijfers per inwoner in bijna lege wijken:** percentages en cijfers per 1.000 inwoners van wijken met minder dan
  {format_number(rules.min_population, 0)} inwoners worden niet getoond.
- **Enquêtecijfers met weinig respondenten:** bij minder dan {rules.min_respondents} respondenten niet getoond.
- **Geen persoonsgegevens:** de Wijkmonitor bewaart alleen cijfers per gebied en registers zonder namen.
"""
)

st.subheader("Gebieden en grenzen")
st.markdown(view.areas_text(store.table("area"), settings))
