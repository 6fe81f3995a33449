"""The PostgreSQL store (asyncpg): for several bot processes, on several machines."""
