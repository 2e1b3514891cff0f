"""``newslint check --input-format jsonl``: articles from a JSON-lines archive, as a stream."""

from __future__ import annotations

import gc
import gzip
import importlib.util
import json
import os
import subprocess
import sys
import weakref
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newslint import archive
from newslint.cli import main
from newslint.document import Span
from newslint.engine import FileResult, Options, Session
from newslint.manager import get_plugin_manager
from newslint.spool import ResultSpool
from newslint.violation import Severity, Violation
from tests.conftest import Project, cli_env

from .conftest import BACKGROUND, needs_data, write_archive

Run = Callable[..., tuple[int, str, str]]
JSONL = ("--input-format", "jsonl")


def findings(stdout: str) -> list[dict[str, object]]:
    return json.loads(stdout)


@needs_data
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_archive_reports_what_the_files_report(run_cli: Run, news: tuple[Path, Path],
                                               jobs: str) -> None:
    root, packed = news
    code, files_out, err = run_cli("check", "news", "--no-cache", "--jobs", "1",
                                   "--format", "json", cwd=root)
    assert code == 1 and not err
    code, archive_out, err = run_cli("check", *JSONL, packed.name, "--text-field", "body",
                                     "--format-hint", "markdown", "--jobs", jobs,
                                     "--format", "json", cwd=root)
    assert code == 1 and not err
    assert findings(archive_out) == findings(files_out)  # same content, same order, ids as paths
    assert not (root / ".newslint_cache").exists()  # archives are not cached


@needs_data
def test_background_corpus_headline_from_title_field(run_cli: Run, tmp_path: Path) -> None:
    with gzip.open(BACKGROUND, "rt", encoding="utf-8") as fh:
        records = [json.loads(next(fh)) for _ in range(6)]
    # the export repeats the title as the text's H1; one article here does not
    records[1]["markdown"] = records[1]["markdown"].split("\n", 1)[1].lstrip()
    packed = write_archive(tmp_path / "wikinews.jsonl.gz", records)
    (tmp_path / ".newslint.toml").write_text('select = ["HL"]\n', encoding="utf-8")
    args = ("check", *JSONL, packed.name, "--text-field", "markdown", "--format", "json",
            "--exit-zero")
    code, with_title, err = run_cli(*args, "--title-field", "title", cwd=tmp_path)
    assert code == 0 and not err
    hits = findings(with_title)
    assert {h["path"] for h in hits} <= {r["id"] for r in records}
    # no article lacks its headline or repeats it in its body
    assert not [h for h in hits if h["rule"] in ("headline-missing", "headline-repeated")]
    code, without, _ = run_cli(*args, cwd=tmp_path)
    assert any(h["path"] == records[1]["id"] and h["code"] == "HL201" for h in findings(without))


def test_with_headline() -> None:
    assert archive.with_headline("Body.\n", "Big  news", ".md") == "# Big news\n\nBody.\n"
    assert archive.with_headline("# Big news\n\nBody.", "Big news", ".md") == "# Big news\n\nBody."
    assert (archive.with_headline("<p>Body.</p>", "A & B", ".html")
            == "<h1>A &amp; B</h1>\n<p>Body.</p>")
    assert archive.with_headline("A & B\n\nBody.", "A & B", ".txt") == "A & B\n\nBody."
    assert archive.with_headline("Body.", "A & B", ".txt") == "A & B\n\nBody."


@pytest.mark.parametrize(("text", "suffix"), [
    # the headline already there, written any way the readers take it
    ("# Big news\r\n\r\nBody.\r\n", ".md"),
    ("Big news\n========\n\nBody.\n", ".md"),
    ("# Big news #\n\nBody.\n", ".md"),
    ("---\ndate: 2019\n---\n\n# Big  news\n\nBody.\n", ".md"),
    ('<h1 class="title">Big <em>news</em></h1>\n<p>Body.</p>', ".html"),
    ("<!DOCTYPE html><html><body><h1>Big news</h1><p>Body.</p></body></html>", ".html"),
    ("Big news\r\n\r\nBody.\r\n", ".txt"),
])
def test_with_headline_finds_the_headline_however_written(text: str, suffix: str) -> None:
    assert archive.with_headline(text, "Big news", suffix) == text


@pytest.mark.parametrize("text", [
    "<!-- <h1>Big news</h1> --><p>Body.</p>",
    '<script>var t = "<h1>Big news</h1>";</script><p>Body.</p>',
    "<nav><h1>Big news</h1></nav><p>Body.</p>",
    "<h1>Big news</h1><article><p>Body.</p></article>",
    '<html><body><nav>Menu</nav><main class="story"><p>Body.</p></main></body></html>',
])
def test_with_headline_adds_the_title_where_the_reader_takes_no_such_headline(text: str) -> None:
    # an <h1> the HTML reader does not take for the headline was, and the title was lost; so
    # was one put before a page whose <article> or <main> is all the reader reads
    reader = get_plugin_manager().readers[".html"]
    document = reader.read("a.html", archive.with_headline(text, "Big news", ".html"))
    assert document.headline is not None and document.headline.text == "Big news"


