"""The pages of 社情民意: reports (reports.py), their records and the levels (records.py)."""
