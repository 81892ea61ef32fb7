"""IRS account transcripts: upload, reading in the worker, and the ledger reconciliation reads."""