def test_with_headline_goes_after_the_front_matter() -> None:
    text = "---\ndate: 2019\n---\n\nBody.\n"
    assert archive.with_headline(text, "Big news", ".md") == (
        "---\ndate: 2019\n---\n# Big news\n\n\nBody.\n")


@pytest.mark.parametrize("title", ["Minister speaks on C #", "A *b* [c](d) `e` &amp; x_y \\ <i>"])
def test_a_markdown_title_is_read_back_as_written(title: str) -> None:
    reader = get_plugin_manager().readers[".md"]
    document = reader.read("a.md", archive.with_headline("Body.\n", title, ".md"))
    assert document.headline is not None and document.headline.text == title

def test_bad_lines_are_one_error_each_and_the_rest_is_linted(run_cli: Run, project: object,
                                                              tmp_path: Path) -> None:
    root = project.root  # type: ignore[attr-defined]
    write_archive(root / "mixed.jsonl", [
        {"id": "good", "text": "Fire\n\nThe fire spread in the the night.\n"},
        "{not json",
        {"id": "no-text", "title": "x"},
        {"id": 7, "text": "   "},
        {"id": "odd", "text": "Fine.", "kind": "pdf"},
        '"a string"',
        {"text": "Spring\n\nParis in the the spring.\n"},
        {"id": "nul", "text": "Fire\n\nThe\u0000 fire.\n"},
        {"id": True, "text": "   "},
    ])
    code, out, err = run_cli("check", *JSONL, "mixed.jsonl", "--format-field", "kind",
                             "--format", "concise", "--jobs", "1")
    assert code == 2
    assert out.splitlines() == ["good:3:20: ST001 \"the\" is repeated",
                                "mixed.jsonl:7:3:10: ST001 \"the\" is repeated"]
    # each error says where the line is: in its name (ARCHIVE:LINE), or beside its id
    assert err.splitlines() == [
        "newslint: error: mixed.jsonl:2: not a JSON object: Expecting property name "
        "enclosed in double quotes at column 2",
        "newslint: error: 7: line 4 of mixed.jsonl: empty article",
        "newslint: error: odd: line 5 of mixed.jsonl: unknown format 'pdf' (choose from htm, "
        "html, markdown, md, plain, text, txt)",
        "newslint: error: mixed.jsonl:6: not a JSON object",
        "newslint: error: nul: line 8 of mixed.jsonl: a NUL character, not an article",
        "newslint: error: mixed.jsonl:9: empty article",  # true is no id
        # a record without the field at all: once for the archive, when it has been read
        "newslint: error: mixed.jsonl: 1 record has no field 'text' (--text-field): line 3 "
        "(id 'no-text'), which has the fields 'id', 'title'",
    ]


@needs_data
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_wrong_text_field_is_one_error_for_the_archive(run_cli: Run, news: tuple[Path, Path],
                                                         jobs: str) -> None:
    root, packed = news  # its 40 articles are in the field 'body'
    code, out, err = run_cli("check", *JSONL, packed.name, "--text-field", "story",
                             "--format", "concise", "--jobs", jobs, cwd=root)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"newslint: error: {packed.name}: 40 records have no field 'story' (--text-field); the "
        "first, line 1 (id 'news/" + sorted((root / "news").iterdir())[0].name + "'), has the "
        "fields 'id', 'body'"]
    # an export whose later records name the field otherwise: the others are still linted
    records = [json.loads(line) for line in gzip.decompress(packed.read_bytes()).splitlines()]
    for record in records[:30]:
        record["story"] = record.pop("body")
    write_archive(packed, records)
    code, out, err = run_cli("check", *JSONL, packed.name, "--text-field", "story",
                             "--format", "json", "--jobs", jobs, cwd=root)
    _, files_out, _ = run_cli("check", *[f"news/{r['id'][5:]}" for r in records[:30]],
                              "--no-cache", "--format", "json", cwd=root)
    assert code == 2 and findings(out) == findings(files_out)
    assert err.splitlines() == [
        f"newslint: error: {packed.name}: 10 records have no field 'story' (--text-field); the "
        f"first, line 31 (id '{records[30]['id']}'), has the fields 'id', 'body'"]


