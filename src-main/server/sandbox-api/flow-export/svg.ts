/**
 * A flow's sequence diagram as a standalone SVG, written here (no browser): the lanes and steps
 * of the window's sequence view (mermaid.ts sequenceOf), one row per step with its time since
 * the flow began, arrows coloured by what they carry, dashed for answers.
 */
import type { SandboxEvent } from '../../../../shared/events.js';
import type { Step, StepTone } from '../../../../src-renderer/lib/flow-model.js';
import { flowTitle } from './naming.js';
import { sequenceOf } from './mermaid.js';
import type { ExportPlan } from './plan.js';

const TIME_COLUMN = 72;
const LANE_WIDTH = 190;
const TITLE_HEIGHT = 34;
const HEAD_HEIGHT = 34;
const ROW = 40;
const FONT = "-apple-system, 'Segoe UI', system-ui, sans-serif";

const TONE_COLOURS: Record<StepTone, string> = {
  neutral: '#475569',
  ok: '#15803d',
  error: '#b91c1c',
  token: '#7c3aed',
  trigger: '#b45309',
  message: '#0e7490',
  challenge: '#1d4ed8',
};

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);

/** Cut to about `room` pixels of 7 px characters. */
function fit(text: string, room: number): string {
  const max = Math.max(4, Math.floor(room / 6.6));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function since(ms: number): string {
  if (ms < 1_000) return `+${Math.round(ms)} ms`;
  return `+${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function stepShapes(step: Step, y: number, x: (lane: Step['from']) => number, width: number): string[] {
  const colour = TONE_COLOURS[step.tone];
  const sub = [step.note, step.ms !== undefined ? `${Math.round(step.ms)} ms` : undefined].filter(Boolean).join(' · ');
  if (step.from === step.to) {
    const cx = x(step.from);
    const room = width - cx - 16;
    return [
      `<circle cx="${cx}" cy="${y + 14}" r="4" fill="${colour}"/>`,
      `<text x="${cx + 10}" y="${y + 18}" fill="${colour}" font-size="12">${xml(fit(step.label, room))}</text>`,
      ...(sub ? [`<text x="${cx + 10}" y="${y + 32}" fill="#64748b" font-size="10.5">${xml(fit(sub, room))}</text>`] : []),
    ];
  }
  const [a, b] = [x(step.from), x(step.to)];
  const right = b > a;
  const head = right ? `${b},${y + 22} ${b - 8},${y + 18} ${b - 8},${y + 26}` : `${b},${y + 22} ${b + 8},${y + 18} ${b + 8},${y + 26}`;
  const left = Math.min(a, b);
  const room = width - left - 20;
  return [
    `<line x1="${a}" y1="${y + 22}" x2="${right ? b - 6 : b + 6}" y2="${y + 22}" stroke="${colour}" stroke-width="1.5"${step.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
    `<polygon points="${head}" fill="${colour}"/>`,
    `<text x="${left + 10}" y="${y + 16}" fill="${colour}" font-size="12">${xml(fit(step.label, room))}</text>`,
    ...(sub ? [`<text x="${left + 10}" y="${y + 35}" fill="#64748b" font-size="10.5">${xml(fit(sub, room))}</text>`] : []),
  ];
}

export function svgDiagram(events: readonly SandboxEvent[], flow: ExportPlan['flow']): string {
  const { steps, lanes } = sequenceOf(events);
  const width = TIME_COLUMN + lanes.length * LANE_WIDTH;
  const top = TITLE_HEIGHT + HEAD_HEIGHT;
  const height = top + steps.length * ROW + 16;
  const index = new Map(lanes.map((lane, i) => [lane.id, i]));
  const x = (lane: Step['from']) => TIME_COLUMN + ((index.get(lane) ?? 0) + 0.5) * LANE_WIDTH;
  const start = steps.length > 0 ? Math.min(...steps.map((s) => s.time)) : 0;
  const title = `${flowTitle(flow)}${flow.state ? ` · ${flow.state}` : ''}`;
  const shapes = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="22" font-size="14" font-weight="600" fill="#0f172a">${xml(fit(title, width - 24))}</text>`,
    ...lanes.flatMap((lane) => {
      const cx = x(lane.id);
      return [
        `<rect x="${cx - LANE_WIDTH / 2 + 8}" y="${TITLE_HEIGHT}" width="${LANE_WIDTH - 16}" height="${HEAD_HEIGHT - 8}" rx="6" fill="#f1f5f9" stroke="#cbd5e1"/>`,
        `<text x="${cx}" y="${TITLE_HEIGHT + 17}" text-anchor="middle" font-size="12" font-weight="600" fill="#0f172a">${xml(lane.label)}</text>`,
        `<line x1="${cx}" y1="${top}" x2="${cx}" y2="${height - 8}" stroke="#cbd5e1" stroke-dasharray="3 3"/>`,
      ];
    }),
    ...steps.flatMap((step, i) => {
      const y = top + i * ROW;
      return [
        `<g data-step="${xml(step.key)}">`,
        `<text x="${TIME_COLUMN - 10}" y="${y + 20}" text-anchor="end" font-size="10.5" fill="#64748b">${since(step.time - start)}</text>`,
        ...stepShapes(step, y, x, width),
        '</g>',
      ];
    }),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xml(FONT)}">`,
    `<title>${xml(title)}</title>`,
    ...shapes.map((shape) => `  ${shape}`),
    '</svg>',
    '',
  ].join('\n');
}
