"""One module per page, named after the Dutch page it serves: what only that page uses.

What several pages share stays in ui/ (layout, navigation, access, params, text, store, cached, widgets, tiles).
"""
