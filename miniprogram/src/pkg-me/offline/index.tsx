import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ageText, shortTime, toShanghaiIso } from '@yz/shared';
import type { SavedDistrict } from '@yz/shared/tile-client';
import StateView from '../../components/StateView';
import { errorMessage } from '../../services/api';
import { tileClient } from '../../services/tile-registry';
import { removeOfflineDistrict, saveDistrictOffline, sizeText } from './offline-data';

type Task =
  | { kind: 'idle' }
  | { kind: 'saving'; code: string; done: number; total: number; bytes: number }
  | { kind: 'saved'; district: SavedDistrict }
  | { kind: 'failed'; name: string; message: string };

/**
 * 离线数据: keep a district's stations on the phone (下载本区县离线数据), so the finder lists and
 * searches there without a network; see each kept district's age and size, update or remove it.
 * Opened from the finder with the district it shows (`code`, `name`).
 */
export default function OfflineDataPage() {
  const { code = '', name = '' } = useRouter().params;
  const current = /^\d{6}$/.test(code) && name ? { code, name: decodeURIComponent(name) } : null;
  const [saved, setSaved] = useState<SavedDistrict[] | null>(null);
  const [task, setTask] = useState<Task>({ kind: 'idle' });
  const now = new Date();

  const reload = async () => {
    let client: ReturnType<typeof tileClient>;
    try {
      client = tileClient();
    } catch {
      // Opened before the finder ever loaded (a direct link): the finder sets the app's tile client up,
      // and the way back here is its 下载本区县离线数据 link.
      void Taro.switchTab({ url: '/pages/stations/index' });
      return;
    }
    setSaved(await client.savedDistricts().catch(() => []));
  };
  useLoad(() => {
    void reload();
  });

  const save = async (region: { code: string; name: string }) => {
    setTask({ kind: 'saving', code: region.code, done: 0, total: 0, bytes: 0 });
    try {
      const district = await saveDistrictOffline(region, (done, total, bytes) => setTask({ kind: 'saving', code: region.code, done, total, bytes }));
      setTask(district.stations > 0 ? { kind: 'saved', district } : { kind: 'failed', name: region.name, message: `${region.name}还没有登记驿站，无需下载` });
    } catch (error) {
      setTask({ kind: 'failed', name: region.name, message: errorMessage(error) });
    }
    await reload();
  };

  const remove = async (district: SavedDistrict) => {
    await removeOfflineDistrict(district.code);
    setTask({ kind: 'idle' });
    await reload();
  };

  if (!saved) return <StateView kind='loading' title='正在加载…' />;
  const busy = task.kind === 'saving';
  const currentSaved = current ? saved.find((d) => d.code === current.code) : undefined;
  return (
    <View className='page offline-page'>
      <View className='card'>
        <Text style={{ display: 'block' }}>保存后，没有网络时也能在这个区县查看驿站列表、筛选和搜索。数据会占用手机上的一些空间。</Text>
        {current && !currentSaved ? (
          <Button className='btn' id='download-district' disabled={busy} onClick={() => void save(current)} style={{ marginTop: '12px' }}>
            下载{current.name}离线数据
          </Button>
        ) : null}
        {task.kind === 'saving' ? (
          <Text style={{ display: 'block', marginTop: '12px' }} id='download-progress'>
            {task.total > 0 ? `正在下载 ${task.done}/${task.total} · 已下载 ${sizeText(task.bytes)}` : '正在准备下载…'}
          </Text>
        ) : null}
        {task.kind === 'saved' ? (
          <Text style={{ display: 'block', marginTop: '12px', color: '#0f8a4c' }} id='download-done'>
            已保存 {task.district.name} 的 {task.district.stations} 个驿站，可离线查看（共 {sizeText(task.district.bytes)}）
          </Text>
        ) : null}
        {task.kind === 'failed' ? (
          <Text style={{ display: 'block', marginTop: '12px', color: '#c8102e' }} id='download-failed'>
            {`${task.name}离线数据没有保存：${task.message}`}
          </Text>
        ) : null}
      </View>

      {saved.length === 0 ? (
        <Text className='muted' style={{ display: 'block', margin: '16px' }} id='no-saved'>
          还没有保存离线数据
        </Text>
      ) : (
        saved.map((d) => (
          <View className='card' key={d.code} id={`saved-${d.code}`}>
            <Text style={{ display: 'block', fontWeight: 700 }}>{d.name}</Text>
            <Text className='muted saved-district__facts' style={{ display: 'block', fontSize: '13px' }}>
              {d.stations} 个驿站 · {sizeText(d.bytes)} · 数据更新于 {shortTime(d.builtAt)}（{ageText(d.builtAt, now)}） · 保存于 {shortTime(toShanghaiIso(new Date(d.savedAt)))}
            </Text>
            <View style={{ display: 'flex', gap: '8px', marginTop: '8px', alignItems: 'center' }}>
              <Button className='btn small secondary' style={{ margin: 0 }} id={`update-${d.code}`} disabled={busy} onClick={() => void save(d)}>
                更新
              </Button>
              <Button className='btn small secondary' style={{ margin: 0 }} id={`remove-${d.code}`} disabled={busy} onClick={() => void remove(d)}>
                删除
              </Button>
            </View>
          </View>
        ))
      )}
    </View>
  );
}
