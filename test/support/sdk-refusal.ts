/** What an AWS SDK call that was expected to fail threw: its exception name, message and HTTP status. */
import { expect } from 'vitest';

export interface SdkRefusal {
  name: string;
  message: string;
  status?: number;
}

export async function sdkRefusal(call: Promise<unknown>): Promise<SdkRefusal> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata?: { httpStatusCode?: number } } | undefined;
  expect(error, 'the call was expected to be refused').toBeDefined();
  return { name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode };
}
