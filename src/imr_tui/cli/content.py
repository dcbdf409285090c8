"""`imr-tui content check [FOLDER]` and `imr-tui content schema`: for curriculum authors."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from imr_tui.cli.common import Parser


def add_parsers(sub: Any) -> None:
    ct = sub.add_parser("content", help="check or describe curriculum files (for authors)")
    csub = ct.add_subparsers(dest="content_command", metavar="ACTION", parser_class=Parser, required=True)
    chk = csub.add_parser("check", help="validate every module in a folder (exit 1 on problems)")
    chk.add_argument("folder", nargs="?", type=Path, help="folder of NN-slug.yaml files (default: the shipped ones)")
    csub.add_parser("schema", help="print the JSON Schema of a module file")
    ct.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from imr_tui import paths
    from imr_tui.content.loader import check_folder, json_schema

    if args.content_command == "schema":
        print(json_schema())
        return 0
    folder = args.folder or paths.modules_dir(args.content)
    problems: list[str] = [str(p) for p in check_folder(folder)]
    if not problems:
        from imr_tui.content.audit import audit_module
        from imr_tui.content.loader import load_module, module_files

        for f in module_files(folder):
            problems.extend(f"{f}: {finding}" for finding in audit_module(load_module(f)))
    from imr_tui.content.crisis import check_crisis_file

    problems.extend(check_crisis_file(paths.crisis_lines_file(args.content)))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {folder}")
        return 1
    print(f"All modules in {folder} are fine.")
    return 0
