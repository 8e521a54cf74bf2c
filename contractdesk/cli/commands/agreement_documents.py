"""``contractdesk agreement pdf|sheet|email|batch|verify|import-scans|settings|email-template``,
``smtp``.

* ``agreement pdf ORGNR --out FILE [--terms LABEL] [--signatory PERSON_ID]``: the agreement PDF.
* ``agreement sheet ORGNR --out FILE``: the one-page signature sheet.
* ``agreement email ORGNR --eml FILE | --send``: an ``.eml`` draft to the main contact, or send it
  over SMTP (the agreement is then marked sent).
* ``agreement batch --out DIR [ORGNR …|--all]``: ``ORGNR-<label>.pdf`` for many customers on every
  core; progress goes to stderr.
* ``agreement verify FILE``: which issued agreement a PDF or scan is (by its QR code); exit 0 when
  it is exactly the current issued version, 1 otherwise with the reason.
* ``agreement import-scans FILE… [--date DATE] [--signatory NAME]``: file signed pages by their
  QR codes, record the paper acceptances and keep the scans; pages without a code are listed to
  match by hand.
* ``agreement settings [--initials on|off]``: the initials field ("Parafering") in the footer of
  every page of documents issued from then on.
* ``smtp set|show|forget-password``: the mail server. The password is kept in the system keyring
  (``--password-stdin``, or asked on a terminal); without one, ``CONTRACTDESK_SMTP_PASSWORD`` or
  a prompt at sending time.

Warnings (e.g. the registry does not make the chosen person a signatory) go to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from contractdesk.cli.registry import CommandRegistry, add_json_flag

AGREEMENT_HELP = (
    "agreements: create, list, show, mark sent, change state; the PDF, signature sheet, e-mail, "
    "batches; verify a document, import signed scans"
)


def register(cli: CommandRegistry) -> None:
    verbs = cli.noun("agreement", AGREEMENT_HELP)

    p = verbs.add_parser(
        "pdf", help="the customer's agreement as PDF (terms, DPA annex, signature blocks)"
    )
    _document_arguments(p)
    p.add_argument(
        "--out", required=True, metavar="FILE", help="the PDF file to write (atomically)"
    )
    add_json_flag(p)
    p.set_defaults(func=agreement_pdf)

    p = verbs.add_parser(
        "sheet", help="the one-page signature sheet (when the full text was sent already)"
    )
    _document_arguments(p)
    p.add_argument("--out", required=True, metavar="FILE")
    add_json_flag(p)
    p.set_defaults(func=agreement_sheet)

    p = verbs.add_parser(
        "email", help="the agreement e-mail to the main contact: an .eml draft, or send it"
    )
    _document_arguments(p)
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--eml", metavar="FILE", help="save a draft (X-Unsent) for the mail program")
    how.add_argument(
        "--send", action="store_true", help="send over SMTP (see 'smtp set') and mark it sent"
    )
    add_json_flag(p)
    p.set_defaults(func=agreement_email)

    p = verbs.add_parser("batch", help="agreements for many customers as ORGNR-<label>.pdf files")
    p.add_argument("org_numbers", metavar="ORGNR", nargs="*")
    p.add_argument("--all", dest="all_active", action="store_true", help="every active customer")
    p.add_argument(
        "--out", required=True, metavar="DIR", help="folder for the files (created if missing)"
    )
    p.add_argument(
        "--terms", metavar="LABEL", help="a published version (default: the one in effect)"
    )
    p.add_argument(
        "--workers", type=int, metavar="N", help="processes to use (default: every core)"
    )
    add_json_flag(p)
    p.set_defaults(func=agreement_batch)

    p = verbs.add_parser(
        "verify", help="which issued agreement a PDF or scan is, and whether it is exactly that"
    )
    p.add_argument("file", metavar="FILE", help="a PDF, or a scan (PDF, PNG, JPEG, TIFF …)")
    add_json_flag(p)
    p.set_defaults(func=agreement_verify)

    p = verbs.add_parser(
        "import-scans", help="file signed pages by their QR codes and record the acceptances"
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="scans: PDFs or images")
    p.add_argument("--date", metavar="DATE", help="the date the pages were signed (default: today)")
    p.add_argument(
        "--signatory",
        metavar="NAME",
        help="who signed (a person registered at each customer; default: the issued document's)",
    )
    add_json_flag(p)
    p.set_defaults(func=agreement_import_scans)

    p = verbs.add_parser(
        "supplier-draft",
        help="a draft of the next terms version with the supplier's details as fields",
    )
    p.add_argument("terms", metavar="LABEL", help="the version that names another business")
    p.add_argument("--label", required=True, help="the new draft's label, e.g. 2027-01-01")
    p.set_defaults(func=agreement_supplier_draft)

    p = verbs.add_parser(
        "settings", help="show or set the agreement documents' settings (the initials field)"
    )
    p.add_argument(
        "--initials",
        type=_on_off,
        metavar="on|off",
        help='an initials field ("Parafering") in the footer of every page of new documents',
    )
    add_json_flag(p)
    p.set_defaults(func=agreement_settings)

    p = verbs.add_parser(
        "email-template", help="show or change the agreement e-mail's subject and text"
    )
    p.add_argument("--subject", help="the new subject (fields such as {customer.name} allowed)")
    p.add_argument(
        "--body-file", metavar="FILE", help="the new text, from a UTF-8 file ('-': stdin)"
    )
    p.add_argument("--reset", action="store_true", help="back to the shipped Norwegian template")
    p.set_defaults(func=agreement_email_template)

    smtp = cli.noun("smtp", "the mail server agreements are sent through")
    p = smtp.add_parser(
        "set", help="server, port, security and user (the password goes to the system keyring)"
    )
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=587)
    p.add_argument("--security", choices=("none", "starttls", "tls"), default="starttls")
    p.add_argument("--user", default="", help="login name (none: no login)")
    p.add_argument(
        "--sender", default="", metavar="EMAIL", help="From address (default: the supplier's)"
    )
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from stdin and keep it in the system keyring",
    )
    p.set_defaults(func=smtp_set)

    p = smtp.add_parser("show", help="the settings, and where the password comes from")
    add_json_flag(p)
    p.set_defaults(func=smtp_show)

    p = smtp.add_parser("forget-password", help="remove the password from the system keyring")
    p.set_defaults(func=smtp_forget)


def _document_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("org_number", metavar="ORGNR")
    p.add_argument(
        "--terms", metavar="LABEL", help="a published version (default: the one in effect today)"
    )
    p.add_argument(
        "--signatory",
        type=int,
        metavar="PERSON_ID",
        help="who signs for the customer (default: the registry's signatory or general manager)",
    )


def _warn(ref: Any) -> None:
    for text in ref.warnings:
        print(f"contractdesk: warning: {' '.join(text.split())}", file=sys.stderr)


def _describe(ref: Any) -> str:
    from contractdesk.domain.orgnr import format_org_number

    org = format_org_number(ref.org_number)
    return f"{ref.document_id}: {ref.customer_name} ({org}), terms {ref.terms_label}"


def _write(path: str, data: bytes) -> None:
    from contractdesk.output.atomic import SaveError, save_atomic
    from contractdesk.services.errors import UserError

    try:
        save_atomic(path, data)
    except SaveError as exc:
        raise UserError(str(exc)) from None


def _check_target(path: str) -> None:
    """Refuse a target that cannot be written as a file (a folder, a missing folder)."""
    from pathlib import Path

    from contractdesk.i18n import fill, translate
    from contractdesk.services.errors import UserError

    target = Path(path)
    if target.is_dir():
        raise UserError(
            fill(translate("AgreementCli", "%1 is a folder: give a file name for the PDF."), path)
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(fill(translate("AgreementCli", "The folder %1 does not exist."), folder))


def _document(ctx: Any, args: argparse.Namespace, sheet: bool) -> int:
    from contractdesk.cli.output import emit, emit_json

    _check_target(args.out)  # before anything is created or audited
    docs = ctx.services.documents
    make = docs.signature_sheet if sheet else docs.agreement_pdf
    pdf, ref = make(args.org_number, args.terms, args.signatory, actor="cli")
    _write(args.out, pdf)
    _warn(ref)
    if args.json:
        emit_json({**ref.as_dict(), "file": args.out, "bytes": len(pdf)})
    else:
        emit(
            f"{_describe(ref)}: {'signature sheet' if sheet else 'agreement'} written to {args.out}"
        )
    return 0


def agreement_pdf(ctx: Any, args: argparse.Namespace) -> int:
    return _document(ctx, args, sheet=False)


def agreement_sheet(ctx: Any, args: argparse.Namespace) -> int:
    return _document(ctx, args, sheet=True)


def agreement_verify(ctx: Any, args: argparse.Namespace) -> int:
    """Exit 0 when the file is exactly the current issued version, 1 otherwise (the reason says)."""
    from contractdesk.cli.output import emit, emit_json

    result = ctx.services.documents.verify(args.file)
    if args.json:
        emit_json(result.as_dict())
    else:
        emit(("match: " if result.match else "no match: ") + result.reason)
    return 0 if result.match else 1


def agreement_import_scans(ctx: Any, args: argparse.Namespace) -> int:
    """File each page by its QR code; pages without a readable code are listed as unmatched."""
    from datetime import date

    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.errors import UserError

    try:
        day = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise UserError(f"--date: {args.date!r} is not a date (YYYY-MM-DD).") from None
    result = ctx.services.documents.import_scans(
        args.files, signed_on=day, signatory_name=args.signatory, actor="cli"
    )
    if args.json:
        emit_json(result.as_dict())
        return 0
    for page in result.filed:
        state = "already filed" if page.already else "filed"
        emit(f"{page.file} page {page.page}: {state} to {page.document_id}")
    for page in result.unmatched:
        emit(f"{page.file} page {page.page}: match by hand ({page.reason})")
    return 0


def agreement_supplier_draft(ctx: Any, args: argparse.Namespace) -> int:
    """Say whether the terms fit the supplier profile, and make the draft with supplier fields."""
    from contractdesk.cli.output import emit

    mismatch = ctx.services.documents.supplier_mismatch(args.terms)
    if mismatch:
        print(f"contractdesk: warning: {mismatch}", file=sys.stderr)
    draft = ctx.services.documents.draft_with_supplier_fields(args.terms, args.label, actor="cli")
    emit(f"Draft {draft.row.label} made from {args.terms} with the supplier's details as fields.")
    return 0


def _prompt(text: str) -> str | None:
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(text + " ")
    return None


def agreement_email(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    docs = ctx.services.documents
    if args.eml:
        draft = docs.email_draft(args.org_number, args.eml, args.terms, args.signatory, actor="cli")
        _warn(draft.ref)
        if args.json:
            emit_json({**draft.ref.as_dict(), "file": str(draft.path), "to": draft.recipient_email})
        else:
            emit(f"{_describe(draft.ref)}: draft to {draft.recipient_email} saved as {draft.path}")
        return 0
    sent = docs.send(
        args.org_number, args.terms, args.signatory, prompt=_prompt, actor="cli", with_sheet=False
    )
    _warn(sent.ref)
    for address, (code, reply) in sent.refused.items():
        print(f"contractdesk: warning: {address} refused: {code} {reply}", file=sys.stderr)
    if args.json:
        emit_json({**sent.ref.as_dict(), "to": sent.recipient_email, "message_id": sent.message_id})
    else:
        emit(f"{_describe(sent.ref)}: sent to {sent.recipient_email} (state {sent.ref.state})")
    return 0


class _Progress:
    """Progress lines on stderr: the first, the last, and at most two a second between."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if done not in (0, total) and now - self.last < 0.5:
            return
        self.last = now
        what = "prepared" if stage == "prepare" else "rendered"
        print(f"contractdesk: {what} {done}/{total}", file=sys.stderr, flush=True)


