import Taro from '@tarojs/taro';
import type { LatLng } from '@yz/shared';

/** Where to go, in GCJ-02 (the stations' coordinates and what map apps in China expect). */
export interface Destination {
  point: LatLng;
  name: string;
  address?: string;
}

/**
 * Directions to a place. In WeChat the built-in map opens, with its own "go there" sheet; the H5
 * build has its own version of this file that opens a map app's navigation link instead.
 */
export function navigateTo(to: Destination): void {
  void Taro.openLocation({ latitude: to.point.lat, longitude: to.point.lng, name: to.name, address: to.address ?? '', scale: 17 });
}
