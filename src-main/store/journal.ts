/**
 * The journal's record framing, and reading a journal back whatever happened to it.
 *
 * One record per committed transaction, one line each:
 *
 *     J2 <payload length: 8 hex digits> <CRC-32 of the payload: 8 hex digits> <payload>\n
 *
 * The payload is `{"s":<sequence number>,"o":[[sql, params], ...]}` in UTF-8; JSON never holds
 * a raw newline, so the newline closes exactly one record. Journals written before the framing
 * existed hold bare payload lines (no length, no checksum); they are still read.
 *
 * Reading checks every record. Past a damaged one it resynchronises on the next record that
 * checks out, so one bad spot costs that record only. A damaged stretch with no newline up to
 * the end of the file is a torn tail: a write cut short (a crash, or a disk that filled up
 * before the rollback existed), never acknowledged.
 */
import { crc32 } from 'node:zlib';
import type { Params } from './tx.js';

export interface JournalEntry {
  s: number;
  o: [string, Params][];
}

export interface ReadEntry {
  entry: JournalEntry;
  /** Byte offset of the record in the file. */
  at: number;
}

export interface JournalScan {
  entries: ReadEntry[];
  /** Stretches that held no readable record, with good records after them. */
  damaged: { from: number; to: number }[];
  /** An unterminated partial record at the end: its start. */
  tornAt?: number;
}

const MAGIC = Buffer.from('J2 ');
const LEGACY_START = Buffer.from('{"s":');
const HEADER = 21; // 'J2 ' + 8 hex + ' ' + 8 hex + ' '
const NEWLINE = 0x0a;
const HEX8 = /^[0-9a-f]{8}$/;

export function encodeRecord(entry: JournalEntry): Buffer {
  const payload = Buffer.from(JSON.stringify(entry), 'utf8');
  const header = `J2 ${hex8(payload.length)} ${hex8(crc32(payload))} `;
  const record = Buffer.allocUnsafe(HEADER + payload.length + 1);
  record.write(header, 0, 'latin1');
  payload.copy(record, HEADER);
  record[record.length - 1] = NEWLINE;
  return record;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as JournalEntry;
  return typeof entry === 'object' && entry !== null && Number.isSafeInteger(entry.s) && Array.isArray(entry.o);
}

/** The record starting at `at` and where the next one starts, or undefined when none checks out there. */
function recordAt(data: Buffer, at: number, legacy: boolean): { entry: JournalEntry; next: number } | undefined {
  if (data.compare(MAGIC, 0, MAGIC.length, at, at + MAGIC.length) === 0) {
    if (at + HEADER > data.length) return undefined;
    const header = data.toString('latin1', at + 3, at + HEADER);
    const [length, checksum] = [header.slice(0, 8), header.slice(9, 17)];
    if (!HEX8.test(length) || !HEX8.test(checksum) || header[8] !== ' ' || header[17] !== ' ') return undefined;
    const end = at + HEADER + parseInt(length, 16);
    if (end >= data.length || data[end] !== NEWLINE) return undefined;
    const payload = data.subarray(at + HEADER, end);
    if (crc32(payload) !== parseInt(checksum, 16)) return undefined;
    const entry = parseJson(payload.toString('utf8'));
    return isEntry(entry) ? { entry, next: end + 1 } : undefined;
  }
  if (legacy && data[at] === 0x7b) {
    const end = data.indexOf(NEWLINE, at);
    if (end < 0) return undefined;
    const entry = parseJson(data.toString('utf8', at, end));
    return isEntry(entry) ? { entry, next: end + 1 } : undefined;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The next offset after `from` where a record checks out. Old-format lines are candidates only
 * before the first framed record: a framed record's own payload looks like one, unchecked.
 */
function resync(data: Buffer, from: number, legacy: boolean): number | undefined {
  let framed = data.indexOf(MAGIC, from);
  let bare = legacy ? data.indexOf(LEGACY_START, from) : -1;
  while (framed >= 0 || bare >= 0) {
    const at = bare < 0 || (framed >= 0 && framed < bare) ? framed : bare;
    if (recordAt(data, at, legacy)) return at;
    if (at === framed) framed = data.indexOf(MAGIC, at + 1);
    else bare = data.indexOf(LEGACY_START, at + 1);
  }
  return undefined;
}

export function scanJournal(data: Buffer): JournalScan {
  const scan: JournalScan = { entries: [], damaged: [] };
  let legacy = true;
  let at = 0;
  while (at < data.length) {
    if (data[at] === NEWLINE) {
      at += 1; // old journals could hold empty lines
      continue;
    }
    const record = recordAt(data, at, legacy);
    if (record) {
      if (data[at] !== 0x7b) legacy = false;
      scan.entries.push({ entry: record.entry, at });
      at = record.next;
      continue;
    }
    const next = resync(data, at + 1, legacy);
    if (next === undefined) {
      if (data.indexOf(NEWLINE, at) < 0) scan.tornAt = at;
      else scan.damaged.push({ from: at, to: data.length });
      break;
    }
    scan.damaged.push({ from: at, to: next });
    at = next;
  }
  return scan;
}
