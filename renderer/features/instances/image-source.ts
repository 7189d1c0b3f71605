// Where an image came from, as the list shows it: the core records "upload PATH", "url URL" or "volume POOL/VOL";
// an upload is named by its file name (through the web API the path is a staging directory the user never chose).
export type ImageSourceKind = 'upload' | 'url' | 'volume' | 'other';

export function imageSource(source: string): { kind: ImageSourceKind; detail: string } {
  const space = source.indexOf(' ');
  const word = space > 0 ? source.slice(0, space) : '';
  const rest = source.slice(space + 1);
  if (word === 'upload') return { kind: 'upload', detail: rest.split(/[/\\]/).pop() ?? rest };
  if (word === 'url' || word === 'volume') return { kind: word, detail: rest };
  return { kind: 'other', detail: source };
}
