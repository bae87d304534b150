"""Reading and checking member rolls (pure rules; the handlers' tests cover the errors)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sovet.domain.roll import needs_trimming, read_roll, roll_rows, split_text

field = st.text(alphabet=st.sampled_from("ab ,\t\"'\n"), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(field, field), min_size=1, max_size=5))
def test_needs_trimming_never_misses_an_untidy_roll(rows: list[tuple[str, str]]) -> None:
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["number", "name", "council"])
    writer.writerows((f"n{i}", a, b) for i, (a, b) in enumerate(rows))
    text = buf.getvalue()
    table = read_roll(text, "t")
    if not table.clean:
        assert needs_trimming(text)


def test_untidy_roll_is_rewritten_trimmed() -> None:
    table = read_roll("number, name ,council\n 1 ,\tAda, north\n", "t")
    assert not table.clean
    assert table.canonical_text() == "number,name,council\n1,Ada,north\n"
    assert roll_rows(table.canonical_text()) == [("1", "Ada", "north", None, None)]


@given(st.text(alphabet="ab\n", max_size=200), st.integers(min_value=1, max_value=50))
def test_split_text_parts_join_back(text: str, size: int) -> None:
    parts = split_text(text, size)
    assert "".join(parts) == text
    assert all(p.endswith("\n") for p in parts[:-1])
