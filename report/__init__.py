"""The Raadssnapshot: a citable, reproducible A4 PDF of the gemeente or one wijk (no Streamlit here).

``report.snapshot`` gathers the data as it was after one load and renders it; ``report.figures`` draws
the maps and charts as PNG; ``python -m report snapshot …`` is the command line.
"""
