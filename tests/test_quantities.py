"""Quantities keep their qualifiers, ranges, rates and meaning (issue 11)."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app

runner = CliRunner()


def _quantities(code, text):
    return [(q.text, q.value, q.unit, q.per, q.approximate, q.low, q.high) for q in code(text).quantities]


def test_at_least_keeps_its_words_and_a_lower_bound(code):
    [(text, value, unit, per, approximate, low, high)] = _quantities(code, "Shelling killed at least 20 civilians in the town.")
    assert text == "at least 20 civilians" and value == 20 and unit == "civilian"
    assert approximate and low == 20 and high is None


def test_upper_bounds_and_plain_hedges(code):
    found = {q[0]: q for q in _quantities(code, "Up to 3,000 soldiers crossed, and about 400 families left.")}
    assert found["Up to 3,000 soldiers"][4:] == (True, None, 3000)
    assert found["about 400 families"][4:] == (True, None, None)


@pytest.mark.parametrize("text, phrase, low, high, unit", [
    ("The bridge will cost $6 - $8 billion to rebuild.", "$6 - $8 billion", 6e9, 8e9, "USD"),
    ("Imports dropped 10 to 15 percent after the embargo.", "10 to 15 percent", 10, 15, "percent"),
    ("The navy lost between 5 and 7 ships.", "between 5 and 7 ships", 5, 7, "ship"),
])
def test_ranges_keep_both_ends(code, text, phrase, low, high, unit):
    [q] = [q for q in code(text).quantities]
    assert (q.text, q.low, q.high, q.unit) == (phrase, low, high, unit)
    assert q.value == low and q.approximate


def test_rates_set_per(code):
    found = {q.text: q for q in code("Pensioners get about $69 a month, and 30,000 barrels a day flow north.").quantities}
    assert found["about $69 a month"].per == "month" and found["about $69 a month"].unit == "USD"
    assert found["30,000 barrels a day"].per == "day"
    [growth] = code("Exports grew 12 percent last year.").quantities
    assert growth.per is None and growth.text == "12 percent"


def test_article_and_section_numbers_are_not_quantities(code):
    assert code("The allies invoked Article 5 of the treaty.").quantities == []
    texts = [q.text for q in code("Section 232 duties rose to 25% under Resolution 2231.").quantities]
    assert texts == ["25%"]


def test_extract_contract_carries_bounds(tmp_path):
    path = tmp_path / "q.txt"
    path.write_text("Floods displaced at least 1,200 people, officials said.")
    result = runner.invoke(app, ["extract", str(path), "--date", "2024-04-02"])
    assert result.exit_code == 0, result.output
    [q] = json.loads(result.stdout)["quantities"]
    assert q["text"] == "at least 1,200 people" and q["low"] == 1200 and q["approximate"] is True


def test_brief_reads_ranges_and_bounds(tmp_path):
    db = tmp_path / "s.duckdb"
    path = tmp_path / "q.txt"
    path.write_text("Chile pledged $2 - $3 billion to Peru. At least 40 people were hurt. Aid costs $12 a week.")
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db), "--date", "2024-04-02"]).exit_code == 0
    result = runner.invoke(app, ["brief", "--db", str(db), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "$2 - $3 billion (2 billion to 3 billion USD)" in result.stdout
    assert "At least 40 people (at least 40 people)" in result.stdout
    assert "$12 a week (12 USD per week)" in result.stdout
