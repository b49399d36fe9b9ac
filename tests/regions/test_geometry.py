from regions.geometry import region_map, shade


def test_the_map_has_one_closed_path_per_region():
    m = region_map()
    assert len(m.shapes) == 35
    for shape in m.shapes:
        assert shape.path.startswith("M") and shape.path.endswith("Z")


def test_the_map_fits_its_view_box_and_is_taller_than_wide():
    m = region_map(width=400)
    xs = [
        float(c.split(",")[0])
        for s in m.shapes
        for c in s.path.replace("M", "").replace("L", "").replace("Z", "").split()
    ]
    assert min(xs) >= 0 and max(xs) <= 400.01
    assert m.height > m.width  # the Netherlands is taller than wide once longitude is corrected


def test_groningen_is_north_east_of_zeeland():
    shapes = {s.code: s for s in region_map().shapes}
    groningen, zeeland = shapes["AM01"].centroid, shapes["AM24"].centroid
    assert groningen[0] > zeeland[0] and groningen[1] < zeeland[1]


def test_shade_runs_from_light_to_dark():
    assert shade(0, 0, 10) == "#deebf7"
    assert shade(10, 0, 10) == "#084594"
    assert shade(5, 5, 5) == "#deebf7"
