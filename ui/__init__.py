"""The only package besides pages/ that imports streamlit: what several pages share.

ui/views/ holds one module per page, named after it.
"""
