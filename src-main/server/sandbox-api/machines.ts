/**
 * `GET /_sandbox/api/machines` and `/machines/{id}`: each flow machine's structure (states,
 * transitions, tags) as plain JSON, for the debugger's state-chart view.
 */
import type { Request, Response } from 'express';
import type { AnyStateMachine } from 'xstate';
import { machines } from '../../flows/index.js';

export interface MachineState {
  id: string;
  key: string;
  type: string;
  tags: string[];
  initial?: string;
  states: MachineState[];
  transitions: { event: string; targets: string[] }[];
  invokes: string[];
}

function describeNode(node: any): MachineState {
  const transitions: { event: string; targets: string[] }[] = [];
  for (const [event, list] of node.transitions as Map<string, any[]>) {
    for (const transition of list) {
      transitions.push({ event, targets: (transition.target ?? []).map((t: any) => t.id) });
    }
  }
  for (const always of node.always ?? []) transitions.push({ event: 'always', targets: (always.target ?? []).map((t: any) => t.id) });
  return {
    id: node.id,
    key: node.key,
    type: node.type,
    tags: [...(node.tags ?? [])],
    ...(node.initial?.target?.[0] && { initial: node.initial.target[0].id }),
    states: Object.values(node.states ?? {}).map(describeNode),
    transitions,
    invokes: (node.invoke ?? []).map((i: any) => (typeof i.src === 'string' ? i.src : i.id)),
  };
}

export function describeMachine(machine: AnyStateMachine): MachineState {
  return describeNode(machine.root);
}

export function listMachines(_req: Request, res: Response): void {
  res.json(Object.keys(machines));
}

export function getMachine(req: Request, res: Response): void {
  const machine = machines[String(req.params.id)];
  if (!machine) {
    res.status(404).json({ error: 'not_found', message: `No machine ${req.params.id}.` });
    return;
  }
  res.json(describeMachine(machine));
}
