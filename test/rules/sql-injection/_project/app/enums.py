"""Enums declared in another module than the queries that use them."""

from enum import StrEnum


class WebhookEventType(StrEnum):
    order_created = "order.created"
    order_paid = "order.paid"


class Region(StrEnum):
    eu = "eu"
    us = "us"
