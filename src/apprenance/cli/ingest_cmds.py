"""``apprenance ingest``, ``rejects list|export|dismiss``, ``unmapped`` and ``assign``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from apprenance.cli.context import CliState, emit_json, json_option, pass_state, say
from apprenance.domain.catalog import Catalog
from apprenance.errors import ProblemsFound
from apprenance.i18n import number, t, t_plural
from apprenance.importers import FORMATS

PROGRESS_FROM = 5 * 1024 * 1024  # bytes: smaller files are done before a bar would help
SHOWN = 20  # rejections printed by the human output
SHOWN_RAW = 300  # characters of a reject's raw content in `rejects list`


def _catalog(state: CliState) -> Catalog:
    return state.app.catalog()


@click.command("ingest")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Format of every FILE (default: from its extension and content).")
@click.option("--strict", is_flag=True, help="Exit with code 1 when any row is rejected.")
@json_option
@pass_state
def ingest_cmd(state: CliState, files: tuple[Path, ...], fmt: str | None, strict: bool,
               as_json: bool) -> None:
    """Ingest activity logs: canonical CSV, JSON Lines, or xAPI statements (docs/formats.md).

    Valid rows are stored once (ingesting again changes nothing), rejected rows are kept in
    quarantine (`apprenance rejects list`), unknown activity types are stored as unmapped.
    Exits with code 1 when every row of a file is rejected."""
    from apprenance.services.ingest.pipeline import LogFile, ingest_files

    store = state.app.ready_store()
    catalog = _catalog(state)
    logs = [LogFile(path, str(path), fmt) for path in files]
    total = sum(path.stat().st_size for path in files)
    show_bar = not as_json and total >= PROGRESS_FROM and sys.stderr.isatty()
    with _progress(show_bar, total) as progress:
        tally = ingest_files(store, catalog, logs, clock=state.app.clock, lang=state.lang,
                             progress=progress)
    if as_json:
        emit_json(tally.to_dict())
    else:
        for note in tally.notes:
            say(f"{note['file']}: {note['reason']}")
        for item in tally.rejections[:SHOWN]:
            say(t("ingest.rejection", state.lang, file=item["file"],
                  line=item["line"] if item["line"] is not None else "-",
                  field=item["field"], reason=item["reason"]))
        if tally.rejected > SHOWN:
            say(t("ingest.more_rejections", state.lang, count=tally.rejected - SHOWN))
        say(t("ingest.summary", state.lang, accepted=tally.accepted, unmapped=tally.unmapped,
              duplicates=tally.duplicates, rejected=tally.rejected))
    failed = tally.all_rejected()
    if failed:
        raise ProblemsFound(t("ingest.all_rejected", state.lang, files=", ".join(failed[:5]),
                              count=len(failed)))
    if strict and tally.rejected:
        raise ProblemsFound(t("ingest.strict", state.lang, rejected=tally.rejected))


@contextmanager
def _progress(show: bool, total: int) -> Iterator[Callable[[str, int, int], None] | None]:
    """A progress bar on stderr over all the files' bytes, or None."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    done: dict[str, int] = {}
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TimeRemainingColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=total)

        def advance(label: str, position: int, _size: int) -> None:
            done[label] = position
            bar.update(task, completed=sum(done.values()), description=Path(label).name)

        yield advance


@click.group("rejects")
def rejects_group() -> None:
    """The rejected rows kept in quarantine: ``rejects list``, ``export``, ``dismiss``."""


@rejects_group.command("list")
@click.option("--all", "include_resolved", is_flag=True,
              help="Also the rejects resolved by a corrected file.")
@click.option("--file", "file", help="Only the rejects of files whose path contains this.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rejects.")
@json_option
@pass_state
def rejects_list_cmd(state: CliState, include_resolved: bool, file: str | None,
                     limit: int | None, as_json: bool) -> None:
    """The open rejects: file, line (or statement id), field, reason."""
    from apprenance.services.ingest.rejects import list_rejects

    rows = list(list_rejects(state.app.ready_store(), include_resolved=include_resolved,
                             file=file, limit=limit))
    if as_json:
        emit_json({"rejects": [r.to_dict() for r in rows]})
        return
    if not rows:
        say(t("rejects.none", state.lang))
    for r in rows:
        where = r.line if r.line is not None else (r.statement_id or "-")
        done = f"  [resolved {r.resolved_at:%Y-%m-%d}]" if r.resolved_at else ""
        if r.dismissed_reason:
            done = f"  [dismissed {r.resolved_at:%Y-%m-%d}: {r.dismissed_reason}]"
        say(f"#{r.id} {r.source_file}:{where} [{r.field}] {r.reason}{done}")
        say(f"    {r.raw[:SHOWN_RAW]}")


