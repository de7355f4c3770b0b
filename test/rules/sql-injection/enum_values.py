# Enum members, a ZoneInfo's key and an Enum's own `self.value` are constants
# the code declares; a plain str parameter, or a class the project never
# declares as an Enum, is not.
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.enums import WebhookEventType
from app.filters import RegionFilter


class TimeInterval(StrEnum):
    day = "day"
    week = "week"

    def sql_interval(self):
        # ok: sql-injection
        return text(f"'1 {self.value}'::interval")


class Report:
    def __init__(self, label: str) -> None:
        self.value = label

    def label_sql(self):
        # ruleid: sql-injection
        return text(f"SELECT '{self.value}' AS label")


async def endpoints_for(session: AsyncSession, event: WebhookEventType):
    # ok: sql-injection
    return await session.execute(text(f"SELECT id FROM webhook_endpoints WHERE events @> '[\"{event}\"]'"))


async def set_zone(session: AsyncSession, timezone: ZoneInfo) -> None:
    # ok: sql-injection
    await session.execute(text(f"SET LOCAL TIME ZONE '{timezone.key}'"))


async def set_zone_name(session: AsyncSession, timezone: str) -> None:
    # ruleid: sql-injection
    await session.execute(text(f"SET LOCAL TIME ZONE '{timezone}'"))


async def by_region(session: AsyncSession, region: RegionFilter):
    # ruleid: sql-injection
    return await session.execute(text(f"SELECT id FROM shops WHERE region = '{region}'"))
