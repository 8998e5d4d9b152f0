"""The city programme's model and rules. No web code; depends only on the tenancy kernel."""
