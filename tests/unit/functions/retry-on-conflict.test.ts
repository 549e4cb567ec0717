import { ConditionalCheckFailedException, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { conflictPauseMs, isTransactionConflict, retryOnConflict, WriteRefused } from '../../../functions/src/platform/transaction';
import { isUnavailable } from '../../../functions/src/platform/errors';

/**
 * The one retry of DynamoDB transaction conflicts the stores share (board places, accounts' bindings,
 * visit counts). The errors are the SDK's own classes, shaped as DynamoDB sends them.
 */

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
    $metadata: {},
    CancellationReasons: codes.map((Code): CancellationReason => ({ Code })),
  });

/** A write that fails with `errors` in turn, then answers 'written'; counts its calls. */
function flaky(...errors: Error[]) {
  const fn = jest.fn(async () => {
    const next = errors.shift();
    if (next) throw next;
    return 'written';
  });
  return fn;
}

describe('isTransactionConflict', () => {
  it('is a cancellation with a TransactionConflict and no failed condition', () => {
    expect(isTransactionConflict(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isTransactionConflict(cancelled('TransactionConflict'))).toBe(true);
  });

  it('is not a failed condition, alone or beside a conflict, nor any other error', () => {
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed', 'None'))).toBe(false);
    expect(isTransactionConflict(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isTransactionConflict(cancelled('None', 'ValidationError'))).toBe(false);
    expect(isTransactionConflict(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))).toBe(false);
    // Same name, not the SDK's class: a look-alike is not trusted.
    expect(isTransactionConflict(Object.assign(new Error('x'), { name: 'TransactionCanceledException', CancellationReasons: [{ Code: 'TransactionConflict' }] }))).toBe(false);
    expect(isTransactionConflict(new Error('socket hang up'))).toBe(false);
  });
});

describe('retryOnConflict', () => {
  it('answers at once when the write goes through', async () => {
    const write = flaky();
    await expect(retryOnConflict(write, { baseMs: 0 })).resolves.toBe('written');
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('tries a conflicted transaction again until it goes through', async () => {
    const write = flaky(cancelled('TransactionConflict', 'None'), cancelled('None', 'TransactionConflict'));
    await expect(retryOnConflict(write, { attempts: 3, baseMs: 0 })).resolves.toBe('written');
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('gives up after `attempts` tries and throws the last conflict', async () => {
    const last = cancelled('TransactionConflict');
    const write = flaky(cancelled('TransactionConflict'), cancelled('TransactionConflict'), last, cancelled('TransactionConflict'));
    await expect(retryOnConflict(write, { attempts: 3, baseMs: 0 })).rejects.toBe(last);
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('hands a failed condition back untried, for the store to map to its answer', async () => {
    const refused = cancelled('ConditionalCheckFailed', 'None');
    const write = flaky(refused);
    await expect(retryOnConflict(write, { attempts: 5, baseMs: 0 })).rejects.toBe(refused);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('hands a condition failed after a conflict back too', async () => {
    const refused = cancelled('None', 'ConditionalCheckFailed');
    const write = flaky(cancelled('TransactionConflict'), refused);
    await expect(retryOnConflict(write, { attempts: 5, baseMs: 0 })).rejects.toBe(refused);
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('rethrows any other error untried', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const write = flaky(down);
    await expect(retryOnConflict(write, { attempts: 5, baseMs: 0 })).rejects.toBe(down);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('pauses between tries', async () => {
    const write = flaky(cancelled('TransactionConflict'), cancelled('TransactionConflict'));
    const started = Date.now();
    await retryOnConflict(write, { attempts: 3, baseMs: 15 });
    // At least the base pause before each of the two retries.
    expect(Date.now() - started).toBeGreaterThanOrEqual(28);
  });
});

describe('conflictPauseMs', () => {
  it('is the base with no jitter, and grows with each retry up to the eighth', () => {
    expect(conflictPauseMs(1, 5, () => 0)).toBe(5);
    expect(conflictPauseMs(1, 5, () => 1)).toBe(25);
    expect(conflictPauseMs(3, 5, () => 1)).toBe(65);
    expect(conflictPauseMs(8, 5, () => 1)).toBe(165);
    expect(conflictPauseMs(40, 5, () => 1)).toBe(165);
  });

  it('spreads colliding writers over the span', () => {
    const pauses = new Set(Array.from({ length: 50 }, () => Math.round(conflictPauseMs(4, 10))));
    expect(pauses.size).toBeGreaterThan(10);
    for (const ms of pauses) expect(ms >= 10 && ms <= 170).toBe(true);
  });
});

describe('a conflict that outlasts the retries', () => {
  it('is answered 503 with Retry-After (the request may go through in a moment), a failed condition is not', () => {
    expect(isUnavailable(cancelled('TransactionConflict'))).toBe(true);
    expect(isUnavailable(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isUnavailable(new WriteRefused(1, undefined, 'conflict'))).toBe(true);
    expect(isUnavailable(cancelled('ConditionalCheckFailed', 'TransactionConflict'))).toBe(false);
    expect(isUnavailable(new WriteRefused(0))).toBe(false);
    expect(isUnavailable(new Error('bug'))).toBe(false);
  });
});
