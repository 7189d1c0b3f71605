/** The text is not well-formed XML. `line`/`column` are 1-based when the parser could tell. */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
  constructor(
    readonly reason: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(line === null ? `invalid XML: ${reason}` : `invalid XML at line ${line}, column ${column ?? '?'}: ${reason}`);
  }
}

/** Well-formed XML that does not fit the model (wrong root element, bad property path or value). */
export class XmlModelError extends Error {
  override readonly name = 'XmlModelError';
}
