/** An XML element as a name and its content: text, or child elements in order. */
export type XmlElement = [name: string, content: XmlContent];
/** Text content (null and undefined make an empty element), or child elements. */
export type XmlContent = string | number | boolean | null | undefined | XmlElement[];

/** Escapes text for XML content. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[char]};`,
  );
}

function elementText([name, content]: XmlElement): string {
  if (content === null || content === undefined) return `<${name}/>`;
  if (Array.isArray(content)) return `<${name}>${content.map(elementText).join("")}</${name}>`;
  return `<${name}>${escapeXml(String(content))}</${name}>`;
}

/** A whole UTF-8 XML document with its declaration, as GeoReport v2 asks. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${elementText(root)}\n`;
}

/** Elements of a flat record, in its key order. */
export function recordElements(record: Record<string, string | number | boolean | null | undefined>): XmlElement[] {
  return Object.entries(record).map(([name, value]) => [name, value]);
}
