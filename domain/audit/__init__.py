"""The audit log: one tamper-evident entry per read, write, denial, export and disclosure of person data."""
