import { Map } from '@tarojs/components';
import type { StationMapProps } from './index';
import './index.scss';

/**
 * WeChat's native map with a marker per station (GCJ-02, what <map> expects) and the worker's own
 * position. Tapping a marker selects the station in the list below.
 */
export default function StationMap({ center, stations, selectedId, onSelect }: StationMapProps) {
  const markers = stations.map((s, i) => ({
    id: i,
    latitude: s.location.lat,
    longitude: s.location.lng,
    // WeChat wants a marker image from the package: the red station icon of the tab bar.
    iconPath: '/assets/tab/stations-active.png',
    width: s.id === selectedId ? 36 : 28,
    height: s.id === selectedId ? 46 : 36,
    title: s.name,
    callout: s.id === selectedId ? { content: s.name, display: 'ALWAYS' as const, padding: 8, borderRadius: 8, fontSize: 14, color: '#1f2329', bgColor: '#ffffff' } : undefined,
  }));
  return (
    <Map
      className='station-map'
      id='station-map'
      latitude={center.lat}
      longitude={center.lng}
      scale={15}
      showLocation
      markers={markers as never}
      onMarkerTap={(e) => {
        const station = stations[Number((e.detail as { markerId?: number }).markerId)];
        if (station) onSelect(station.id);
      }}
      onError={() => undefined}
    />
  );
}
