import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMAINS, LOCAL_MEMBER_PASS_PUBLIC_KEY, toShanghaiIso, type Domain } from '@yz/shared';
import { domainFunctions } from '@yz/functions/domains';
import { createClaimExpiryJob } from '@yz/functions/jobs/claim-expiry';
import { createStaleDigestJob, type StaleDigest } from '@yz/functions/jobs/stale-digest';
import { createOutboxJob, type OutboxJob } from '@yz/functions/jobs/outbox';
import type { ClaimExpiry } from '@yz/functions/wishes/expiry';
import type { Platform } from '@yz/functions/platform';
import { runAsFunction } from '@yz/functions/platform/aws-calls';
import { DEFAULT_LIMITS, DEFAULT_SEARCH_COUNT_FLUSH_MS, DEFAULT_WISH_SETTINGS, LOCAL_WECHAT_TEMPLATES, localPii, localSecrets, type Config } from '@yz/functions/platform/config';
import { createDb, type DbTimeouts } from '@yz/functions/platform/db';
import type { LambdaHandler } from '@yz/functions/platform/http';
import { stationImporter } from '@yz/functions/stationBulk';
import { DiskPrivatePhotoStore, privatePhotoDir } from '@yz/functions/platform/photos';
import { demoStations } from './demo/generate';
import { DUCHANG } from './demo/cities';
import { duchangRecords } from './demo/duchang';
import { seedDemoHardship } from './demo/hardship';
import { seedDemoWishes } from './demo/wishes';
import { seedDemoBoard } from './demo/board';
import { startDynamoLocal, type DynamoLocal } from './dynamodb-local';
import { startFakeWechat, type FakeWechat } from './fake-wechat';
import { createLocalApp, listen, type RunningServer } from './server';
import { ensureTables } from './tables';

/**
 * The whole system on one machine: DynamoDB Local, the tables, demo data on first start, every
 * domain's handler behind one HTTP server, and the H5 build on the same port.
 */

export interface LocalStackOptions {
  /** Keep DynamoDB data here (survives restarts); in memory when absent. */
  dataDir?: string;
  /** Use an engine that is already running instead of starting one. */
  dynamodbEndpoint?: string;
  port?: number;
  host?: string;
  tablePrefix?: string;
  stage?: Config['stage'];
  /** The H5 build to serve. */
  staticDir?: string;
  /** Load the demo stations when the tables are created. */
  seed?: boolean;
  /** The development login with demo personas (never in a deployed stack). On unless turned off. */
  devLogin?: boolean;
  /** Rate limits per minute; tests raise or lower them. */
  limits?: Config['limits'];
  /** Drain the outbox in-process this often (what the scheduled job does in AWS); off when absent. */
  outboxIntervalMs?: number;
  /** Run the claim-expiry job in-process this often (EventBridge Scheduler does in AWS); off when absent. */
  claimExpiryIntervalMs?: number;
  /** Micro-wish settings (value cap, claim days, reminder lead); the defaults when absent. */
  wishes?: Config['wishes'];
  /** Tests write search counts at once (0) so they can read them back. */
  searchCountFlushMs?: number;
  /** Where uploaded station photos are kept (served at /photos/); a temporary folder when absent. */
  photoDir?: string;
  /** Loopback origins besides the server's own that browsers may call it from (createLocalApp). */
  allowedOrigins?: string[];
  log?: (line: string) => void;
  /** The DynamoDB client's timeouts and attempts; what ships (DB_TIMEOUTS) when absent. */
  dbTimeouts?: Partial<DbTimeouts>;
}

export interface LocalStack {
  url: string;
  port: number;
  endpoint: string;
  platform: Platform;
  /** The fake WeChat server the stack logs in through. */
  wechat: FakeWechat;
  /** What happened during start-up, for the banner. */
  created: string[];
  seeded: number;
  /** The outbox job, for a test to drain on demand. */
  outbox: OutboxJob;
  /** The claim-expiry job, for a test to run with a chosen clock. */
  claimExpiry: ClaimExpiry;
  /** The weekly stale digest, for a test to run with a chosen clock (no timer runs it locally). */
  staleDigest: StaleDigest;
  stop(): Promise<void>;
}

