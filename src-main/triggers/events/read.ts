/**
 * Reading what a function returned, as Cognito reads it. Cognito expects the event back with
 * `response` filled in; an answer that is not a JSON object, or whose response members have
 * the wrong types, is refused with InvalidLambdaResponseException "Unrecognizable lambda
 * output". Member types are read the way Cognito's Java service binds JSON (Jackson's default
 * coercions): a string member also takes a number or boolean (as text), a boolean member also
 * takes "true"/"false", and null means absent; objects and arrays in the wrong place are refused.
 */
import { InvalidLambdaResponseException } from '../../cognito/errors.js';
import type { StringMap } from '../types.js';

export const UNRECOGNIZABLE_OUTPUT = 'Unrecognizable lambda output';

export function unrecognizable(): InstanceType<typeof InvalidLambdaResponseException> {
  return new InvalidLambdaResponseException(UNRECOGNIZABLE_OUTPUT);
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `response` member of a returned event; `{}` when the function left it out or null. */
export function responseOf(output: unknown): JsonObject {
  if (!isJsonObject(output)) throw unrecognizable();
  const response = output.response;
  if (response === undefined || response === null) return {};
  if (!isJsonObject(response)) throw unrecognizable();
  return response;
}

export function readString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw unrecognizable();
}

export function readBoolean(value: unknown): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw unrecognizable();
}

export function readObject(value: unknown): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (!isJsonObject(value)) throw unrecognizable();
  return value;
}

export function readStringMap(value: unknown): StringMap | null {
  const object = readObject(value);
  if (!object) return null;
  const map: StringMap = {};
  for (const [key, member] of Object.entries(object)) {
    const text = readString(member);
    if (text !== null) map[key] = text;
  }
  return map;
}

export function readStringList(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw unrecognizable();
  return value.map(readString).filter((item): item is string => item !== null);
}
