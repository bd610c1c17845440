/**
 * What kind of image a file is, read from its first bytes (its "magic number"), never from what
 * the request says it is: the logo of the hosted UI and the managed login branding's assets.
 */
export type ImageKind = 'PNG' | 'JPEG' | 'ICO' | 'WEBP' | 'SVG';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ICO = [0x00, 0x00, 0x01, 0x00];

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);
const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** An SVG document: XML text whose root element is `<svg`, after an optional declaration, doctype and comments. */
function isSvg(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  const prolog = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i;
  return prolog.test(text);
}

export function imageKindOf(bytes: Uint8Array): ImageKind | undefined {
  if (startsWith(bytes, PNG)) return 'PNG';
  if (startsWith(bytes, JPEG)) return 'JPEG';
  if (startsWith(bytes, ICO) && bytes.length > 6) return 'ICO';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'WEBP';
  if (isSvg(bytes)) return 'SVG';
  return undefined;
}
