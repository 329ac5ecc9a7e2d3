"""Wijkmonitor Oosterhout: the picture frame. Navigation only; every page sets itself up (ui.layout)."""

from ui import warmup
from ui.navigation import navigation

with warmup.page_run():  # afterwards the other pages' caches fill in the background (ui/warmup.py)
    navigation().run()
