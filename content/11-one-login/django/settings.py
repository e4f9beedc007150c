"""Chapter 11: the settings the TypeScript service now depends on (a fragment).

Everything here is an interface between the two services: change one of
these values and the other service must change with it, in the same deploy.
"""
import os

# region keys
# Signs session data, password-reset links and session auth hashes. The
# TypeScript service needs the same value to read Django's sessions.
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# Rotation (Django 4.1+): sign with the new key, still accept the old ones.
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("DJANGO_OLD_SECRET_KEYS", "").split(",") if key
]
# endregion

# region sessions
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # the default: one django_session row
SESSION_COOKIE_NAME = "sessionid"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # two weeks, the default
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
# endregion

# region csrf
CSRF_COOKIE_NAME = "csrftoken"
CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"  # the X-CSRFToken request header
CSRF_COOKIE_HTTPONLY = False  # the front end reads it to send the header
CSRF_COOKIE_SECURE = True
# endregion

# region hashers
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # writes new hashes
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",  # still verifies these
]
# endregion