def test_a_title_or_format_that_is_no_text_is_an_error(run_cli: Run, project: object) -> None:
    root = project.root  # type: ignore[attr-defined]
    text = "Fire\n\nThe fire spread in the the night.\n"
    write_archive(root / "typed.jsonl", [
        {"id": "a", "text": text, "head": 42},
        {"id": "b", "text": text, "kind": 3},
        {"id": "c", "text": text, "head": ["Fire"], "kind": "text"},
        {"id": "d", "text": text, "head": None, "kind": None},  # null: no headline, the hint
        {"id": "e", "text": text, "kind": True},
    ])
    code, out, err = run_cli("check", *JSONL, "typed.jsonl", "--title-field", "head",
                             "--format-field", "kind", "--format", "concise", "--jobs", "1")
    assert code == 2
    assert out.splitlines() == ['d:3:20: ST001 "the" is repeated']
    assert err.splitlines() == [
        "newslint: error: a: line 1 of typed.jsonl: field 'head' holds a number, not text",
        "newslint: error: b: line 2 of typed.jsonl: field 'kind' holds a number, not text",
        "newslint: error: c: line 3 of typed.jsonl: field 'head' holds an array, not text",
        "newslint: error: e: line 5 of typed.jsonl: field 'kind' holds true, not text",
    ]


def test_archive_on_standard_input(run_cli: Run) -> None:
    data = gzip.compress(b'{"id": "a", "text": "Spring\\n\\nParis in the the spring."}\n')
    code, out, err = run_cli("check", *JSONL, "-", "--format", "concise", input=data)
    assert (code, err) == (1, "")
    assert out.splitlines() == ['a:3:10: ST001 "the" is repeated']


def test_usage_errors(run_cli: Run, error_line: Callable[..., str]) -> None:
    code, _, err = run_cli("check", *JSONL)
    assert code == 2
    error_line(err, "needs an archive")
    code, _, err = run_cli("check", *JSONL, "missing.jsonl.gz")
    assert code == 2
    error_line(err, "missing.jsonl.gz: cannot read")
    code, _, err = run_cli("check", *JSONL, "x.jsonl", "--fix")
    assert code == 2
    error_line(err, "work on files")
    code, _, err = run_cli("check", "x.jsonl", "--text-field", "body", "--format-hint", "html")
    assert code == 2
    error_line(err, "--text-field, --format-hint need --input-format jsonl")
    code, _, err = run_cli("check", *JSONL, "x.jsonl", "--format-hint", "rtf")
    assert code == 2
    error_line(err, "--format-hint: unknown format 'rtf' (choose from htm, html, markdown, md, "
                    "plain, text, txt)")


def test_the_format_hint_takes_what_a_format_field_takes(run_cli: Run, project: Project) -> None:
    # a format field may say HTML, md or plain: so may the hint that stands in for it
    write_archive(project.root / "a.jsonl", [
        {"id": "page", "text": "<h1>Fire</h1><p>The fire spread in the the night.</p>"}])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--format-hint", "HTML",
                             "--format", "concise", "--jobs", "1")
    assert (code, out, err) == (1, 'page:1:36: ST001 "the" is repeated\n', "")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_corrupt_or_truncated_gzip_is_one_error_and_the_rest_is_linted(
        run_cli: Run, project: object, error_line: Callable[..., str], jobs: str) -> None:
    root = project.root  # type: ignore[attr-defined]
    whole = gzip.compress(b'{"id": "a", "text": "Spring\\n\\nParis in the the spring."}\n')
    (root / "cut.jsonl.gz").write_bytes(whole[:20])
    (root / "bad.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 4)
    for name in ("cut.jsonl.gz", "bad.jsonl.gz"):
        code, _, err = run_cli("check", *JSONL, name, "--jobs", jobs)
        assert code == 2
        error_line(err, f"{name}: line 1: cannot read the archive")
    (root / "good.jsonl.gz").write_bytes(whole)
    code, out, err = run_cli("check", *JSONL, "cut.jsonl.gz", "good.jsonl.gz",
                             "--format", "concise", "--jobs", jobs)
    assert code == 2
    error_line(err, "cut.jsonl.gz: line 1: cannot read the archive")
    assert out.splitlines() == ['a:3:10: ST001 "the" is repeated']


def test_a_utf16_archive_is_one_error_not_one_a_line(
        run_cli: Run, project: object, error_line: Callable[..., str]) -> None:
    # a Windows tool's export: each of its lines was "not a JSON object", millions of them
    root = project.root  # type: ignore[attr-defined]
    lines = '{"id": "a", "text": "Spring\\n\\nParis."}\n' * 3
    (root / "export.jsonl").write_bytes(lines.encode("utf-16"))
    code, _, err = run_cli("check", *JSONL, "export.jsonl")
    assert code == 2
    error_line(err, "export.jsonl", "UTF-16", "must be UTF-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_that_is_no_json_lines_is_one_error_not_one_a_line(
        run_cli: Run, project: Project, jobs: str) -> None:
    # an export written as one JSON array over many lines (json.dump(indent=2), a database
    # dump) gave 'not a JSON object' for each of its 7 lines an article, and an article
    # named beside the archive one for each of its paragraphs
    stories = [{"id": f"wire-{i}", "text": "Fire\n\nThe fire spread in the the night.\n"}
               for i in range(40)]
    project.write("pretty.json", json.dumps(stories, indent=2))
    project.write("fire.md", "# Fire at the docks\n\nThe fire spread.\n\nNo one was hurt.\n")
    write_archive(project.root / "export.jsonl", stories[:2])
    code, out, err = run_cli("check", *JSONL, "pretty.json", "fire.md", "export.jsonl",
                             "--format", "concise", "--jobs", jobs)
    assert code == 2
    assert out.splitlines() == ['wire-0:3:20: ST001 "the" is repeated',
                                'wire-1:3:20: ST001 "the" is repeated']
    assert err.splitlines() == [
        "newslint: error: pretty.json: not a JSON-lines archive: line 1 opens a JSON array "
        "written over many lines, where each line must be one article's object (jq -c '.[]' "
        "writes it so)",
        "newslint: error: fire.md: not a JSON-lines archive: line 1 is no JSON (an article? "
        "lint it without --input-format jsonl)"]


def test_a_byte_order_mark_on_a_line_of_its_own_opens_the_archive(run_cli: Run,
                                                                    project: object) -> None:
    # an editor's export whose first line held only the mark: 'export.jsonl:1: not a JSON
    # object', exit 2, as the mark was taken for the first record
    root = project.root  # type: ignore[attr-defined]
    record = '{"id": "a1", "text": "Council votes\\n\\nThe the council met."}\n'
    (root / "export.jsonl").write_bytes(b"\xef\xbb\xbf\n" + record.encode())
    code, out, err = run_cli("check", *JSONL, "--format", "concise", "export.jsonl")
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == 'a1:3:1: ST001 "the" is repeated'


def test_dask_missing_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "distributed" else find_spec(name, *a))
    story = tmp_path / "story.md"
    story.write_text("Paris in spring.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--executor", "dask", str(story)])
    assert result.exit_code == 2
    assert result.stderr == ("newslint: error: --executor dask needs dask.distributed: "
                             "pip install 'newslint[dask]'\n")


