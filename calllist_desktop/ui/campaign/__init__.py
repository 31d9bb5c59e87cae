"""The window side of campaigns (SPEC §9): list rules, callbacks, the do-not-call list,
dispositions and each contact's history. The rules themselves live in the store and the core;
these widgets show and edit them."""
