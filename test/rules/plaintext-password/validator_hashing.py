# A schema or model that hashes the password in its own validator hands
# back the hash: storing `data.password` then stores the hash. A validator
# that only checks the value, or a union with a class that does not hash,
# leaves the plaintext.
from app.accounts import AccountInvite, AccountRegister, AccountUpdate
from app.models import User


async def register(session, data: AccountRegister):
    # ok: plaintext-password
    user = User(email=data.email, password=data.password)
    session.add(user)


async def invite(session, data: AccountInvite):
    # ok: plaintext-password
    session.add(User(email=data.email, password=data.password))


async def update(session, user: User, data: AccountUpdate):
    # ruleid: plaintext-password
    user.password = data.password
    session.add(user)


async def either(session, data: AccountRegister | AccountUpdate):
    # ruleid: plaintext-password
    session.add(User(email="x", password=data.password))
