// mistake: normalises the name to NFC, so 26 "e\u0301" (52 code points, too long for Django) pass and the greeting no longer echoes the name as sent.
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  const raw = new URL(request.url).searchParams.get('name');
  const name = raw?.trim().normalize('NFC') ?? '';
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
