import { Map } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { StationMapProps } from './index';
import './index.scss';

const MAP_ID = 'station-map';
/** Markers nearer than this many screen pixels are drawn as one marker with their count. */
const CLUSTER_GRID_PX = 60;

/**
 * WeChat's native map with a marker per station (GCJ-02, what <map> expects) and the worker's own
 * position. Tapping a marker shows its row under the map.
 *
 * Close markers are clustered by WeChat itself (MapContext.initMarkerCluster with `joinCluster` on
 * each marker) rather than by our own grid: the native map re-clusters on every zoom and pan without
 * a round trip through the page's data, a tapped cluster zooms in until its markers separate, and it
 * costs the main package no code. The browser's position view (index.tsx) clusters its pins itself
 * (position.ts), as it has no zoom.
 */
export default function StationMap({ center, stations, selectedIds, onSelect }: StationMapProps) {
  useEffect(() => {
    const map = Taro.createMapContext(MAP_ID);
    // Older WeChat versions have no clustering: the markers are then simply all drawn.
    map?.initMarkerCluster?.({ enableDefaultStyle: true, zoomOnClick: true, gridSize: CLUSTER_GRID_PX })?.catch?.(() => undefined);
  }, []);

  const markers = stations.map((s, i) => {
    const on = selectedIds.includes(s.id);
    return {
      id: i,
      latitude: s.location.lat,
      longitude: s.location.lng,
      // WeChat wants a marker image from the package: the red station icon of the tab bar.
      iconPath: '/assets/tab/stations-active.png',
      width: on ? 36 : 28,
      height: on ? 46 : 36,
      title: s.name,
      joinCluster: true,
      callout: on ? { content: s.name, display: 'ALWAYS' as const, padding: 8, borderRadius: 8, fontSize: 14, color: '#1f2329', bgColor: '#ffffff' } : undefined,
    };
  });
  return (
    <Map
      className='station-map'
      id={MAP_ID}
      latitude={center.lat}
      longitude={center.lng}
      scale={15}
      showLocation
      markers={markers as never}
      onMarkerTap={(e) => {
        const station = stations[Number((e.detail as { markerId?: number }).markerId)];
        if (station) onSelect([station.id]);
      }}
      onError={() => undefined}
    />
  );
}