def test_spool_keeps_results_on_disk_and_gives_them_back() -> None:
    spool = ResultSpool()
    violation = Violation("ST001", "repeated-word", "x", Severity.WARNING, Span(0, 3))
    spool.append(FileResult("a", error="empty article"))
    spool.append(FileResult("b", [violation]))
    assert len(spool) == 2
    for _ in range(2):  # read back as often as reporters and the exit status need
        assert [(r.path, r.violations, r.error) for r in spool] == [
            ("a", [], "empty article"), ("b", [violation], None)]
    spool.append(FileResult("c"))
    assert [r.path for r in spool] == ["a", "b", "c"]


def test_memory_is_bounded_documents_are_not_kept(tmp_path: Path) -> None:
    packed = write_archive(tmp_path / "many.jsonl.gz", [
        {"id": f"a{i}", "text": f"Fire {i}\n\nIt spread in the the night.\n"}
        for i in range(300)])
    session = Session(get_plugin_manager(autoload=False), Options(select=["ST"]))
    alive: list[weakref.ref[object]] = []
    count = 0
    for result in archive.run(session, [str(packed)], archive.Fields(), jobs=1):
        assert result.document is not None
        alive.append(weakref.ref(result.document))
        count += 1
    del result
    gc.collect()
    assert count == 300 and len(session.results) == 300
    assert sum(ref() is not None for ref in alive) == 0
    assert isinstance(session.results, ResultSpool)
    assert session.exit_status() == 1


