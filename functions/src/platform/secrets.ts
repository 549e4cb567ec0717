import { secrets, type SecretName, type SecretValue } from './secret-defs';
import { isDeployedStage } from './stage';
import { lazy } from './lazy';

/**
 * Secrets, read once per process and cached. In AWS a function gets a secret's ARN in the variable
 * its definition names (platform/secret-defs.ts) and reads it from Secrets Manager; locally the fields
 * come from plain environment variables. A deployed stage never falls back to the environment, so a
 * secret can never end up in a function's configuration by accident.
 *
 * Call `readSecret(name)` while the module loads (the cold start) and await the promise in the
 * handler: the read overlaps the rest of the initialisation and later invocations reuse it.
 */

/** Returns the SecretString of the secret with this ARN. */
export type FetchSecretString = (arn: string) => Promise<string>;

// Loaded with the first secret read, not at cold start: public routes never need a secret.
const secretsManager = lazy(() => {
  const sdk = require('@aws-sdk/client-secrets-manager') as typeof import('@aws-sdk/client-secrets-manager');
  return { sdk, client: new sdk.SecretsManagerClient({}) };
});

const fetchFromSecretsManager: FetchSecretString = async (arn) => {
  const { client, sdk } = secretsManager();
  const out = await client.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
  if (out.SecretString === undefined) throw new Error(`secret ${arn} has no string value`);
  return out.SecretString;
};

function checkFields<N extends SecretName>(name: N, value: unknown, where: string): SecretValue<N> {
  const fields = Object.keys(secrets[name].localEnv);
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const missing = fields.filter((field) => typeof record[field] !== 'string' || record[field] === '');
  // Names only: a secret's values never go into an error message.
  if (missing.length > 0) throw new Error(`secret ${name} (${where}) lacks ${missing.join(', ')}`);
  return Object.fromEntries(fields.map((field) => [field, record[field]])) as SecretValue<N>;
}

async function load<N extends SecretName>(name: N, env: NodeJS.ProcessEnv, fetch: FetchSecretString): Promise<SecretValue<N>> {
  const def = secrets[name];
  const arn = env[def.arnEnv];
  if (arn) {
    const text = await fetch(arn);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`secret ${name} (Secrets Manager) is not a JSON object`);
    }
    return checkFields(name, parsed, 'Secrets Manager');
  }
  if (isDeployedStage(env.YZ_STAGE)) {
    throw new Error(`secret ${name}: ${def.arnEnv} is not set; in AWS secrets come only from Secrets Manager`);
  }
  const fromEnv = Object.fromEntries(Object.entries(def.localEnv).map(([field, variable]) => [field, env[variable]]));
  return checkFields(name, fromEnv, `environment ${Object.values(def.localEnv).join(', ')}`);
}

export type ReadSecret = <N extends SecretName>(name: N) => Promise<SecretValue<N>>;

/**
 * A reader with its own cache. A failed read is not cached: the next invocation tries again rather
 * than the function staying broken until its environment is recycled.
 */
export function createSecretReader(opts: { env?: NodeJS.ProcessEnv; fetchSecretString?: FetchSecretString } = {}): ReadSecret {
  const env = opts.env ?? process.env;
  const fetch = opts.fetchSecretString ?? fetchFromSecretsManager;
  const cache = new Map<SecretName, Promise<unknown>>();
  return <N extends SecretName>(name: N): Promise<SecretValue<N>> => {
    let pending = cache.get(name) as Promise<SecretValue<N>> | undefined;
    if (!pending) {
      pending = load(name, env, fetch);
      cache.set(name, pending);
      pending.catch(() => cache.delete(name));
    }
    return pending;
  };
}

/** The process's reader: one cache for the whole function. */
export const readSecret: ReadSecret = createSecretReader();
