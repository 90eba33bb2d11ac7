"""The append-only audit log: who did what, and who saw unmasked personal data."""