def test_empty_archive_is_an_error_and_odd_text_and_ids_are_read_safely(run_cli: Run,
                                                                         project: object) -> None:
    root = project.root  # type: ignore[attr-defined]
    (root / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    code, _, err = run_cli("check", *JSONL, "empty.jsonl")
    assert (code, err) == (2, "newslint: error: empty.jsonl: no articles: the archive has no "
                              "line of JSON\n")
    write_archive(root / "odd.jsonl", [
        # a byte-order mark before the headline, and an id that would start a line of its own
        {"id": "a\n::error file=x.md::spoofed", "text": "\ufeffFire\n\nThe the fire spread.\n"},
    ])
    code, out, _ = run_cli("check", *JSONL, "odd.jsonl", "--format", "concise")
    assert (code, out) == (1, '"a\\n::error file=x.md::spoofed":3:1: ST001 "the" is repeated\n')


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n"], ids=["bom", "bom-nl"])
def test_an_archive_of_only_a_byte_order_mark_has_no_articles(run_cli: Run, project: Project,
                                                              content: bytes) -> None:
    # an empty export a Windows tool wrote with a byte-order mark, no line break after it, was
    # 'not a JSON-lines archive: line 1 is no JSON (an article? ...)'
    (project.root / "empty.jsonl").write_bytes(content)
    code, _, err = run_cli("check", *JSONL, "empty.jsonl")
    assert (code, err) == (2, "newslint: error: empty.jsonl: no articles: the archive has no "
                              "line of JSON\n")


def test_an_unknown_format_in_a_record_is_one_error_line(run_cli: Run, project: object,
                                                         error_line: Callable[..., str]) -> None:
    root = project.root  # type: ignore[attr-defined]
    write_archive(root / "a.jsonl", [{"id": "r", "text": "The cat.\n", "fmt": "pd\nf\r\nx"},
                                     {"id": "s", "text": "The cat.\n", "fmt": "y" * 100_000}])
    code, _, err = run_cli("check", *JSONL, "a.jsonl", "--format-field", "fmt")
    assert code == 2
    first, second = err.splitlines()
    error_line(first, "r: line 1 of a.jsonl: unknown format 'pd\\nf\\r\\nx' (choose from")
    error_line(second, f"s: line 2 of a.jsonl: unknown format '{'y' * 80}\u2026' (choose from")


def test_a_title_is_data_and_cannot_switch_rules_off(run_cli: Run, project: object) -> None:
    root = project.root  # type: ignore[attr-defined]
    text = "The the minister said  it.\n"
    write_archive(root / "a.jsonl", [
        {"id": "plain", "text": text, "title": "Minister speaks", "fmt": "md"},
        {"id": "comment", "text": text, "title": "Minister speaks <!-- newslint-disable -->",
         "fmt": "md"},
        {"id": "closing", "text": text, "title": "Minister speaks on C #", "fmt": "md"},
        {"id": "line", "text": text, "title": "newslint: disable", "fmt": "text"},
    ])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--title-field", "title",
                             "--format-field", "fmt", "--format", "concise")
    assert (code, err) == (1, "")
    for ident in ("plain", "comment", "closing", "line"):
        assert f'{ident}:3:1: ST001 "the" is repeated' in out, out


def test_max_file_size_counts_bytes_as_for_a_file(run_cli: Run, project: Project) -> None:
    project.config('select = ["ST"]\nmax-file-size = 100\n')
    # 76 characters, but 126 bytes in UTF-8: over the limit, as the same text in a file is
    text = "Fire\n\nThe the fire spread." + "\u00e9" * 50
    write_archive(project.root / "a.jsonl", [{"id": "wide", "text": text}])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--format", "concise")
    assert (code, out) == (2, "")
    assert err == ("newslint: error: wide: line 1 of a.jsonl: article is 126 bytes, over the "
                   "100 bytes limit (raise max-file-size in the configuration to lint it)\n")


@pytest.mark.skipif(sys.platform == "win32", reason="closes a POSIX file descriptor")
@pytest.mark.parametrize("archives", [["a.jsonl"], ["a.jsonl", "-"]])
def test_an_archive_without_standard_input(project: Project, archives: list[str]) -> None:
    # launched with no standard input at all (cron, `<&-`): sys.stdin is None
    write_archive(project.root / "a.jsonl", [{"id": "a", "text": "Fire\n\nThe the fire.\n"}])
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", *JSONL, *archives, "--format", "concise"],
        preexec_fn=lambda: os.close(0),  # in the child, before newslint starts
        capture_output=True, text=True, cwd=project.root, env=cli_env(), timeout=60, check=False)
    assert proc.stdout == 'a:3:1: ST001 "the" is repeated\n'
    if archives == ["a.jsonl"]:
        assert (proc.returncode, proc.stderr) == (1, "")
    else:
        assert (proc.returncode, proc.stderr) == (
            2, "newslint: error: -: cannot read: standard input is closed\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_json_nested_too_deeply_is_one_error_and_the_rest_is_linted(run_cli: Run, project: Project,
                                                                    jobs: str) -> None:
    text = "Fire\n\nThe the fire.\n"
    write_archive(project.root / "deep.jsonl", [
        {"id": "a", "text": text},
        "[" * 100_000 + "]" * 100_000,
        '{"id": "b", "x": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "Fire"}',
        {"id": "c", "text": text},
    ])
    code, out, err = run_cli("check", *JSONL, "deep.jsonl", "--format", "concise", "--jobs", jobs)
    assert code == 2
    assert out.splitlines() == ['a:3:1: ST001 "the" is repeated', 'c:3:1: ST001 "the" is repeated']
    assert err.splitlines() == ["newslint: error: deep.jsonl:2: JSON nested too deeply to read",
                                "newslint: error: deep.jsonl:3: JSON nested too deeply to read"]


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "text"])
def test_a_lone_surrogate_in_an_article_is_read_as_a_replacement_character(
        run_cli: Run, project: Project, fmt: str) -> None:
    # JSON can escape half of an emoji ("\ud83d"), as an export that cut a string short writes
    # it: that is no character, and no report can be written with it
    line = '{"id": "cut", "title": "Fire \\ud83d spreads.", "text": "The the fire \\ud83d.\\n"}'
    write_archive(project.root / "a.jsonl", [line])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--title-field", "title", "--select",
                             "ST001,HL204", "--format", fmt, "--show-source")
    assert (code, err) == (1, "")
    if fmt == "text":
        assert "    1 | Fire \ufffd spreads.\n" in out
        assert "    3 | The the fire \ufffd.\n" in out
    else:
        issues = json.loads(out)
        assert len(issues if fmt == "gitlab" else issues["runs"][0]["results"]) == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_archive_named_twice_is_read_once(run_cli: Run, project: Project, jobs: str) -> None:
    # a.jsonl and ./a.jsonl (two globs that overlap), and "- -": one archive, as a file is one
    text = "Fire\n\nThe the fire.\n"
    write_archive(project.root / "a.jsonl", [{"id": "a", "text": text}])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "./a.jsonl", "-", "-", "--format",
                             "concise", "--jobs", jobs, input=json.dumps({"id": "b", "text": text}))
    assert (code, err) == (1, "")
    assert out.splitlines() == ['a:3:1: ST001 "the" is repeated', 'b:3:1: ST001 "the" is repeated']


