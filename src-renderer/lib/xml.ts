/**
 * XML as the window shows a SAML AuthnRequest or SAMLResponse: read into a small tree, laid out
 * one element per line with two-space indents, each part coloured (tag, attribute, value, text),
 * and folded element by element. Not a validating parser: SAML messages are well-formed; text that
 * is not (a message cut to the event's size limit) is shown as it came, coloured, without folds.
 */

export type XmlTokenKind = 'punct' | 'tag' | 'attr' | 'value' | 'text' | 'comment' | 'decl';

export interface XmlToken {
  text: string;
  kind: XmlTokenKind;
}

export interface XmlElement {
  kind: 'element';
  /** In document order, from 0: what a fold is keyed by. */
  id: number;
  name: string;
  attributes: [name: string, value: string][];
  children: XmlNode[];
}

export type XmlNode = XmlElement | { kind: 'text' | 'comment' | 'decl'; text: string };

/** One line of the laid-out XML. `fold`: the element this line opens, when it has lines inside to fold. */
export interface XmlLine {
  depth: number;
  tokens: XmlToken[];
  fold?: { id: number; name: string; folded: boolean };
}

const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?[^\s<>/!?][^<>]*>/g;
const ATTRIBUTE = /([^\s=/]+)\s*=\s*("[^"]*"|'[^']*')/g;

