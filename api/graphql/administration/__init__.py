"""The city coordinator's administration (administration:read/write): accounts and roles, API clients,
the identity provider, and the registers of sharing agreements and data-subject requests."""
