"""分析 (SPEC §10): the manager's report with charts, list progress and the live team board."""