def test_bad_json_is_placed_on_its_own_line(run_cli: Run, project: Project) -> None:
    # a record cut short at the end of its line was "line 2 column 1" to the decoder, which
    # reads as the archive's next line
    text = "Fire\n\nThe the fire.\n"
    write_archive(project.root / "a.jsonl", [
        json.dumps({"id": "a", "text": text})[:-1],
        '{"id": "b", "text": "Fire\tspreads"}',
        '{"id": "c", "text": "Fire\\q"}\r',
        json.dumps({"id": "d", "text": text}),
    ])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--format", "concise")
    assert (code, out) == (2, 'd:3:1: ST001 "the" is repeated\n')
    assert err.splitlines() == [
        "newslint: error: a.jsonl:1: not a JSON object: Expecting ',' delimiter at the end of "
        "the line",
        "newslint: error: a.jsonl:2: not a JSON object: Invalid control character at column 26",
        "newslint: error: a.jsonl:3: not a JSON object: Invalid \\escape at column 26",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_archive_fails_the_run_by_its_own_configuration(run_cli: Run, project: Project,
                                                             jobs: str) -> None:
    # the desk's copy fails on warnings, the wire's only on errors, as their files would
    story = {"id": "fire", "text": "Fire at depot\n\nThe fire spread to the the warehouse.\n"}
    for desk, fail_on in (("wire", "error"), ("desk", "warning")):
        project.write(f"{desk}/.newslint.toml", f'select = ["ST001"]\nfail-on = "{fail_on}"\n')
        write_archive(project.root / desk / "export.jsonl", [story])
        project.write(f"{desk}/fire.txt", story["text"])
    for paths, status in ((["wire"], 0), (["desk"], 1), (["wire", "desk"], 1),
                          (["desk", "wire"], 1)):
        files = [f"{p}/fire.txt" for p in paths]
        assert run_cli("check", *files, "--jobs", jobs)[0] == status, files
        archives = [f"{p}/export.jsonl" for p in paths]
        code, out, err = run_cli("check", *JSONL, *archives, "--jobs", jobs)
        assert (code, err) == (status, ""), (archives, out)
    # the command line's --fail-on still wins over every configuration
    assert run_cli("check", *JSONL, "wire/export.jsonl", "--fail-on", "warning")[0] == 1
    assert run_cli("check", *JSONL, "desk/export.jsonl", "--fail-on", "error")[0] == 0


# an id that holds a line break, and one that holds a backslash and an n, as a CMS might give
LINE_BREAK, BACKSLASH_N = "wire/2019\nfire", "wire/2019\\nfire"


@pytest.mark.parametrize("fmt", ["text", "concise", "line", "grouped", "json", "gitlab", "sarif",
                                 "github", "junit"])
def test_ids_that_differ_only_by_a_line_break_are_told_apart(run_cli: Run, project: Project,
                                                             fmt: str) -> None:
    story = "Fire at depot\n\nThe fire spread to the the warehouse.\n"
    ids = [LINE_BREAK, BACKSLASH_N, "\x1b[2Jwire"]  # the last would clear a terminal
    write_archive(project.root / "a.jsonl", [{"id": i, "text": story} for i in ids])
    code, out, err = run_cli("check", *JSONL, "a.jsonl", "--select", "ST001", "--format", fmt)
    assert (code, err) == (1, "") and "\x1b" not in out
    if fmt in ("json", "gitlab"):
        paths = [f["path"] if fmt == "json" else f["location"]["path"] for f in json.loads(out)]
        assert paths == ids  # JSON writes any id as it is
    elif fmt == "sarif":
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(out)["runs"][0]["results"]]
        assert uris == ["wire/2019%0Afire", "wire/2019%5Cnfire", "%1B%5B2Jwire"]
    elif fmt == "github":  # the runner reads %0A back as a line break
        assert [line.split(",")[0] for line in out.splitlines()[:3]] == [
            "::warning file=wire/2019%0Afire", "::warning file=wire/2019\\nfire",
            "::warning file=\\x1b[2Jwire"]
    elif fmt == "junit":
        root = ET.fromstring(out.split("\n", 1)[1])
        cases = root.findall("testsuite/testcase")
        assert [c.get("name") for c in cases] == [LINE_BREAK, BACKSLASH_N, '"\\x1b[2Jwire"']
        assert [c.findtext("failure") for c in cases] == [
            '"wire/2019\\nfire":3:20: ST001 [warning] "the" is repeated',
            'wire/2019\\nfire:3:20: ST001 [warning] "the" is repeated',
            '"\\x1b[2Jwire":3:20: ST001 [warning] "the" is repeated']
    else:  # a name with a control character is quoted, as git shows it
        shown = ['"wire/2019\\nfire"', "wire/2019\\nfire", '"\\x1b[2Jwire"']
        found = [line for line in out.splitlines() if line.startswith(tuple(shown))]
        assert len(found) == 3 and [next(n for n in shown if line.startswith(n))
                                    for line in found] == shown


