// mistake: splits the query string by hand and decodes with decodeURIComponent, so "+" stays a plus (not a space) and a broken escape such as %E0%A4%A throws.
export const MAX_NAME_CHARACTERS = 50;

export function greet(request: Request): Response {
  let raw: string | null = null;
  for (const pair of new URL(request.url).search.slice(1).split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key === 'name') {
      raw = decodeURIComponent(value);
      break;
    }
  }
  const name = raw?.trim() ?? '';
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
