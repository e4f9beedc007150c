/**
 * Exercise: bearer-auth — a token in, a user id out, or a 401.
 *
 * The Django middleware you are porting (DRF's TokenAuthentication does
 * much the same with a database lookup):
 *
 *     class BearerTokenMiddleware:
 *         def __init__(self, get_response):
 *             self.get_response = get_response
 *
 *         def __call__(self, request):
 *             scheme, _, token = request.headers.get(
 *                 "Authorization", "").partition(" ")
 *             digest = hashlib.sha256(token.encode()).hexdigest()
 *             user_id = settings.API_TOKENS.get(digest)
 *             if scheme.lower() != "bearer" or user_id is None:
 *                 response = JsonResponse({"error": "unauthorized"}, status=401)
 *                 response["WWW-Authenticate"] = "Bearer"
 *                 return response
 *             request.user_id = user_id
 *             return self.get_response(request)
 *
 * Tokens are never stored, only their SHA-256 digests (hex), the way you
 * store passwords' hashes: a leaked table of digests lets nobody in.
 *
 * `bearerAuth(tokens)(next)` returns a handler that:
 *
 *   - accepts exactly "Authorization: Bearer <token>": the scheme in any
 *     letter case, one space, then a token made of A-Z a-z 0-9 - . _ ~ + /
 *     optionally followed by "=" padding (RFC 6750's token68);
 *   - hashes the token with SHA-256 and finds the record whose digest is
 *     equal, comparing the 32-byte digests with crypto.timingSafeEqual
 *     from node:crypto (the grader spies on it: it is the one
 *     constant-time comparison it can detect; === on strings stops at the
 *     first differing character, and that timing difference is measurable);
 *   - calls next(request, { ...ctx, userId }) on a match, keeping the
 *     caller's other context fields;
 *   - otherwise — header missing, another scheme (Basic, Token), no token,
 *     extra words, an unknown token — answers 401 {"error": "unauthorized"}
 *     with the header WWW-Authenticate: Bearer, WITHOUT calling `next`.
 *     The body is the same in every case: do not tell a client which part
 *     of its guess was wrong;
 *   - throws when bearerAuth(tokens) is called, before any request, if a
 *     record's sha256 is not 64 hex characters: a typo in the token list
 *     should stop the service at start-up, not become a stream of 401s.
 */
export type Handler<Ctx> = (request: Request, ctx: Ctx) => Promise<Response>;

export interface TokenRecord {
  userId: number;
  /** SHA-256 of the token, as 64 lower-case hex characters. */
  sha256: string;
}

export interface AuthContext {
  userId: number;
}

export function bearerAuth(tokens: readonly TokenRecord[]) {
  return <Ctx extends object>(next: Handler<Ctx & AuthContext>): Handler<Ctx> =>
    async (_request, _ctx) => {
      // TODO: parse the Authorization header strictly.
      // TODO: hash the token (createHash from node:crypto) and compare it
      //       with each stored digest using timingSafeEqual.
      // TODO: 401 JSON with WWW-Authenticate: Bearer, or call next with userId.
      void tokens;
      void next;
      throw new Error('bearerAuth() is not implemented yet');
    };
}
