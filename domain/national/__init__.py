"""National statistics: sharing agreements, refresh into the national schema, disclosure control,
immutable releases, cross-city reports and effect evaluation."""
