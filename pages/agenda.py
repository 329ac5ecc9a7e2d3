"""Agenda van de wijk: de acties per wijk, wat te laat is, en samenvattingen per wijk en per ambitie."""

from datetime import date

import streamlit as st

from analysis import agenda
from data import edits
from ui import forms, layout, records, store
from ui.text import inert

user = layout.page_setup("Agenda van de wijk")
forms.show_saved()
today = date.today()
areas = forms.area_options(include_gemeente=False)
area_code = forms.area_picker(areas, user=user)
themes = dict(store.table("theme")[["theme_id", "label"]].itertuples(index=False, name=None))
ambition_table = store.table("ambition").sort_values("number")
ambitions = {row.ambition_id: f"{row.number} · {row.title}" for row in ambition_table.itertuples()}
items = agenda.with_overdue(store.table("agenda_item"), today)
mine = items[items.area_code == area_code].sort_values(["deadline", "item_id"])

st.subheader(f"Agenda van {areas[area_code]}")
late = int(mine.overdue.sum())
st.markdown(
    f"{len(mine)} acties, waarvan {int((mine.status == 'afgerond').sum())} afgerond en **{late} te laat** "
    f"(deadline vóór {today:%d-%m-%Y} en niet afgerond; gemarkeerd met {records.OVERDUE_LABEL}). "
    ":orange-badge[demo] De agenda bevat demodata en wat in de app is toegevoegd."
)
if mine.empty:
    st.info("Nog geen acties voor deze wijk. Voeg er hieronder een toe.")
else:
    st.table(records.agenda_items(mine, themes, ambitions, forms.agenda_versions()))

if user.may("agenda", area_code):
    add, update = st.tabs(["Actie toevoegen", "Actie bijwerken"])
else:
    forms.read_only_notice(user, "agenda", areas[area_code])
    add, update = None, st.container()

if add is not None:
    with add, st.form("actie_nieuw"):
        left, right = st.columns(2)
        theme = left.selectbox("Thema", list(themes), format_func=themes.get, key="actie_thema")
        with right:
            ambition_id = forms.optional_select("Ambitie (optioneel)", ambitions, key="actie_ambitie")
        action = st.text_area("Actie", max_chars=edits.MAX_TEXT, key=forms.fresh_key("actie_tekst"))
        owner, status, deadline, progress = st.columns(4)
        owner_role = owner.selectbox("Eigenaar (rol)", edits.OWNER_ROLES, key="actie_eigenaar")
        new_status = status.selectbox("Status", edits.AGENDA_STATUSES, key="actie_status")
        new_deadline = deadline.date_input("Deadline", value=None, format="DD-MM-YYYY", key="actie_deadline")
        new_progress = progress.number_input("Voortgang (%)", 0, 100, 0, step=5, key="actie_voortgang")
        if st.form_submit_button("Actie opslaan", type="primary"):
            item = edits.AgendaItem(
                area_code, theme, action, owner_role, new_status, new_deadline, int(new_progress), ambition_id
            )
            try:
                item_id, _ = edits.add_agenda_item(store.store(), item, user)
            except edits.EditError as error:
                forms.show_refused(error)
            else:
                forms.saved(f"Actie {item_id} toegevoegd aan de agenda van {areas[area_code]}.")

with update:
    if mine.empty:
        st.info("Deze wijk heeft nog geen acties om bij te werken.")
    else:
        labels = {row.item_id: f"{row.item_id} — {row.action[:70]}" for row in mine.itertuples()}
        item_id = st.selectbox("Actie", list(labels), format_func=labels.get, key="bijwerken_actie")
        current = mine.set_index("item_id").loc[item_id]
        if add is not None:
            with st.form("actie_bijwerken"):
                status_col, progress_col = st.columns(2)
                changed_status = status_col.selectbox(
                    "Nieuwe status",
                    edits.AGENDA_STATUSES,
                    index=edits.AGENDA_STATUSES.index(current.status),
                    key="bw_status",
                )
                changed_progress = progress_col.number_input(
                    "Voortgang (%)", 0, 100, int(current.progress_pct), step=5, key="bw_voortgang"
                )
                if st.form_submit_button("Wijziging opslaan", type="primary"):
                    try:
                        edits.update_agenda_item(
                            store.store(),
                            item_id,
                            status=changed_status,
                            progress_pct=int(changed_progress),
                            user=user,
                        )
                    except edits.EditError as error:
                        forms.show_refused(error)
                    else:
                        forms.saved(f"Actie {item_id} bijgewerkt; de vorige versie blijft bewaard.")
        st.markdown(f"**Geschiedenis van {inert(item_id)}**")
        st.table(records.agenda_history(forms.history("agenda_item", item_id)))

st.subheader("Samenvatting per wijk")
wijk_names = {code: name for code, name in areas.items()}
st.table(records.summary(agenda.summarise(items, "area_code", today), "area_code", wijk_names, "Wijk"))
st.subheader("Samenvatting per ambitie")
st.table(records.summary(agenda.summarise(items, "ambition_id", today), "ambition_id", ambitions, "Ambitie"))
