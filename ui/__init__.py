"""The only package besides pages/ that imports streamlit: cached store access, layout and widgets."""