export function localConfig(opts: {
  endpoint: string;
  wechat: Pick<FakeWechat, 'url' | 'appId' | 'secret'>;
  tablePrefix?: string;
  stage?: Config['stage'];
  devLogin?: boolean;
  limits?: Config['limits'];
  searchCountFlushMs?: number;
  photoDir?: string;
  wishes?: Config['wishes'];
}): Config {
  return {
    stage: opts.stage ?? 'local',
    tablePrefix: opts.tablePrefix ?? 'yz-local-',
    dynamodbEndpoint: opts.endpoint,
    region: 'cn-north-1',
    validateResponses: true,
    secrets: localSecrets({ appId: opts.wechat.appId, secret: opts.wechat.secret }),
    wechat: { apiBase: opts.wechat.url },
    devLogin: opts.devLogin ?? true,
    memberPassPublicKey: LOCAL_MEMBER_PASS_PUBLIC_KEY,
    limits: opts.limits ?? DEFAULT_LIMITS,
    pii: localPii(),
    wechatTemplates: LOCAL_WECHAT_TEMPLATES,
    wishes: opts.wishes ?? DEFAULT_WISH_SETTINGS,
    searchCountFlushMs: opts.searchCountFlushMs ?? DEFAULT_SEARCH_COUNT_FLUSH_MS,
    // The local stack is where benchmarks and tests read the search's internal counters.
    debugCounters: true,
    photos: { kind: 'disk', dir: opts.photoDir ?? path.join(os.tmpdir(), 'yz-photos', opts.tablePrefix ?? 'yz-local-'), baseUrl: '/photos/' },
  };
}

/**
 * Every domain's handler, each running as its own function would in AWS: what it sends to AWS is noted
 * under its name (functions/src/platform/aws-calls.ts), its start-up included.
 */
export function createHandlers(platform: Platform): Record<Domain, LambdaHandler> {
  return Object.fromEntries(
    DOMAINS.map((d) => {
      const handler = runAsFunction(d, () => domainFunctions[d](platform));
      const asDomain: LambdaHandler = (event, context) => runAsFunction(d, () => handler(event, context));
      return [d, asDomain];
    }),
  ) as Record<Domain, LambdaHandler>;
}

