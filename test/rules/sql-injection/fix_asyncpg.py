import asyncpg


class UserRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get(self, user_id: int):
        async with self.pool.acquire() as conn:
            # ruleid: sql-injection
            return await conn.fetchrow(f"SELECT * FROM users WHERE id = {user_id}")

    async def by_team(self, team: str, role: str):
        # ruleid: sql-injection
        return await self.pool.fetch(f"SELECT * FROM users WHERE team = '{team}' AND role = '{role}' OR owner = '{team}'")

    async def deactivate(self, user_id):
        # ruleid: sql-injection
        await self.pool.execute("UPDATE users SET active = false WHERE id = " + str(user_id))

    async def count(self):
        # ok: sql-injection
        return await self.pool.fetchval("SELECT count(*) FROM users")

    async def by_email(self, email: str):
        # ok: sql-injection
        return await self.pool.fetchrow("SELECT * FROM users WHERE email = $1", email)
