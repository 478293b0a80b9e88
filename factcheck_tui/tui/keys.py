"""The live bindings of a screen as rows for help and the command palette.

Built from `screen.active_bindings`, so remapped keys (config `[keys]`) show as remapped.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.dom import DOMNode
from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class BindingRow:
    binding_id: str
    keys: str
    description: str
    action: str
    node: DOMNode
    # False for widgets' built-in bindings, which have no id and so cannot be remapped.
    remappable: bool = True


def describe_bindings(screen: Screen) -> list[BindingRow]:
    """One row per binding (its keys joined), in declaration order, skipping system ones."""
    rows: dict[str, BindingRow] = {}
    keys_for: dict[str, list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        ident = binding.id or binding.action
        keys_for.setdefault(ident, []).append(screen.app.get_key_display(binding))
        rows[ident] = BindingRow(
            ident, "", binding.description, binding.action, active.node, binding.id is not None
        )
    return [
        BindingRow(
            row.binding_id,
            ", ".join(dict.fromkeys(keys_for[ident])),
            row.description,
            row.action,
            row.node,
            row.remappable,
        )
        for ident, row in rows.items()
    ]