/** The jobs as their own functions (`job-<name>`, as the CDK app names them), for the same record. */
export function createJobs(platform: Platform): { outbox: OutboxJob; claimExpiry: ClaimExpiry; staleDigest: StaleDigest } {
  const outbox = runAsFunction('job-outbox', () => createOutboxJob(platform));
  const claimExpiry = runAsFunction('job-claim-expiry', () => createClaimExpiryJob(platform));
  const staleDigest = runAsFunction('job-stale-digest', () => createStaleDigestJob(platform));
  return {
    outbox: { ...outbox, drain: (now) => runAsFunction('job-outbox', () => outbox.drain(now)) },
    claimExpiry: { run: (now) => runAsFunction('job-claim-expiry', () => claimExpiry.run(now)) },
    staleDigest: { run: (now) => runAsFunction('job-stale-digest', () => staleDigest.run(now)) },
  };
}

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const log = opts.log ?? (() => undefined);
  let engine: DynamoLocal | null = null;
  let endpoint = opts.dynamodbEndpoint;
  if (!endpoint) {
    log(opts.dataDir ? `starting DynamoDB Local (data in ${opts.dataDir})` : 'starting DynamoDB Local (in memory)');
    engine = await startDynamoLocal({ dbPath: opts.dataDir });
    endpoint = engine.endpoint;
  }
  let wechat: FakeWechat | null = null;
  try {
    wechat = await startFakeWechat();
    const config = localConfig({
      endpoint,
      wechat,
      tablePrefix: opts.tablePrefix,
      stage: opts.stage,
      devLogin: opts.devLogin,
      limits: opts.limits,
      searchCountFlushMs: opts.searchCountFlushMs,
      photoDir: opts.photoDir,
      wishes: opts.wishes,
    });
    const platform: Platform = { config, db: createDb(config, opts.dbTimeouts) };
    // Creating tables and loading demo data are slow on a busy machine, and not requests: no cut-off.
    // The requests people make keep the shipped cut-off (a stalled engine answers 503 within 3 s, as in AWS).
    const setupDb = createDb(config, { requestTimeoutMs: 60_000, maxAttempts: 3 });
    const setup: Platform = { config, db: setupDb };
    const created = await ensureTables(setupDb, config.tablePrefix);
    let seeded = 0;
    if (opts.seed && created.includes('stations')) {
      const now = new Date();
      const { importer, store } = stationImporter(setup);
      // The real Duchang list goes through the importer, as any union's list would.
      const report = await importer.importRecords(duchangRecords(), {
        regionCode: DUCHANG.district.code,
        dryRun: false,
        actor: { userId: 'demo-loader', role: 'import' },
        now,
      });
      const generated = demoStations(toShanghaiIso(now));
      await store.putMany(generated);
      seeded = report.totals.imported + generated.length;
    }
    // The demo hardship file has its own table: a data folder from before it existed gets it too.
    if (opts.seed && created.includes('hardshipFiles')) await seedDemoHardship(setup, new Date());
    if (opts.seed && created.includes('wishes')) {
      // A few micro-wishes in several states and cities, so the wish wall is not empty.
      const wishes = await seedDemoWishes(setup);
      log(`loaded ${wishes} demo wishes`);
    }
    if (opts.seed && created.includes('boardPosts')) {
      // A few jobs and events at the demo stations, so the notice board is not empty.
      const posts = await seedDemoBoard(setup);
      log(`loaded ${posts} demo notice-board posts`);
    }
    const { outbox, claimExpiry, staleDigest } = createJobs(platform);
    let draining: Promise<unknown> | null = null;
    const timer = opts.outboxIntervalMs
      ? setInterval(() => {
          draining ??= outbox
            .drain()
            .catch((error: Error) => log(`outbox: ${error.message}`))
            .finally(() => {
              draining = null;
            });
        }, opts.outboxIntervalMs)
      : null;
    timer?.unref();
    let expiring: Promise<unknown> | null = null;
    const expiryTimer = opts.claimExpiryIntervalMs
      ? setInterval(() => {
          expiring ??= claimExpiry
            .run(new Date())
            .catch((error: Error) => log(`claim-expiry: ${error.message}`))
            .finally(() => {
              expiring = null;
            });
        }, opts.claimExpiryIntervalMs)
      : null;
    expiryTimer?.unref();
    const staticDir = opts.staticDir && existsSync(opts.staticDir) ? opts.staticDir : undefined;
    const photoDir = config.photos.kind === 'disk' ? config.photos.dir : undefined;
    const privatePhotos = config.photos.kind === 'disk' ? new DiskPrivatePhotoStore(privatePhotoDir(config.photos.dir), config.secrets) : undefined;
    const app = createLocalApp({ handlers: createHandlers(platform), staticDir, devLogin: config.devLogin, photoDir, privatePhotos, allowedOrigins: opts.allowedOrigins });
    let server: RunningServer;
    try {
      server = await listen(app, opts.port ?? 0, opts.host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`Port ${opts.port} is in use. Stop whatever uses it or start with PORT=<another port> npm start.`);
      }
      throw error;
    }
    return {
      url: server.url,
      port: server.port,
      endpoint,
      platform,
      wechat,
      created,
      seeded,
      outbox,
      claimExpiry,
      staleDigest,
      stop: async () => {
        if (timer) clearInterval(timer);
        if (expiryTimer) clearInterval(expiryTimer);
        await draining;
        await expiring;
        await server.close();
        platform.db.raw.destroy();
        await wechat?.stop();
        await engine?.stop();
      },
    };
  } catch (error) {
    await wechat?.stop();
    await engine?.stop();
    throw error;
  }
}
