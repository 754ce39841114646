"""The benchmark of `manage.py benchmark`: a synthetic committee (data), the measurements (measure),
the full-SQL measuring stick (fullsql) and the printed budgets (report). Not product code."""
