"""API tokens: one per login, expiring, revocable, stored only as a SHA-256 digest."""
