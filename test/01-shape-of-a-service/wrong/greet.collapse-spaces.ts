// mistake: tidies the name by collapsing every run of whitespace into one space, so "Ada  Lovelace" is greeted as "Ada Lovelace", not as sent.
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const name = (new URL(request.url).searchParams.get('name') ?? '').replace(/\s+/g, ' ').trim();
  if (name === '') return Response.json({ error: 'name is required' }, { status: 400 });
  if ([...name].length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  return Response.json({ greeting: `Hello, ${name}!` });
}
