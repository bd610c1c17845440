/** Writing values into generated source: a TypeScript literal with slots as expressions, a JSON text with slots as shell variables. */
import { Slot, type Value } from './plan.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const WIDTH = 110;

/** `value` as a TypeScript literal, each slot written by `slotCode`; short objects and arrays on one line. */
export function tsLiteral(value: Value, slotCode: (slot: Slot) => string, indent = ''): string {
  if (value instanceof Slot) return slotCode(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => tsLiteral(item, slotCode, inner))
    : Object.entries(value).map(([key, item]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${tsLiteral(item, slotCode, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  if (items.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const oneLine = `${open}${items.join(', ')}${close}`;
  if (oneLine.length + indent.length <= WIDTH && !oneLine.includes('\n')) return oneLine;
  return `${open.trim()}\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}${close.trim()}`;
}

/** A plain value as a TypeScript literal. */
export const plainLiteral = (value: unknown, indent = ''): string => tsLiteral(value as Value, () => 'undefined', indent);

/** An operation's name as a variable's: `InitiateAuth` → `initiateAuth`. */
export const camel = (operation: string) => operation.charAt(0).toLowerCase() + operation.slice(1);

/** A comment's text kept on its line and unable to close the comment. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ');
}

/**
 * `value` as JSON for an unquoted shell here-document: `$`, backquotes and backslashes of the
 * recorded text escaped, each slot's shell expression (`${PASSWORD}`) written inside its string.
 */
export function shellJson(value: Value, slotShell: (slot: Slot) => string): string {
  const escape = (text: string) => text.replace(/[\\$`]/g, (c) => `\\${c}`);
  const walk = (v: Value, indent: string): string => {
    if (v instanceof Slot) return `"${slotShell(v)}"`;
    if (v === null || typeof v !== 'object') return escape(JSON.stringify(v));
    const inner = `${indent}  `;
    const entries = Array.isArray(v) ? v.map((item) => walk(item, inner)) : Object.entries(v).map(([k, item]) => `${escape(JSON.stringify(k))}: ${walk(item, inner)}`);
    if (entries.length === 0) return Array.isArray(v) ? '[]' : '{}';
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return `${open}\n${entries.map((e) => `${inner}${e}`).join(',\n')}\n${indent}${close}`;
  };
  return walk(value, '');
}
