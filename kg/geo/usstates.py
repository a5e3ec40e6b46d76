"""US state abbreviations as American newspapers write them after a town: "Paris, Tenn.", "Rome, N.Y.",
"Springfield, IL". Team-written from the AP Stylebook's state abbreviations (plus common variants)
and the USPS postal codes; values are postal codes, which are our US ADM1 records' ``admin1``.

AP-style forms carry their dots and are matched exactly ("Miss." the state, not a title, only where
a place name stands before it); postal codes only right after "<town>, ", where nothing else fits.
"""

from __future__ import annotations

from kg.geo.centroids import US_STATE_CENTRES

AP_STYLE: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
    "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
    "N.M.": "NM", "N.Mex.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "N.Dak.": "ND", "Okla.": "OK",
    "Ore.": "OR", "Oreg.": "OR", "Pa.": "PA", "Penn.": "PA", "Penna.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "S.Dak.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}

POSTAL = frozenset(US_STATE_CENTRES)  # the 50 states and DC


def state_code(text: str, after_town: bool) -> str | None:
    """The postal code a mention's exact text abbreviates, or None. ``after_town``: the mention
    directly follows "<place>, ", the only place a bare postal code is read as a state."""
    text = text.strip()
    code = AP_STYLE.get(text) or AP_STYLE.get(text + ".")
    if code is None and after_town and text in POSTAL:
        code = text
    return code
