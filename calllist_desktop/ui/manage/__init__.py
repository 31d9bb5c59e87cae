"""The manager's windows and dialogs: users, lists, targets (SPEC §4, management view)."""
