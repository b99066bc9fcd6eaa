"""Pictures of views for a slide: a chart at slide size (its title moved to the slide's), the map as PNG (the deck)
or SVG (the slide show)."""

from __future__ import annotations

import altair as alt

from smt_dashboard.views import Built, View

MAX_PLOT_HEIGHT = 330  # px


def slide_chart(chart: alt.TopLevelMixin, width: int, facet_size: tuple[int, int | None] | None = None,
                max_height: int = MAX_PLOT_HEIGHT) -> alt.TopLevelMixin:
    """The chart as drawn on a slide: its title moves to the slide's title, a chart sized by its container on
    the page gets a fixed width, and a faceted chart's panels get ``facet_size`` (wide and low for 16:9)."""
    out = chart.copy(deep=True)
    out.title = alt.Undefined
    if isinstance(out, alt.FacetChart):
        if facet_size is not None:
            out.spec.width = facet_size[0]
            if facet_size[1] is not None:
                out.spec.height = facet_size[1]
                out.spacing = 6  # lanes set low: less room between them too
    else:
        if getattr(out, "width", alt.Undefined) is alt.Undefined:
            out = out.properties(width=width)
        # A lower plot keeps the labels legible once the picture is scaled into the slide's 16:9 frame.
        if isinstance(out.height, (int, float)) and out.height > max_height:
            out = out.properties(height=max_height)
    return out


def render_map_svg(built: Built, lang: str) -> str:
    """The map view as SVG (the slide show draws it vector, like the charts)."""
    from smt_dashboard import maps_static

    spec = built.content
    return maps_static.map_svg(spec.geo, spec.rows, lang, spec.selected, spec.metric, products=spec.products)


def render_picture(view: View, built: Built, lang: str) -> bytes:
    """PNG of a chart view (vl-convert) or of the map (maps_static)."""
    from smt_dashboard import export, maps_static

    if built.kind == "map":
        spec = built.content
        return maps_static.map_png(spec.geo, spec.rows, lang, spec.selected, spec.metric, products=spec.products)
    return export.chart_png(slide_chart(built.content, view.chart_width, view.facet_size), lang)
