/**
 * STS's answers as the AWS query protocol writes them: `<{Action}Response xmlns=...>` holding
 * `<{Action}Result>` and `<ResponseMetadata><RequestId>`, and errors as `<ErrorResponse>` with
 * `<Error><Type>Sender|Receiver</Type><Code>`, `<Message>` and the `<RequestId>`. Indented as STS
 * indents them.
 */
import type { CognitoError } from '../../../cognito/errors.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An element's content: text, or child elements in order (absent ones left out). */
export type XmlValue = string | number | XmlElements | undefined;
export interface XmlElements {
  [name: string]: XmlValue;
}

/** Text content escaped as AWS escapes it: quotes stay as they are ("Value 'a' at 'roleSessionName'"). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function element(name: string, value: XmlValue, depth: number): string {
  const indent = '  '.repeat(depth);
  if (value === undefined) return '';
  if (typeof value !== 'object') return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
  const children = Object.entries(value)
    .map(([child, v]) => element(child, v, depth + 1))
    .join('');
  return `${indent}<${name}>\n${children}${indent}</${name}>\n`;
}

/** A timestamp as STS writes it: ISO 8601, whole seconds, UTC (`2024-05-01T12:00:00Z`). */
export function xmlTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function actionResponse(action: string, result: XmlElements, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    element(`${action}Result`, result, 1) +
    element('ResponseMetadata', { RequestId: requestId }, 1) +
    `</${action}Response>\n`
  );
}

export function errorResponse(error: CognitoError, requestId: string): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    element('Error', { Type: type, Code: error.type, Message: error.message }, 1) +
    element('RequestId', requestId, 1) +
    `</ErrorResponse>\n`
  );
}
