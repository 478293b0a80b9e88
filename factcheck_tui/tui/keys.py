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


# ----------------------------------------------------------------- config [keys] checks
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


def valid_key_name(key: str) -> bool:
    """A key Textual can deliver: one character (`V`, `?`), a named key (`escape`, `f5`,
    `question_mark`, `slash`), with modifiers (`ctrl+shift+up`)."""
    import unicodedata

    from textual.keys import KEY_ALIASES, REPLACED_KEYS, Keys

    *modifiers, name = key.split("+") if key != "+" else ["+"]
    if not name or any(modifier not in MODIFIERS for modifier in modifiers):
        return False
    if len(name) == 1 and name.isprintable() and not name.isspace():
        return True
    named = {k.value for k in Keys} | set(KEY_ALIASES) | set(REPLACED_KEYS)
    if name in named or f"ctrl+{name}" in named:
        return True
    try:
        unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return False
    return True


def known_binding_ids() -> set[str]:
    """Every binding id of the app, its screens, dialogs and widgets (what `[keys]` may
    name). Imports every TUI module: run only when the config has a `[keys]` table."""
    import importlib
    import inspect
    import pkgutil

    from textual.dom import DOMNode

    import factcheck_tui.tui as tui

    ids: set[str] = set()
    for module_info in pkgutil.walk_packages(tui.__path__, prefix="factcheck_tui.tui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__.startswith("factcheck_tui."):
                for klass in cls.__mro__:
                    for binding in getattr(klass, "BINDINGS", []) or []:
                        ident = getattr(binding, "id", None)
                        if ident:
                            ids.add(ident)
    return ids


# Keys the app keeps whatever the config says: a binding to them would silently never act.
RESERVED_KEYS = {"ctrl+q": "quit", "ctrl+c": "copy and quit", "ctrl+p": "the command palette"}
# Binding-id prefixes that act on one screen at once (the article screen holds the claim
# list and the suggestions); `app.` bindings act on every screen.
SAME_SCREEN = {"claims": "article", "suggestions": "article"}


def _screen_of(binding_id: str) -> str:
    prefix = binding_id.split(".", 1)[0]
    return SAME_SCREEN.get(prefix, prefix)


def keymap_problems(keys: dict[str, str]) -> dict[str, str]:
    """binding id → one line, for each `[keys]` entry that cannot work: an unknown binding id
    (a typo would otherwise leave the key silently as it was), a key Textual has no name
    for, a reserved key (ctrl+q stays quit), or a key given to several actions (only one
    of them would act)."""
    known = known_binding_ids()
    problems = {}
    holders: dict[str, list[str]] = {}
    for binding_id, value in keys.items():
        if binding_id not in known:
            problems[binding_id] = (
                f"[keys] {binding_id!r} is not a binding id (the help screen, f1, lists them)"
            )
            continue
        chosen = [key.strip() for key in value.split(",")]
        bad = [key for key in chosen if not valid_key_name(key)]
        reserved = [key for key in chosen if key.lower() in RESERVED_KEYS]
        if bad:
            problems[binding_id] = f"[keys] {binding_id}: {bad[0]!r} is not a key name"
        elif reserved:
            problems[binding_id] = (
                f"[keys] {binding_id}: {reserved[0]} is reserved for "
                f"{RESERVED_KEYS[reserved[0].lower()]}; choose another key"
            )
        for key in chosen:
            holders.setdefault(key, []).append(binding_id)
    for key, binding_ids in holders.items():
        screens = [_screen_of(binding_id) for binding_id in binding_ids]
        if len(binding_ids) > 1 and ("app" in screens or len(set(screens)) < len(screens)):
            for binding_id in binding_ids:
                problems.setdefault(
                    binding_id,
                    f"[keys] {key!r} is given to {len(binding_ids)} actions "
                    f"({', '.join(binding_ids)}); give each its own key",
                )
    return problems
