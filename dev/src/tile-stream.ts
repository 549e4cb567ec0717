import { DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Platform } from '@yz/functions/platform';
import { runAsFunction } from '@yz/functions/platform/aws-calls';
import { tileBuilder, touchedCells, touchedDistricts, type BuildReport } from '@yz/functions/tiles';

/**
 * What the stream's event source mapping does in AWS, done locally: follow the stations table's
 * DynamoDB stream (DynamoDB Local has streams) and hand each batch of records to the tile builder,
 * one batch at a time. Every write reaches the tiles this way, whichever code made it: host and staff
 * edits, imports, closures, demo loads, tests writing straight to the store.
 */

export interface TileFollower {
  /** Resolves once every write made before the call is in the tiles (tests). */
  settle(): Promise<void>;
  /** Every build so far, for tests. */
  readonly builds: BuildReport[];
  stop(): Promise<void>;
}

/** How often the shards are polled: the local freshness is this plus one build. */
const POLL_MS = 250;

export async function followStationStream(
  platform: Platform,
  opts: { log?: (line: string) => void; /** Build every tile at start (default); off when the caller built them. */ initialBuild?: boolean } = {},
): Promise<TileFollower> {
  const log = opts.log ?? (() => undefined);
  const tableName = platform.db.table('stations');
  const { config } = platform;
  // The same dummy credentials as the table client (platform/db.ts): DynamoDB Local keeps tables per key.
  const streams = new DynamoDBStreamsClient({ endpoint: config.dynamodbEndpoint, region: config.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let described = await platform.db.raw.send(new DescribeTableCommand({ TableName: tableName }));
  if (!described.Table?.LatestStreamArn) {
    // A data folder from before tiles existed: its stations table gets the stream now.
    await platform.db.raw.send(
      new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } }),
    );
    described = await platform.db.raw.send(new DescribeTableCommand({ TableName: tableName }));
  }
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`${tableName} has no stream`);

  const builder = runAsFunction('tiles', () => tileBuilder(platform));
  const build = (touched: { cells: Set<string>; districts: Set<string> } | null) =>
    runAsFunction('tiles', () => (touched ? builder.rebuildCells(touched.cells, new Date(), touched.districts) : builder.rebuildAll()));
  const iterators = new Map<string, string | null>();
  const builds: BuildReport[] = [];
  // Cells and districts read from the stream and not yet built: a build that fails (a timeout under
  // load) keeps them for the next poll, as the event source mapping retries a failed batch in AWS.
  const pending = { cells: new Set<string>(), districts: new Set<string>() };

  const discover = async (position: 'LATEST' | 'TRIM_HORIZON') => {
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (iterators.has(id)) continue;
      // A closed shard seen for the first time holds nothing newer than what was built at start.
      if (position === 'LATEST' && shard.SequenceNumberRange?.EndingSequenceNumber) {
        iterators.set(id, null);
        continue;
      }
      const it = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: position }));
      iterators.set(id, it.ShardIterator ?? null);
    }
  };

  // Follow from now on, then build everything once: no write falls between the two.
  await discover('LATEST');
  if (opts.initialBuild !== false) builds.push(await build(null));

  const poll = async (): Promise<number> => {
    const records: _Record[] = [];
    let lost = false;
    for (const [id, iterator] of iterators) {
      if (!iterator) continue;
      let out;
      try {
        out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
        // The iterator fell behind what the stream keeps (DynamoDB Local trims its shards): left as it
        // was, every poll fails on it again and the tiles stop following. Go on from the shard's newest
        // record, and build everything once, so whatever was trimmed away is in the tiles too.
        const fresh = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'LATEST' }));
        iterators.set(id, fresh.ShardIterator ?? null);
        lost = true;
        continue;
      }
      records.push(...(out.Records ?? []));
      iterators.set(id, out.NextShardIterator ?? null);
    }
    if (lost) {
      log('tiles: stream records trimmed before they were read; building every tile');
      builds.push(await build(null));
      pending.cells.clear();
      pending.districts.clear();
    }
    // New shards (DynamoDB Local rolls them over) are read from their start.
    await discover('TRIM_HORIZON');
    if (records.length > 0) {
      const event = { Records: records.map((r) => ({ eventName: r.eventName, dynamodb: r.dynamodb })) } as unknown as DynamoDBStreamEvent;
      for (const cell of touchedCells(event)) pending.cells.add(cell);
      for (const district of touchedDistricts(event)) pending.districts.add(district);
    }
    if (pending.cells.size > 0 || pending.districts.size > 0) {
      const touched = { cells: new Set(pending.cells), districts: new Set(pending.districts) };
      builds.push(await build(touched));
      for (const cell of touched.cells) pending.cells.delete(cell);
      for (const district of touched.districts) pending.districts.delete(district);
    }
    return records.length;
  };

  // One poll at a time, whoever asks (the timer or settle): a shard iterator is used once, and one
  // builder writes the manifest at a time.
  let chain: Promise<number> = Promise.resolve(0);
  const pollOnce = () =>
    (chain = chain.then(poll).catch((error: Error) => {
      log(`tiles: ${error.message}`);
      return 0;
    }));
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      await pollOnce();
      await new Promise((r) => setTimeout(r, POLL_MS).unref());
    }
  };
  void loop();

  return {
    builds,
    async settle() {
      // A stream can answer "nothing" for a while before records written a moment ago show up (and a
      // new table's first shard appears late), so quiet polls prove nothing: build everything from the
      // table as it is, in turn with the stream's builds, so no later build can be older.
      const run = chain.then(async () => {
        builds.push(await build(null));
        return 0;
      });
      chain = run.catch(() => 0);
      await run;
    },
    async stop() {
      stopped = true;
      await chain;
      streams.destroy();
    },
  };
}
