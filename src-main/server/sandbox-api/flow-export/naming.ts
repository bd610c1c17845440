/** How an exported flow is named: its title in a file's header, and the file's name (`sign-up-alice-2026-12-06.test.ts`). */
import { flowKindLabel } from '../../../../src-renderer/lib/event-labels.js';
import type { ExportPlan } from './plan.js';

export const EXPORT_FORMATS = ['curl', 'sdk', 'vitest', 'mermaid', 'svg', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const EXTENSIONS: Record<ExportFormat, string> = {
  curl: 'sh',
  sdk: 'sdk.ts',
  vitest: 'test.ts',
  mermaid: 'mmd',
  svg: 'svg',
  json: 'json',
};

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  curl: 'text/x-shellscript; charset=utf-8',
  sdk: 'text/plain; charset=utf-8',
  vitest: 'text/plain; charset=utf-8',
  mermaid: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/@.*$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

export function flowTitle(flow: ExportPlan['flow']): string {
  const who = flow.person ? ` for ${flow.person}` : '';
  const ended = flow.outcome ? `, ${flow.outcome}` : ', not ended';
  return `${flowKindLabel(flow.kind)}${who}, ${new Date(flow.created).toISOString()}${ended}`;
}

export function exportFileName(flow: ExportPlan['flow'], format: ExportFormat): string {
  const parts = [slug(flowKindLabel(flow.kind)) || 'flow', flow.person ? slug(flow.person) : '', new Date(flow.created).toISOString().slice(0, 10)];
  return `${parts.filter(Boolean).join('-')}.${EXTENSIONS[format]}`;
}
