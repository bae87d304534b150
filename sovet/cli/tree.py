"""Printing the structure tree with Rich."""

from __future__ import annotations

from rich.tree import Tree as RichTree

from sovet.cli.runtime import console
from sovet.services.handlers.reads import Tree, TreeNode


def _label(node: TreeNode) -> str:
    s = node.seats
    status = "" if node.status == "constituted" else f" [red]({node.status})[/]"
    if node.repeated:
        return f"[dim]{node.name} — see above[/]"
    seats = f"  [cyan]{s.seats:,} seats[/]" if node.seated else ""
    members = f"  [green]{s.membership:,} members[/]" if s.membership else ""
    return f"[bold]{node.name}[/] [dim]{node.key} · {node.kind}[/]{status}{seats}{members}"


def _add(branch: RichTree, node: TreeNode) -> None:
    sub = branch.add(_label(node))
    for line in () if node.repeated else node.seats.lines:
        if line.seats or line.membership:
            sub.add(f"[dim]{line.constituency}: {line.rule}[/]")
    for child in node.children:
        _add(sub, child)
    for chosen in node.elected:
        _add(sub.add("[italic]elects[/]"), chosen)


def print_tree(tree: Tree) -> None:
    root = RichTree(f"[bold magenta]{tree.name}[/] ({tree.org}) — {tree.members:,} on the roll")
    for node in tree.roots:
        _add(root, node)
    console.print(root)