@needs_data
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_named_field_no_record_has_is_one_warning_for_the_archive(
        run_cli: Run, news: tuple[Path, Path], jobs: str) -> None:
    # '--id-field uid' reported every article as ARCHIVE:LINE, and '--title-field headline'
    # added no headline, with no word said
    root, packed = news  # its 40 records have the fields 'id' and 'body'
    records = [json.loads(line) for line in gzip.decompress(packed.read_bytes()).splitlines()]
    # an archive where one late record has them: a field some records lack is no mistake
    write_archive(root / "later.jsonl", [*records[:35], {"uid": "u", "headline": "H",
                                                         "kind": None, **records[35]}])
    args = ("check", *JSONL, packed.name, "later.jsonl", "--text-field", "body",
            "--format", "concise", "--jobs", jobs)
    code, _, err = run_cli(*args, cwd=root)
    assert (code, err) == (1, "")  # the default --id-field, and no --title-field: silent
    code, out, err = run_cli(*args, "--id-field", "uid", "--title-field", "headline",
                             "--format-field", "kind", cwd=root)
    assert code == 1  # a warning: the findings and the exit status stay
    assert err.splitlines() == [
        f"newslint: warning: {packed.name}: no record has the field 'uid' (--id-field), nor "
        "the field 'headline' (--title-field), nor the field 'kind' (--format-field); the "
        "first, line 1, has the fields 'id', 'body'"]
    assert out.startswith(f"{packed.name}:")  # reported by line, as before
    code, _, err = run_cli(*args, "--id-field", "id", "--title-field", "id", cwd=root)
    assert (code, err) == (1, "")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_is_read_for_its_archives_as_train_finds_them(run_cli: Run, project: Project,
                                                               jobs: str) -> None:
    # 'cannot read: Is a directory', where newslint train and test-rules read its archives
    story = {"text": "Fire\n\nThe fire spread in the the night.\n"}
    project.write("exports/notes.md", "# Notes\n\nThe the notes.\n")  # an article: left alone
    (project.root / "exports" / "2019").mkdir()
    write_archive(project.root / "exports" / "b.jsonl.gz", [story] * 20)
    write_archive(project.root / "exports" / "2019" / "a.jsonl", [story] * 20)
    (project.root / "empty").mkdir()
    code, out, err = run_cli("check", *JSONL, "exports", "empty", "--format", "concise",
                             "--jobs", jobs)
    assert code == 2
    assert out.splitlines() == [
        *(f'exports/2019/a.jsonl:{n}:3:20: ST001 "the" is repeated' for n in range(1, 21)),
        *(f'exports/b.jsonl.gz:{n}:3:20: ST001 "the" is repeated' for n in range(1, 21))]
    assert err.splitlines() == [
        "newslint: error: empty: no archives found in this folder (looked for *.jsonl "
        "*.jsonl.gz)"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_read_for_its_archives_leaves_out_what_exclude_does(run_cli: Run,
                                                                    project: Project,
                                                                    jobs: str) -> None:
    # the archives were found as newslint train finds them, which reads no configuration:
    # an excluded folder's and an excluded name's were linted, as no file of theirs would be
    story = {"text": "Fire\n\nThe fire spread in the the night.\n"}
    project.config('select = ["ST"]\nextend-exclude = ["exports/old", "*.bak.jsonl"]\n')
    for folder in ("exports/old", "bak"):
        (project.root / folder).mkdir(parents=True)
    write_archive(project.root / "exports" / "a.jsonl", [story] * 20)
    write_archive(project.root / "exports" / "old" / "b.jsonl", [story])
    write_archive(project.root / "exports" / "c.bak.jsonl", [story])
    project.write("exports/old/.newslint.toml", "this = is no configuration\n")  # never read
    code, out, err = run_cli("check", *JSONL, "exports", "--format", "concise", "--jobs", jobs)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'exports/a.jsonl:{n}:3:20: ST001 "the" is repeated' for n in range(1, 21)]
    write_archive(project.root / "bak" / "d.bak.jsonl", [story])
    code, out, err = run_cli("check", *JSONL, "bak", "--format", "concise", "--jobs", jobs)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "newslint: error: bak: every archive in this folder is excluded by the configuration: "
        f"'*.bak.jsonl' (.newslint.toml) excludes {Path('bak/d.bak.jsonl')}"]


