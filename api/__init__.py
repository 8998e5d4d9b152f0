"""The platform's entry points: the FastAPI app (REST, GraphQL, auth) and the `gvi` CLI."""
