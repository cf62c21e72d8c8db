"""Work on the real-news gold (`gold/news_dev.jsonl`); see docs/annotation.md.

    python tools/news_gold.py docs                      even-hash documents with sentence counts
    python tools/news_gold.py show ID                   a document's sentences, numbered, with spans
    python tools/news_gold.py check FILE...             validate annotation files (one document per line)
    python tools/news_gold.py merge DIR -o OUT          merge every *.jsonl in DIR into OUT, by doc_id

Sentences are segmented by the project's own pipeline, so indices and spans agree with `extract`.
Only documents whose id hashes even may be annotated; the tool refuses the others.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def is_dev(doc_id: str) -> bool:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2 == 0


def corpus(path: Path = CORPUS) -> dict[str, dict]:
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r for r in records if is_dev(r["id"])}


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text`` (the record's text field), as the pipeline segments the stripped text."""
    sys.path.insert(0, str(ROOT / "src"))
    from realpolitik.nlp import load_nlp

    offset = len(text) - len(text.lstrip())
    doc = load_nlp()(text.strip())
    return [(s.start_char + offset, s.end_char + offset) for s in doc.sents]


def cmd_docs(_: argparse.Namespace) -> None:
    for doc_id, record in sorted(corpus().items()):
        print(doc_id, len(sentences(record["text"])), record["published"][:10], record["title"], sep="\t")


def cmd_show(args: argparse.Namespace) -> None:
    record = corpus().get(args.id)
    if record is None:
        sys.exit(f"error: {args.id}: not an even-hash document of the corpus")
    text = record["text"]
    print(f"# {args.id} {record['published'][:10]} {record['section']}: {record['title']}")
    for index, (start, end) in enumerate(sentences(text)):
        print(f"[{index}] {start}-{end}  {text[start:end]}")


def _check_reading(where: str, reading: dict) -> list[str]:
    problems = []
    for role in ("source", "target"):
        code = reading.get(role)
        if role == "source" and code is None:
            problems.append(f"{where}: source may not be null (use '*')")
        elif code is not None and not (code in {"IGO", "*"} or (len(code) == 3 and code.isupper())):
            problems.append(f"{where}: {role} {code!r} is not ISO3, IGO or *")
    types = reading.get("types")
    if not types or any(t not in PLOVER for t in types):
        problems.append(f"{where}: types {types!r} must be a non-empty list of PLOVER types")
    unknown = set(reading) - {"source", "target", "types", "mutual"}
    if unknown:
        problems.append(f"{where}: unknown keys {sorted(unknown)}")
    return problems


def check_record(record: dict, docs: dict[str, dict]) -> list[str]:
    doc_id = str(record.get("doc_id"))
    if doc_id not in docs:
        return [f"{doc_id}: not an even-hash document of the corpus"]
    spans = sentences(docs[doc_id]["text"])
    problems = []
    if record.get("sentences_total") != len(spans):
        problems.append(f"{doc_id}: sentences_total should be {len(spans)}")
    for entry in record.get("sentences", []):
        index = entry.get("index")
        where = f"{doc_id}[{index}]"
        if not isinstance(index, int) or not 0 <= index < len(spans):
            problems.append(f"{where}: no such sentence")
            continue
        if tuple(entry.get("span", ())) != spans[index]:
            problems.append(f"{where}: span should be {list(spans[index])}")
        for kind in ("expect", "forbid", "optional"):
            for reading in entry.get(kind, []):
                problems += _check_reading(f"{where} {kind}", reading)
    return problems


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cmd_check(args: argparse.Namespace) -> None:
    docs = corpus()
    problems = [p for name in args.files for r in read_lines(Path(name)) for p in check_record(r, docs)]
    print("\n".join(problems) or "ok")
    sys.exit(1 if problems else 0)


def cmd_merge(args: argparse.Namespace) -> None:
    docs = corpus()
    merged: dict[str, dict] = {}
    for path in sorted(Path(args.dir).glob("*.jsonl")):
        for record in read_lines(path):
            problems = check_record(record, docs)
            if problems:
                sys.exit("\n".join(problems))
            record["sentences"].sort(key=lambda s: s["index"])
            merged[str(record["doc_id"])] = record
    with open(args.output, "w", encoding="utf-8") as out:
        for doc_id in sorted(merged):
            out.write(json.dumps(merged[doc_id], ensure_ascii=False) + "\n")
    total = sum(r["sentences_total"] for r in merged.values())
    print(f"{len(merged)} documents, {total} sentences -> {args.output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("docs").set_defaults(run=cmd_docs)
    show = sub.add_parser("show")
    show.add_argument("id")
    show.set_defaults(run=cmd_show)
    check = sub.add_parser("check")
    check.add_argument("files", nargs="+")
    check.set_defaults(run=cmd_check)
    merge = sub.add_parser("merge")
    merge.add_argument("dir")
    merge.add_argument("-o", "--output", default=str(ROOT / "gold" / "news_dev.jsonl"))
    merge.set_defaults(run=cmd_merge)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
