"""Charts of the ecosystem page: companies by product model, and company sizes against the US companies."""

from __future__ import annotations

from smt_dashboard.charts.common import FONT, FRANCE_COLOR, OTHER_COLOR, PALETTE

NATIONALITY_ORDER = ("french", "foreign_subsidiary")
NATIONALITY_COLORS = {"french": FRANCE_COLOR, "foreign_subsidiary": PALETTE[0]}
GROUP_COLORS = {"us": OTHER_COLOR, "french": FRANCE_COLOR, "foreign_subsidiary": PALETTE[0]}
LABEL_FONT = FONT
_AXIS_FONT = {"labelFont": LABEL_FONT, "titleFont": LABEL_FONT}
