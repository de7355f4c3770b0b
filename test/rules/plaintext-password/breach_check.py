import hashlib

import httpx

PWNED_URL = "https://api.pwnedpasswords.com/range/"


async def is_breached(password: str) -> bool:
    """k-anonymity: only the first five hex characters of the SHA-1 leave the process."""
    # ok: plaintext-password
    digest = hashlib.sha1(password.encode()).hexdigest().upper()
    prefix, suffix = digest[:5], digest[5:]
    async with httpx.AsyncClient() as client:
        response = await client.get(PWNED_URL + prefix)
    return any(line.split(":")[0] == suffix for line in response.text.splitlines())
