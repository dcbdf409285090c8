"""`imr-tui plan show`, `imr-tui plan export (--md FILE | --pdf FILE)`: the relapse prevention plan (with the
safety plan) as Markdown or as a PDF; `imr-tui plan export --supporters --parts ... (--md FILE | --pdf FILE)`: a
guide for supporters.

A file that already exists is not replaced unless --force is given.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import PRIVATE, Parser, UserError, add_force, add_paper, open_store, output_target, write_target

PARTS_HELP = ("what to share, e.g. warning-signs,safety-plan: triggers, warning-signs, action-steps, supporters, "
              "emergency-contacts, safety-plan, or all")


def add_parsers(sub: Any) -> None:
    pl = sub.add_parser("plan", help="show or export your relapse prevention plan, or a guide for your supporters")
    psub = pl.add_subparsers(dest="plan_command", metavar="ACTION", parser_class=Parser, required=True)
    psub.add_parser("show", help="print the plan (Markdown)")
    pe = psub.add_parser(
        "export", help="write the plan, or a guide for your supporters, to a file (Markdown or PDF)",
        description="Write your plan to a Markdown or PDF file, or with --supporters a guide for the people who "
                    "help you (Markdown or PDF): the parts of your plan you choose with --parts, then each "
                    "module's page for supporters. An existing file is only replaced with --force.")
    out = pe.add_mutually_exclusive_group(required=True)
    out.add_argument("--md", type=Path, metavar="FILE", help="Markdown file to write")
    out.add_argument("--pdf", type=Path, metavar="FILE", help="PDF file to write")
    add_paper(pe)
    pe.add_argument("--supporters", action="store_true", help="write a guide for your supporters")
    pe.add_argument("--parts", nargs="+", metavar="PART", help=f"with --supporters: {PARTS_HELP}")
    add_force(pe)
    pl.set_defaults(func=run)


def _target(args: argparse.Namespace) -> Path:
    flag, path = ("--pdf", args.pdf) if args.pdf is not None else ("--md", args.md)
    return output_target(args, path, flag)


def run(args: argparse.Namespace) -> int:
    from imr_tui.export.plan_md import plan_markdown

    if args.plan_command == "show":
        store = open_store(args, create=False)
        print(plan_markdown(store.profile().plan, store.checkin_items()), end="")
        return 0
    if args.supporters:
        return _supporters(args)
    if args.parts:
        raise UserError("--parts: choose parts only for the guide for supporters; add --supporters")
    target = _target(args)
    store = open_store(args, create=False)
    if args.pdf is not None:
        from datetime import date

        from imr_tui.export.plan_pdf import store_plan_pdf

        data = store_plan_pdf(store, date.today(), args.paper)
    else:
        data = plan_markdown(store.profile().plan, store.checkin_items()).encode("utf-8")
    write_target(target, data)
    print(f"Wrote your plan to {target}. {PRIVATE}")
    return 0


def _supporters(args: argparse.Namespace) -> int:
    from datetime import date

    from imr_tui import paths
    from imr_tui.content.loader import ContentError, Curriculum
    from imr_tui.export.paper import paper_for
    from imr_tui.export.supporters import build_guide, guide_markdown, guide_pdf, parse_parts

    try:
        parts = parse_parts(args.parts)
    except ValueError as exc:
        raise UserError(f"--parts: {exc}") from None
    target = _target(args)
    store = open_store(args, create=False)
    try:
        curriculum = Curriculum(paths.modules_dir(getattr(args, "content", None)))
        guide = build_guide(store.profile().plan, store.checkin_items(), curriculum, parts, date.today())
    except (ContentError, OSError) as exc:
        raise UserError(f"the lessons could not be read for the supporter pages: {exc}") from None
    if args.pdf is not None:
        data = guide_pdf(guide, paper=args.paper or paper_for(store.settings().country))
    else:
        data = guide_markdown(guide).encode("utf-8")
    write_target(target, data)
    print(f"Wrote a guide for your supporters to {target}, with: {guide.shared}. It holds private information: "
          "give it only to people you choose.")
    return 0
