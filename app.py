"""The Wijkmonitor: the picture frame. Navigation only; every page sets itself up (ui.layout)."""

from ui.navigation import navigation

navigation().run()