/** The elements and other nodes of a document, or undefined when it is not well-formed. */
export function parseXml(xml: string): XmlNode[] | undefined {
  const root: XmlElement = { kind: 'element', id: -1, name: '', attributes: [], children: [] };
  const open: XmlElement[] = [root];
  let nextId = 0;
  let last = 0;
  const addText = (text: string) => {
    if (text.trim()) open.at(-1)!.children.push({ kind: 'text', text: text.trim() });
  };
  for (const match of xml.matchAll(MARKUP)) {
    addText(xml.slice(last, match.index));
    last = match.index + match[0].length;
    const markup = match[0];
    if (markup.startsWith('<!--')) open.at(-1)!.children.push({ kind: 'comment', text: markup });
    else if (markup.startsWith('<![CDATA[')) open.at(-1)!.children.push({ kind: 'text', text: markup });
    else if (markup.startsWith('<?') || markup.startsWith('<!')) open.at(-1)!.children.push({ kind: 'decl', text: markup });
    else if (markup.startsWith('</')) {
      const name = markup.slice(2, -1).trim();
      const closing = open.pop();
      if (!closing || closing === root || closing.name !== name) return undefined;
    } else {
      const selfClosing = markup.endsWith('/>');
      const body = markup.slice(1, selfClosing ? -2 : -1);
      const name = body.match(/^[^\s/>]+/)![0];
      const element: XmlElement = {
        kind: 'element',
        id: nextId++,
        name,
        attributes: [...body.slice(name.length).matchAll(ATTRIBUTE)].map((a) => [a[1]!, a[2]!.slice(1, -1)] as [string, string]),
        children: [],
      };
      open.at(-1)!.children.push(element);
      if (!selfClosing) open.push(element);
    }
  }
  if (xml.slice(last).includes('<')) return undefined;
  addText(xml.slice(last));
  if (open.length !== 1 || !root.children.some((node) => node.kind === 'element')) return undefined;
  return root.children;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function openTag(element: XmlElement, close: '>' | '/>'): XmlToken[] {
  const tokens: XmlToken[] = [
    { text: '<', kind: 'punct' },
    { text: element.name, kind: 'tag' },
  ];
  for (const [name, value] of element.attributes) {
    tokens.push({ text: ' ', kind: 'text' }, { text: name, kind: 'attr' }, { text: '=', kind: 'punct' }, { text: `"${value}"`, kind: 'value' });
  }
  tokens.push({ text: close, kind: 'punct' });
  return tokens;
}

const closeTag = (element: XmlElement): XmlToken[] => [
  { text: '</', kind: 'punct' },
  { text: element.name, kind: 'tag' },
  { text: '>', kind: 'punct' },
];

/** An element written on one line: empty, or holding one text. */
function isOneLine(element: XmlElement): boolean {
  return element.children.length === 0 || (element.children.length === 1 && element.children[0]!.kind === 'text');
}

/** The document laid out line by line, the `folded` elements on one line each (`<a …>…</a>`). */
export function xmlLines(nodes: readonly XmlNode[], folded: ReadonlySet<number> = new Set()): XmlLine[] {
  const lines: XmlLine[] = [];
  const walk = (node: XmlNode, depth: number) => {
    if (node.kind !== 'element') {
      lines.push({ depth, tokens: [{ text: node.text, kind: node.kind }] });
      return;
    }
    if (node.children.length === 0) {
      lines.push({ depth, tokens: openTag(node, '/>') });
      return;
    }
    if (isOneLine(node)) {
      lines.push({ depth, tokens: [...openTag(node, '>'), { text: (node.children[0] as { text: string }).text, kind: 'text' }, ...closeTag(node)] });
      return;
    }
    const isFolded = folded.has(node.id);
    const fold = { id: node.id, name: node.name, folded: isFolded };
    if (isFolded) {
      lines.push({ depth, tokens: [...openTag(node, '>'), { text: '…', kind: 'comment' }, ...closeTag(node)], fold });
      return;
    }
    lines.push({ depth, tokens: openTag(node, '>'), fold });
    for (const child of node.children) walk(child, depth + 1);
    lines.push({ depth, tokens: closeTag(node) });
  };
  for (const node of nodes) walk(node, 0);
  return lines;
}

/** The document as indented text (what the copy button copies). */
export function prettyXml(nodes: readonly XmlNode[]): string {
  return xmlLines(nodes)
    .map((line) => '  '.repeat(line.depth) + line.tokens.map((token) => token.text).join(''))
    .join('\n');
}

/** The ids of the elements named (by local name: `Signature` matches `ds:Signature`), to fold at first. */
export function elementsNamed(nodes: readonly XmlNode[], localNames: readonly string[]): Set<number> {
  const found = new Set<number>();
  const walk = (node: XmlNode) => {
    if (node.kind !== 'element') return;
    if (localNames.includes(localName(node.name))) found.add(node.id);
    node.children.forEach(walk);
  };
  nodes.forEach(walk);
  return found;
}

/** Text that is not well-formed XML, coloured as far as its markup goes, line by line as it came. */
export function rawXmlLines(xml: string): XmlLine[] {
  return xml.split('\n').map((line) => {
    const tokens: XmlToken[] = [];
    let last = 0;
    for (const match of line.matchAll(MARKUP)) {
      if (match.index > last) tokens.push({ text: line.slice(last, match.index), kind: 'text' });
      tokens.push(...markupTokens(match[0]));
      last = match.index + match[0].length;
    }
    if (last < line.length) tokens.push({ text: line.slice(last), kind: 'text' });
    return { depth: 0, tokens };
  });
}

function markupTokens(markup: string): XmlToken[] {
  if (markup.startsWith('<!--')) return [{ text: markup, kind: 'comment' }];
  if (markup.startsWith('<?') || markup.startsWith('<!')) return [{ text: markup, kind: 'decl' }];
  if (markup.startsWith('</')) return [{ text: '</', kind: 'punct' }, { text: markup.slice(2, -1), kind: 'tag' }, { text: '>', kind: 'punct' }];
  const selfClosing = markup.endsWith('/>');
  const body = markup.slice(1, selfClosing ? -2 : -1);
  const name = body.match(/^[^\s/>]+/)![0];
  return openTag({ kind: 'element', id: -1, name, attributes: [...body.slice(name.length).matchAll(ATTRIBUTE)].map((a) => [a[1]!, a[2]!.slice(1, -1)]), children: [] }, selfClosing ? '/>' : '>');
}
