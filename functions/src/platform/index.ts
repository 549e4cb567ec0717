import { configFromEnv, type Config } from './config';
import { createDb, type Db } from './db';

/** What every function needs from its surroundings: configuration and the database. */
export interface Platform {
  config: Config;
  db: Db;
}

export function platformFromEnv(): Platform {
  const config = configFromEnv();
  return { config, db: createDb(config) };
}
