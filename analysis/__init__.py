"""Pure analysis functions over DataFrames: no I/O, no Streamlit, nothing else of ours imported."""
