import { toShanghaiIso, type Station } from '@yz/shared';
import { demoStations } from './generate';
import { duchangStations } from './duchang';

/** Every station the local stack loads on its first start. */
export function allDemoStations(now = toShanghaiIso()): Station[] {
  return [...duchangStations(now), ...demoStations(now)];
}
