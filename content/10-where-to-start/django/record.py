"""Records what the Django endpoint answers to a fixed list of requests.

The capstone's grader replays these. scripts/record-capstone.py writes the
result to
test/10-where-to-start/recorded/expense-list.json; tests/test_10_capstone.py
records again in memory and fails if the committed file differs, so the
TypeScript grader always replays what this Django code really returns.
"""
import json
import sys

from django.test import Client, override_settings

from tests.snippets import load_snippet

URLCONF = "chapter10_capstone_urls"
API = "/api/expenses/"

# (name, user, method, path): user None is an anonymous request.
# region requests
REQUESTS = [
    ("first page with the defaults", "alice", "GET", API),
    ("five per page", "alice", "GET", API + "?per_page=5"),
    ("a middle page", "alice", "GET", API + "?per_page=5&page=3"),
    ("a tie on spent_at split across two pages (1)", "alice", "GET", API + "?per_page=2&page=8"),
    ("a tie on spent_at split across two pages (2)", "alice", "GET", API + "?per_page=2&page=9"),
    ("the last page, partly filled", "alice", "GET", API + "?per_page=5&page=5"),
    ("one page past the last", "alice", "GET", API + "?per_page=5&page=6"),
    ("the last page, exactly full", "alice", "GET", API + "?status=pending&per_page=3&page=3"),
    ("one page past an exactly full last page", "alice", "GET", API + "?status=pending&per_page=3&page=4"),
    ("a very large page number", "alice", "GET", API + "?page=999999999"),
    ("status filter", "alice", "GET", API + "?status=approved"),
    ("uncategorised expenses (category is null)", "alice", "GET", API + "?category=none"),
    ("one category", "alice", "GET", API + "?category=2"),
    ("another user's category id: nothing, not an error", "alice", "GET", API + "?category=4"),
    ("page 1 of nothing is a page", "alice", "GET", API + "?category=4&page=1"),
    ("page 2 of nothing is not", "alice", "GET", API + "?category=4&page=2"),
    ("search is case-insensitive", "alice", "GET", API + "?q=TAXI"),
    ("search for a literal percent sign", "alice", "GET", API + "?q=50%25"),
    ("search for a literal underscore", "alice", "GET", API + "?q=_"),
    ("search for a literal backslash", "alice", "GET", API + "?q=%5C"),
    ("search with a quote and SQL in it", "alice", "GET", API + "?q=%27brien+consulting%3B+drop"),
    ("an empty search is no filter", "alice", "GET", API + "?q=&per_page=3"),
    ("a 100-character search is allowed", "alice", "GET", API + "?q=" + "x" * 100),
    ("a 101-character search is not", "alice", "GET", API + "?q=" + "x" * 101),
    ("100 emoji are 100 characters, not 200", "alice", "GET", API + "?q=" + "%F0%9F%98%80" * 100),
    ("an accented search", "alice", "GET", API + "?q=caf%C3%A9"),
    ("filters combined", "alice", "GET", API + "?status=approved&category=1&per_page=2&page=2"),
    ("a repeated parameter: the last value wins", "alice", "GET", API + "?status=rejected&status=approved"),
    ("a repeated page: the last value wins", "alice", "GET", API + "?per_page=4&page=3&page=2"),
    ("unknown and __proto__ parameters are ignored", "alice", "GET", API + "?__proto__=x&constructor%5Bprototype%5D%5Bx%5D=1&per_page=2"),
    ("another user sees only their own rows", "bob", "GET", API),
    ("another user's search never finds alice's rows", "bob", "GET", API + "?q=lunch"),
    ("a user with no expenses", "carol", "GET", API),
    ("anonymous", None, "GET", API),
    ("anonymous with a bad parameter: 401 before any validation", None, "GET", API + "?page=0"),
    ("POST is not allowed", "alice", "POST", API),
    ("HEAD is not GET to @require_GET", "alice", "HEAD", API),
    ("anonymous POST: the method is checked before the user", None, "POST", API),
    ("bad status", "alice", "GET", API + "?status=paid"),
    ("empty status", "alice", "GET", API + "?status="),
    ("bad category", "alice", "GET", API + "?category=abc"),
    ("category None is not none", "alice", "GET", API + "?category=None"),
    ("SQL in the category", "alice", "GET", API + "?category=1%3B+DROP+TABLE+expenses_expense"),
    ("page 0", "alice", "GET", API + "?page=0"),
    ("negative page", "alice", "GET", API + "?page=-1"),
    ("page not a number", "alice", "GET", API + "?page=abc"),
    ("fractional page", "alice", "GET", API + "?page=1.5"),
    ("page with a leading space", "alice", "GET", API + "?page=%201"),
    ("page with a leading zero", "alice", "GET", API + "?page=01"),
    ("empty page", "alice", "GET", API + "?page="),
    ("a page number too long to parse", "alice", "GET", API + "?page=99999999999999999999"),
    ("per_page 0", "alice", "GET", API + "?per_page=0"),
    ("negative per_page", "alice", "GET", API + "?per_page=-5"),
    ("per_page in exponent notation", "alice", "GET", API + "?per_page=1e1"),
    ("per_page 100 is the maximum", "alice", "GET", API + "?per_page=100"),
    ("per_page 101 is too many", "alice", "GET", API + "?per_page=101"),
]
# endregion


# region record
def record():
    """Seeds nothing: call inside a database that seed.seed() has filled."""
    from django.contrib.auth.models import User

    sys.modules[URLCONF] = load_snippet("10-where-to-start/django/urls.py")
    entries = []
    with override_settings(ROOT_URLCONF=URLCONF):
        for name, username, method, path in REQUESTS:
            client = Client()
            if username is not None:
                client.force_login(User.objects.get(username=username))
            response = client.generic(method, path)
            body = response.content.decode("utf-8")
            entry = {
                "name": name,
                "user": username,
                "method": method,
                "path": path,
                "status": response.status_code,
                "body": json.loads(body) if body else None,
            }
            if response.has_header("Allow"):
                entry["allow"] = response["Allow"]
            entries.append(entry)
    return entries
# endregion


def dumps(entries):
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
