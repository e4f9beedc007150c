// mistake: measures the name before trimming, so spaces around an acceptable name make it "too long".
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const raw = new URL(request.url).searchParams.get('name') ?? '';
  if ([...raw].length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  const name = raw.trim();
  if (name === '') return Response.json({ error: 'name is required' }, { status: 400 });
  return Response.json({ greeting: `Hello, ${name}!` });
}
