"""Partner organisations of a city's programme: each user and each action belongs to one."""
