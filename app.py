"""Wijkmonitor Oosterhout: the picture frame. Navigation only; every page sets itself up (ui.layout)."""

import streamlit as st

navigation = st.navigation(
    {
        "Verkennen": [
            st.Page("pages/overzicht.py", title="Overzicht", icon=":material/dashboard:", default=True),
        ],
    }
)
navigation.run()
