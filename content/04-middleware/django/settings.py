"""Chapter 4: the settings that wire the middleware (a fragment)."""
import hashlib

# region middleware
MIDDLEWARE = [
    "api.middleware.RequestIdMiddleware",    # outermost
    "api.middleware.TimingMiddleware",
    "api.middleware.JsonErrorMiddleware",
    "api.middleware.BearerTokenMiddleware",  # innermost
]
# endregion

# Token digests → user ids; never the tokens themselves.
API_TOKENS = {
    hashlib.sha256(b"alice-token").hexdigest(): 1,
}
