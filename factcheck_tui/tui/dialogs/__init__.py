"""Typed modal dialogs: each returns its answer through `dismiss`, or None when cancelled."""
