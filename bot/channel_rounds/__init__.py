"""Discord side of running rounds: the driver, the announcer of each round, its timer."""
