from __future__ import annotations

import json

import pytest

from realpolitik.errors import InputError
from realpolitik.sources import doc_id_for, read_paths


def test_text_and_markdown_title(tmp_path):
    (tmp_path / "a.md").write_text("# Headline here\n\nBody text about Chile.", encoding="utf-8")
    [doc] = list(read_paths([tmp_path / "a.md"], date="2024-01-02"))
    assert doc.title == "Headline here" and doc.text == "Body text about Chile." and doc.date == "2024-01-02"


def test_jsonl_maps_common_field_names(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": 7, "body": "Peru met Chile.", "published": "2025-03-14 20:30:26Z"}) + "\n")
    [doc] = list(read_paths([path]))
    assert (doc.doc_id, doc.text, doc.date) == ("7", "Peru met Chile.", "2025-03-14")


def test_feed_entries_become_documents(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>One</title><description>Chile praised Peru.</description><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>
    <item><title>Two</title><description>Peru criticized Chile.</description></item></channel></rss>""")
    docs = list(read_paths([feed]))
    assert [d.title for d in docs] == ["One", "Two"] and docs[0].date == "2024-06-03"


def test_html_main_text(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><body><nav>menu</nav><article><p>" + "Chile and Peru signed a fisheries treaty on Monday. " * 5
                    + "</p></article></body></html>")
    [doc] = list(read_paths([page]))
    assert "fisheries treaty" in doc.text and "menu" not in doc.text


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Chile met Peru.")
    (tmp_path / "y.txt").write_text("Peru met Chile.")
    assert len(list(read_paths([tmp_path]))) == 2


@pytest.mark.parametrize("content,problem", [
    (b"", "empty"), (b"\x00\x01binary\x00", "binary"), (b"caf\xe9 au lait", "UTF-8"),
])
def test_bad_files_raise_one_line_errors(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        list(read_paths([path]))
    assert problem in str(info.value) and str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_file_and_malformed_jsonl(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_paths([tmp_path / "nope.txt"]))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n')
    with pytest.raises(InputError, match=r"bad.jsonl:2: malformed JSON"):
        list(read_paths([bad]))


def test_malformed_feed(tmp_path):
    path = tmp_path / "x.rss"
    path.write_text("<rss><channel><item><title>broken")
    with pytest.raises(InputError, match="malformed feed"):
        list(read_paths([path]))


def test_document_identity_is_text_hash():
    assert doc_id_for("Same text. ") == doc_id_for("Same text.") != doc_id_for("Other text.")


def test_html_without_main_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>menu</nav><script>var x = 1;</script></body></html>")
    with pytest.raises(InputError, match="no main text"):
        list(read_paths([page]))


def test_too_large_file(tmp_path, monkeypatch):
    from realpolitik import settings

    monkeypatch.setitem(settings.settings()["sources"], "max_file_bytes", 10)
    path = tmp_path / "big.txt"
    path.write_text("Chile praised Peru and Peru praised Chile.")
    with pytest.raises(InputError, match="too large"):
        list(read_paths([path]))
