import { tables } from '@yz/functions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoLocal, type DynamoLocal } from '../../dev/src/dynamodb-local';
import { ensureTables } from '../../dev/src/tables';
import { createDb } from '../../functions/src/platform/db';
import { encodeGeohash, GEO_CELL_PRECISION, hashToKey, KEY_BITS, PARTITION_BITS } from '../../functions/src/platform/geo';
import { DynamoStationStore } from '../../functions/src/stations/store';
import { makeStation } from '../helpers/stations';

// The one test that runs its own engine: it has to stop and restart it on a folder of its own.
describe('DynamoDB Local with a data folder', () => {
  let dataDir: string;
  let engine: DynamoLocal | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'yz-dynamodb-'));
  });
  afterAll(async () => {
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const PREFIX = 'yz-persist-';
  // Creating every table on an engine writing to disk is set-up, not a request a user waits on: the
  // patient timeouts the local stack also sets up with (dev/src/stack.ts), one attempt so nothing is hidden.
  const open = (endpoint: string) => createDb({ dynamodbEndpoint: endpoint, region: 'cn-north-1', tablePrefix: PREFIX }, { requestTimeoutMs: 60_000, maxAttempts: 1 });

  it('keeps tables and stations across a restart', async () => {
    const stations = [makeStation({ id: 'kept-1', name: '重启后还在' }), makeStation({ id: 'kept-2', status: 'needs_location', location: null })];

    engine = await startDynamoLocal({ dbPath: dataDir, heapMb: 256 });
    const first = open(engine.endpoint);
    expect((await ensureTables(first, PREFIX)).sort()).toEqual(Object.keys(tables).sort());
    await new DynamoStationStore(first).putMany(stations);
    first.raw.destroy();
    await engine.stop();
    engine = undefined;

    engine = await startDynamoLocal({ dbPath: dataDir, heapMb: 256 });
    const second = open(engine.endpoint);
    try {
      expect(await ensureTables(second, PREFIX)).toEqual([]);
      const store = new DynamoStationStore(second);
      expect(await store.get('kept-1')).toEqual(stations[0]);
      expect(await store.get('kept-2')).toEqual(stations[1]);
      // The index came back too: the located station is still found by its cell.
      const partition = encodeGeohash(stations[0]!.location!, GEO_CELL_PRECISION);
      const lo = hashToKey(partition) * 2 ** (KEY_BITS - PARTITION_BITS);
      const cell = await store.inRange({ partition, lo, hi: lo + 2 ** (KEY_BITS - PARTITION_BITS) });
      expect(cell.rows.map((s) => s.id)).toEqual(['kept-1']);
    } finally {
      second.raw.destroy();
    }
  });
});