def agreement_batch(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json
    from contractdesk.services.errors import UserError

    if args.all_active and args.org_numbers:
        raise UserError("Give org numbers or --all, not both.")
    if not args.all_active and not args.org_numbers:
        raise UserError("Give the customers' org numbers, or --all for every active customer.")
    if args.workers is not None and args.workers < 1:
        raise UserError("--workers must be at least 1.")
    outcome = ctx.services.documents.batch(
        args.out,
        args.org_numbers,
        all_active=args.all_active,
        terms=args.terms,
        progress=_Progress(),
        workers=args.workers,
        actor="cli",
    )
    failed = outcome.result.failed if outcome.result else ()
    for org, reason in outcome.skipped:
        print(f"contractdesk: skipped {org}: {' '.join(reason.split())}", file=sys.stderr)
    for failure in failed:
        print(f"contractdesk: failed {failure.org_number}: {failure.message}", file=sys.stderr)
    if args.json:
        emit_json(outcome.as_dict())
    else:
        seconds = outcome.prepare_seconds + (outcome.result.seconds if outcome.result else 0.0)
        emit(
            f"{len(outcome.written)} of {outcome.total} agreements written to {args.out} "
            f"in {seconds:.1f} s" + (" (cancelled)" if outcome.cancelled else "")
        )
    named_skipped = bool(outcome.skipped) and not args.all_active
    return 1 if failed or named_skipped or outcome.cancelled else 0


def _on_off(text: str) -> bool:
    key = text.strip().lower()
    if key in ("on", "yes", "ja", "true", "1"):
        return True
    if key in ("off", "no", "nei", "false", "0"):
        return False
    raise argparse.ArgumentTypeError(f"expected on or off, got {text!r}")


def agreement_settings(ctx: Any, args: argparse.Namespace) -> int:
    """Show the documents' settings, after setting those given."""
    from contractdesk.cli.output import emit, emit_json

    docs = ctx.services.documents
    if args.initials is not None:
        docs.set_initials_field(args.initials, actor="cli")
    settings = {"initials": docs.initials_field()}
    if args.json:
        emit_json(settings)
    else:
        emit(f"initials: {'on' if settings['initials'] else 'off'}")
    return 0


def agreement_email_template(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    docs = ctx.services.documents
    if args.reset:
        template = docs.reset_email_template(actor="cli")
    elif args.subject is not None or args.body_file is not None:
        current = docs.email_template()
        body = current.body
        if args.body_file is not None:
            body = sys.stdin.read() if args.body_file == "-" else _read_text(args.body_file)
        template = docs.set_email_template(
            args.subject if args.subject is not None else current.subject, body, actor="cli"
        )
    else:
        template = docs.email_template()
    emit(f"Subject: {template.subject}\n")
    emit(template.body.rstrip("\n"))
    return 0


def _read_text(path: str) -> str:
    from pathlib import Path

    from contractdesk.services.errors import UserError

    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Cannot read {path}: {exc}") from None


def smtp_set(ctx: Any, args: argparse.Namespace) -> int:
    import getpass

    from contractdesk.cli.output import emit
    from contractdesk.services.documents import SmtpSettings
    from contractdesk.services.smtp_password import SMTP_PASSWORD_ENV, keyring_usable

    docs = ctx.services.documents
    saved = docs.set_smtp_settings(
        SmtpSettings(args.host, args.port, args.security, args.user, args.sender, args.timeout),
        actor="cli",
    )
    emit(
        f"SMTP: {saved.host}:{saved.port} ({saved.security})"
        + (f", user {saved.user}" if saved.user else "")
    )
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif saved.user and keyring_usable() and sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass(
            "SMTP password (kept in the system keyring; empty: ask when sending): "
        )
    if password:
        docs.save_smtp_password(password)
        emit("The password is kept in the system keyring.")
    elif saved.user and not keyring_usable():
        emit(f"No system keyring here: set {SMTP_PASSWORD_ENV}, or give the password when sending.")
    return 0


def smtp_show(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit, emit_json

    docs = ctx.services.documents
    smtp = docs.smtp_settings()
    source = docs.smtp_password_source()
    if args.json:
        emit_json({**smtp.as_dict(), "password": source.kind})
        return 0
    if not smtp.configured:
        emit("No mail server set: use 'contractdesk smtp set --host …'.")
        return 0
    where = {
        "keyring": "the system keyring",
        "environment": "CONTRACTDESK_SMTP_PASSWORD",
        "ask": "asked when sending",
        "none": "no login",
    }[source.kind]
    emit(
        f"server    {smtp.host}:{smtp.port}\nsecurity  {smtp.security}\n"
        f"user      {smtp.user or '-'}\n"
        f"sender    {smtp.sender_email or '(the supplier e-mail)'}\n"
        f"timeout   {smtp.timeout:g} s\npassword  {where}"
    )
    return 0


def smtp_forget(ctx: Any, args: argparse.Namespace) -> int:
    from contractdesk.cli.output import emit

    removed = ctx.services.documents.forget_smtp_password()
    emit(
        "The password was removed from the system keyring."
        if removed
        else "No password was kept in the keyring."
    )
    return 0
