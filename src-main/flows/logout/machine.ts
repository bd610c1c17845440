/**
 * A sign-out at the hosted UI's /logout: the browser's hosted session ends (its pool's clients ask
 * for a password again) and the browser goes on to the app's sign-out URL or back to the sign-in
 * page. A flow of one step, so the window shows each sign-out with its browser lane.
 *
 *   endingSession ─► signedOut
 */
import { assign, setup } from 'xstate';
import { notProvided } from '../failure.js';

export interface LogoutInput {
  poolId: string;
  clientId: string;
  /** The hosted session cookie's value, if the browser had one. */
  hostedSession?: string;
  /** Where the browser goes next. */
  next: string;
}

export interface LogoutOutput {
  outcome: 'success';
  /** Whether a live session ended (false: the browser was signed out already). */
  ended: boolean;
}

export const logoutMachine = setup({
  types: { input: {} as LogoutInput, context: {} as LogoutInput & { ended?: boolean }, output: {} as LogoutOutput },
  actors: {
    /** Ends the hosted session the cookie names; answers whether there was a live one. */
    endSession: notProvided<boolean, { poolId: string; hostedSession?: string }>('endSession'),
  },
}).createMachine({
  id: 'logout',
  context: ({ input }) => ({ ...input }),
  output: ({ context }) => ({ outcome: 'success', ended: context.ended === true }),
  initial: 'endingSession',
  states: {
    endingSession: {
      invoke: {
        src: 'endSession',
        input: ({ context }) => ({ poolId: context.poolId, ...(context.hostedSession && { hostedSession: context.hostedSession }) }),
        onDone: { target: 'signedOut', actions: assign({ ended: ({ event }) => event.output }) },
        onError: { target: 'signedOut' },
      },
    },
    signedOut: { type: 'final' },
  },
});
