"""Design tokens shared by the renderers: fonts, type scale, spacing. Colours come from the clinic."""
