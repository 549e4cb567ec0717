import { existsSync } from 'node:fs';
import { DOMAINS, type Domain } from '@yz/shared';
import { domainFunctions } from '../domains';
import type { Platform } from '../platform';
import type { Config } from '../platform/config';
import { createDb } from '../platform/db';
import type { LambdaHandler } from '../platform/http';
import { DynamoStationStore } from '../stations/store';
import { allDemoStations } from './demo';
import { startDynamoLocal, type DynamoLocal } from './dynamodb-local';
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
  log?: (line: string) => void;
}

export interface LocalStack {
  url: string;
  port: number;
  endpoint: string;
  platform: Platform;
  /** What happened during start-up, for the banner. */
  created: string[];
  seeded: number;
  stop(): Promise<void>;
}

export function localConfig(opts: { endpoint: string; tablePrefix?: string; stage?: Config['stage'] }): Config {
  return {
    stage: opts.stage ?? 'local',
    tablePrefix: opts.tablePrefix ?? 'yz-local-',
    dynamodbEndpoint: opts.endpoint,
    region: 'cn-north-1',
    validateResponses: true,
    devLogin: false,
  };
}

export function createHandlers(platform: Platform): Record<Domain, LambdaHandler> {
  return Object.fromEntries(DOMAINS.map((d) => [d, domainFunctions[d](platform)])) as Record<Domain, LambdaHandler>;
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
  try {
    const config = localConfig({ endpoint, tablePrefix: opts.tablePrefix, stage: opts.stage });
    const platform: Platform = { config, db: createDb(config) };
    const created = await ensureTables(platform.db, config.tablePrefix);
    let seeded = 0;
    if (opts.seed && created.includes('stations')) {
      const stations = allDemoStations();
      await new DynamoStationStore(platform.db).putMany(stations);
      seeded = stations.length;
    }
    const staticDir = opts.staticDir && existsSync(opts.staticDir) ? opts.staticDir : undefined;
    const app = createLocalApp({ handlers: createHandlers(platform), staticDir });
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
      created,
      seeded,
      stop: async () => {
        await server.close();
        platform.db.raw.destroy();
        await engine?.stop();
      },
    };
  } catch (error) {
    await engine?.stop();
    throw error;
  }
}
