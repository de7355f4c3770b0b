INSTALLED_APPS = ["corsheaders", "api"]
MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]

# ruleid: permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
# ok: permissive-cors
CORS_ALLOW_HEADERS = ["*"]
