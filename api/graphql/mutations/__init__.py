"""GraphQL mutations: one module per domain concept. Each returns a payload with ``errors``."""
