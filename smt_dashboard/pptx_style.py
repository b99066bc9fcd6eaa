"""The deck's type: one font (Arial: PowerPoint has it and LibreOffice substitutes the metric-compatible Liberation
Sans, so the slides break lines at the same places in both), the chart text size, the languages' proofing ids."""

from __future__ import annotations

from pptx.enum.lang import MSO_LANGUAGE_ID

FONT_NAME = "Arial"
# 12 pt on a 13.33 in wide slide is 24 px at 1920 px wide: chart text read from the back of the room.
CHART_FONT = 12
LANGUAGE_IDS = {"fr": MSO_LANGUAGE_ID.FRENCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}