@rejects_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["original", "csv", "jsonl"]),
              default="original", show_default=True,
              help="original: the format of the rejects' file (CSV with its header and a first "
                   "column `rejet`, JSON Lines, xAPI), to correct and ingest again; csv or "
                   "jsonl: the quarantine itself (formulas neutralised).")
@click.option("--file", "file", help="Only the rejects of files whose path contains this.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@click.option("--all", "include_resolved", is_flag=True, help="Also the resolved rejects.")
@json_option
@pass_state
def rejects_export_cmd(state: CliState, fmt: str, file: str | None, out: Path | None,
                       include_resolved: bool, as_json: bool) -> None:
    """Export the rejects with their raw content, to correct them and ingest them again."""
    from apprenance.services.ingest.rejects import export_rejects, list_rejects
    from apprenance.services.ingest.rejects_roundtrip import export_original

    rows = list(list_rejects(state.app.ready_store(), include_resolved=include_resolved,
                             file=file))
    if fmt == "original":
        fmt, text, count = export_original(rows, state.lang)
    else:
        text, count = export_rejects(rows, fmt), len(rows)
    if out is None:
        if as_json:
            emit_json({"count": count, "format": fmt, "content": text})
        else:
            sys.stdout.write(text)
        return
    # a BOM: a spreadsheet opening the corrected file takes it for UTF-8
    out.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    if as_json:
        emit_json({"count": count, "format": fmt, "file": str(out)})
    else:
        say(t("rejects.exported", state.lang, count=count, path=out))


@rejects_group.command("dismiss")
@click.argument("reject_id", type=int)
@click.option("--reason", required=True, help="Why it is closed without a corrected row.")
@json_option
@pass_state
def rejects_dismiss_cmd(state: CliState, reject_id: int, reason: str, as_json: bool) -> None:
    """Close the reject REJECT_ID by hand, with a reason (a file whose header is wrong, a row
    not worth correcting); `rejects list --all` still shows it."""
    from apprenance.services.ingest.rejects import dismiss_reject

    row = dismiss_reject(state.app.ready_store(), reject_id, reason, state.app.clock(),
                         state.lang)
    if as_json:
        emit_json(row.to_dict())
    else:
        say(t("rejects.dismissed", state.lang, id=row.id, reason=row.dismissed_reason))


@click.command("unmapped")
@json_option
@pass_state
def unmapped_cmd(state: CliState, as_json: bool) -> None:
    """Activities whose type the mapping does not know, with a suggested type."""
    from apprenance.services.ingest.unmapped import list_unmapped

    groups = list_unmapped(state.app.ready_store(), _catalog(state))
    if as_json:
        emit_json({"count": sum(g.count for g in groups),
                   "unmapped": [g.to_dict() for g in groups]})
        return
    if not groups:
        say(t("unmapped.none", state.lang))
    for g in groups:
        say(t_plural("unmapped.row", state.lang, g.count, type=g.activity_type or "-",
                     n=g.count,
                     hours=number(g.hours, state.lang), suggested=g.suggested_type or "-"))
        for act in g.activities[:10]:
            say(f"    {act['id']}  {act['occurred_on']}  {act['participant']}  "
                f"{(act['description'] or '')[:60]}")


@click.command("assign")
@click.argument("activity_id")
@click.argument("type_id", metavar="TYPE")
@json_option
@pass_state
def assign_cmd(state: CliState, activity_id: str, type_id: str, as_json: bool) -> None:
    """Make the activity ACTIVITY_ID count as TYPE, a type of the mapping (coordinators)."""
    from apprenance.services.ingest.unmapped import assign_type

    done = assign_type(state.app.ready_store(), _catalog(state), activity_id, type_id,
                       clock=state.app.clock)
    if as_json:
        emit_json(done.to_dict())
    else:
        say(t("assign.done", state.lang, id=done.activity_id, type=done.type_id,
              before=done.before))
