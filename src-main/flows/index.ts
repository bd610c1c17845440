/**
 * Every flow machine, by id: the debugger draws a flow's state chart from its machine's own
 * definition (`GET /_sandbox/api/machines/{id}`).
 */
import type { AnyStateMachine } from 'xstate';

export const machines: Record<string, AnyStateMachine> = {};
