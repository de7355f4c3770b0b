# Project facts for validator_hashing.py: schemas and a model that hash the
# password themselves when a value is assigned or validated.
from pydantic import BaseModel, field_validator, model_validator
from sqlalchemy.orm import validates

from app.security import hash_password


class AccountRegister(BaseModel):
    email: str
    password: str

    @field_validator("password", mode="before")
    @classmethod
    def hash_it(cls, v):
        return hash_password(v)


class AccountInvite(BaseModel):
    email: str
    password: str = ""

    @model_validator(mode="after")
    def hash_generated(self):
        self.password = hash_password(self.password or "generated")
        return self


class AccountUpdate(BaseModel):
    password: str

    @field_validator("password")
    @classmethod
    def not_empty(cls, v):
        if not v:
            raise ValueError("password required")
        return v


class Account:
    @validates("secret_password")
    def hash_on_set(self, key, value):
        return hash_password(value)