def test_force_exclude_leaves_out_an_archive_named(run_cli: Run, project: Project) -> None:
    # --force-exclude (pre-commit names every staged file) left archives alone
    story = {"text": "Fire\n\nThe fire spread in the the night.\n"}
    project.config('select = ["ST"]\nextend-exclude = ["*.bak.jsonl"]\n')
    write_archive(project.root / "a.jsonl", [story])
    write_archive(project.root / "c.bak.jsonl", [story])
    code, out, err = run_cli("check", *JSONL, "c.bak.jsonl", "a.jsonl", "--format", "concise",
                             "--force-exclude")
    assert (code, out, err) == (1, 'a.jsonl:1:3:20: ST001 "the" is repeated\n', "")
    code, out, err = run_cli("check", *JSONL, "c.bak.jsonl", "--force-exclude")
    assert (code, out) == (0, "No files linted.\n")  # as for files
    assert "nothing to lint" in err
    code, out, _ = run_cli("check", *JSONL, "c.bak.jsonl", "--format", "concise")
    assert (code, out) == (1, 'c.bak.jsonl:1:3:20: ST001 "the" is repeated\n')


def test_the_report_is_never_an_archive_of_a_folder_read(run_cli: Run, project: Project) -> None:
    # with a folder read for its archives, '-o exports/out.jsonl' (a report there already)
    # emptied the report, then read it as an archive: 'no articles', exit 2, the report lost
    story = {"text": "Fire\n\nThe fire spread in the the night.\n"}
    project.write("exports/out.jsonl", "an earlier report\n")
    write_archive(project.root / "exports" / "a.jsonl", [story] * 3)
    code, out, err = run_cli("check", *JSONL, "exports", "-o", "exports/out.jsonl")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"newslint: error: {Path('exports/out.jsonl')}: is one of the articles to lint; write "
        "the report elsewhere"]
    assert (project.root / "exports" / "out.jsonl").read_text() == "an earlier report\n"
    code, _, err = run_cli("check", *JSONL, "exports/a.jsonl", "-o", "exports/out.jsonl")
    assert (code, err) == (1, "")


def test_a_json_array_on_one_line_is_named_as_one(run_cli: Run, project: Project) -> None:
    # json.dumps(stories) with no indent: 'not a JSON object', which said nothing of an array
    stories = [{"id": f"wire-{i}", "text": "Fire\n\nThe fire spread.\n"} for i in range(3)]
    project.write("export.json", json.dumps(stories) + "\n")
    code, out, err = run_cli("check", *JSONL, "export.json", "--format", "concise")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "newslint: error: export.json:1: a JSON array, where each line must be one article's "
        "object (jq -c '.[]' writes it so)"]


@pytest.mark.parametrize("text", ["The harbour reopened. ", "The harbour\u2019s repairs. "],
                         ids=["ascii", "not-ascii"])
def test_a_huge_record_is_read_with_few_copies_of_it(tmp_path: Path, text: str) -> None:
    # a record of 20 MB took 4.9 times its size to read: the record the field watch parsed was
    # held while the line was read again, and the line without its line break, the text
    # stripped and the text encoded to count its bytes were copies of it
    import tracemalloc

    size = 4_000_000
    path = write_archive(tmp_path / "huge.jsonl", [{"id": "huge", "text": text * (size // 22)}])
    unseen = archive.UnseenFields({"--id-field": "id"})
    with archive.open_archive(str(path)) as stream:
        tracemalloc.start()
        try:
            line = next(unseen.watch(str(path), archive.lines(stream)))
            with pytest.raises(archive.NotAnArticle, match=r"over the 1\.0 MB limit"):
                archive.read_line(str(path), tmp_path, archive.Fields(), line, 1 << 20,
                                  lambda text: ".txt")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    # the line, and while it is parsed its text decoded and the record's field: 3 copies
    characters = len(text * (size // 22))
    assert peak < len(line[1]) + 2 * characters * (1 if text.isascii() else 2) + 1_000_000
