# A lowercase phrase that names itself a secret, given as the default of a
# strong secret name, is the signing key production runs with when the
# environment variable is forgotten. Labels, help texts and messages with
# spaces are not secrets.
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # ruleid: hardcoded-secret
    SECRET: str = "super secret jwt secret"
    # ruleid: hardcoded-secret
    SECRET_KEY: str = "my secret key for dev"
    # ok: hardcoded-secret
    SECRET_KEY_HELP: str = "the secret key signs session cookies"
    # ok: hardcoded-secret
    PASSWORD_LABEL: str = "your password"
    # ok: hardcoded-secret
    TOKEN_ERROR: str = "Invalid token, please log in again"
    # ok: hardcoded-secret
    API_KEY: str = "set me in the environment"
    # ruleid: hardcoded-secret
    JWT_SECRET: str = "change me"
    # ruleid: hardcoded-secret
    DOWNLOAD_SECRET: str = "supersecret"


MISSING_SECRET_MESSAGE = "secret key is missing"
