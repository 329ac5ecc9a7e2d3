"""Plotly figure builders from analysis output and the catalogue; no Streamlit here."""
