# Stand-in values that guard nothing: a vendor prefix plus a test word, a
# short run of digits, a one-digit URL password. A real-looking key is still
# flagged.
from slack_bolt import App

# ok: hardcoded-secret
app = App(token="xoxb-valid", token_verification_enabled=False)

# ok: hardcoded-secret
configuration = {"api_bot_token": "123"}

# ok: hardcoded-secret
SENTRY_DSN = "https://1:1@sentry.internal/api/0"

# ruleid: hardcoded-secret
slack = App(token="xoxb-2931847561-Qm8vT4zL9pWk2R7s")

# ruleid: hardcoded-secret
DATABASE_URL = "postgresql://app:s3cr3t-Pr0d@db.internal/app"
