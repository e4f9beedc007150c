// mistake: trims only ASCII spaces, so tabs, newlines and Unicode spaces stay around the name and a name of only tabs is greeted.
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const raw = new URL(request.url).searchParams.get('name');
  const name = (raw ?? '').replace(/^ +| +$/g, '');
  if (name === '') {
    return Response.json({ error: 'name is required' }, { status: 400 });
  }
  // Count the trimmed name's code points, like Python's len(): .length
  // would count UTF-16 units (an emoji is 2), Intl.Segmenter graphemes.
  if ([...name].length > MAX_NAME_CHARACTERS) {
    return Response.json({ error: `name must be at most ${MAX_NAME_CHARACTERS} characters` }, { status: 400 });
  }
  return Response.json({ greeting: `Hello, ${name}!` });
}
