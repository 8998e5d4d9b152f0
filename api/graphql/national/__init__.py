"""GraphQL for national users (``national { … }``, ``createRelease``, ``publishRelease``) and for a city's
coordinator (``nationalSharing``, ``recordNationalSharing``, ``pauseNationalSharing``).

National users' requests read through a session of the ``gvi_national`` role (SELECT on the national
schema only): even a bug here cannot show them a city row. Creating and publishing releases goes
through short transactions of the publisher role; release creation itself runs in the background.
"""
