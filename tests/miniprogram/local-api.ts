import type { Station } from '@yz/shared';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { setApiBaseUrl } from './h5-app';

/**
 * The real local API in its own process, holding `stations`, for the whole test file; before each
 * test the phone is one that has never run the app (nothing stored: no cached results, no chosen
 * city) and the app points at that API.
 */
export function freshPhoneAgainstLocalApi(stations: Station[]): void {
  let stack: StackProcess | undefined;
  beforeAll(async () => {
    stack = await startStackProcess({ stations });
  });
  afterAll(async () => {
    await stack?.stop();
  });
  beforeEach(() => {
    if (!stack) throw new Error('the local API did not start');
    window.localStorage.clear();
    setApiBaseUrl(stack.url);
  });
}
