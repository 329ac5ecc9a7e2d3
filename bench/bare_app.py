"""The bare Streamlit app the browser benchmark compares against: a title and one plotly ``choropleth_map``
of 14 polygons on ``white-bg`` (the Wijkmonitor's map style), nothing else. No store, no caches.

Run as ``streamlit run bench/bare_app.py``; it has one choice (the colour column), so a rerun can be timed
the same way as on the app's pages.
"""

import plotly.express as px
import streamlit as st

# 14 squares of about 1,5 km on a 4 × 4 grid around Oosterhout (lon/lat, EPSG:4326)
SIZE = 0.02
FEATURES = [
    {
        "type": "Feature",
        "properties": {"code": f"V{number:02d}"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [
                [
                    [4.82 + SIZE * (number % 4), 51.61 + SIZE * (number // 4)],
                    [4.82 + SIZE * (number % 4 + 1), 51.61 + SIZE * (number // 4)],
                    [4.82 + SIZE * (number % 4 + 1), 51.61 + SIZE * (number // 4 + 1)],
                    [4.82 + SIZE * (number % 4), 51.61 + SIZE * (number // 4 + 1)],
                    [4.82 + SIZE * (number % 4), 51.61 + SIZE * (number // 4)],
                ]
            ],
        },
    }
    for number in range(14)
]

st.title("Kale pagina")
column = st.selectbox("Kleur", ["a", "b"])
values = {
    "code": [feature["properties"]["code"] for feature in FEATURES],
    "a": list(range(14)),
    "b": list(range(14, 0, -1)),
}
figure = px.choropleth_map(
    values,
    geojson={"type": "FeatureCollection", "features": FEATURES},
    locations="code",
    featureidkey="properties.code",
    color=column,
    map_style="white-bg",
    center={"lat": 51.65, "lon": 4.86},
    zoom=11,
)
st.plotly_chart(figure)
