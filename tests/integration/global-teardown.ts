import { ENDPOINT_VARIABLE, engineHolder } from '../helpers/engine';

export default async function globalTeardown(): Promise<void> {
  const engine = engineHolder.__yzTestEngine;
  if (!engine) return;
  engineHolder.__yzTestEngine = undefined;
  delete process.env[ENDPOINT_VARIABLE];
  await engine.stop();
}
