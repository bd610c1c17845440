/**
 * A flow's sequence diagram as Mermaid `sequenceDiagram` text: the participants and messages
 * the window's sequence view draws (src-renderer/lib/flow-model.ts builds both), a step of one
 * lane as a note over it. The steps of child flows (a hosted login's sign-in) are not included.
 */
import type { SandboxEvent } from '../../../../shared/events.js';
import { buildSteps, lanesOf, type LaneInfo, type Step } from '../../../../src-renderer/lib/flow-model.js';

/** The sequence view's steps and lanes of a flow's own events. */
export function sequenceOf(events: readonly SandboxEvent[]): { steps: Step[]; lanes: LaneInfo[] } {
  const steps = buildSteps(events);
  const started = events.find((e) => e.type === 'flow.started');
  const hostedUi = started?.type === 'flow.started' && !!started.data.parentFlowId;
  return { steps, lanes: lanesOf(steps, { hostedUi }) };
}

const MERMAID_ENTITIES: Record<string, string> = { '#': '#35;', ';': '#59;', '<': '#lt;', '>': '#gt;' };

/** Text Mermaid shows as written: its separators and markup as entity codes. */
export function mermaidText(text: string): string {
  return text.replace(/[#;<>]/g, (c) => MERMAID_ENTITIES[c]!).replace(/[\r\n]+/g, ' ');
}

function stepText(step: Step): string {
  const note = [step.note, step.ms !== undefined ? `${Math.round(step.ms)} ms` : undefined].filter(Boolean).join(' · ');
  return note ? `${mermaidText(step.label)}<br/>${mermaidText(note)}` : mermaidText(step.label);
}

export function mermaidDiagram(events: readonly SandboxEvent[]): string {
  const { steps, lanes } = sequenceOf(events);
  const lines = ['sequenceDiagram', ...lanes.map((lane) => `  participant ${lane.id} as ${mermaidText(lane.label)}`)];
  for (const step of steps) {
    if (step.from === step.to) lines.push(`  Note over ${step.from}: ${stepText(step)}`);
    else lines.push(`  ${step.from}${step.dashed ? '-->>' : '->>'}${step.to}: ${stepText(step)}`);
  }
  return `${lines.join('\n')}\n`;
}
