import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { changedFieldsText, STATION_VERSION_CONFLICT, stationChanges, type Station, type StationField } from '@yz/shared';
import { api, ApiError, errorMessage } from './services/api';

/**
 * A station being edited, one section at a time. Every save names the version it was based on; when
 * someone else saved first the server answers 409 with the station as it is now, and the person is
 * shown what changed and offered to re-apply their change on top of it (or to drop it).
 */

/** The station as it is now, when a write was refused because someone else saved first (409). */
export function conflictOf(error: unknown): Station | null {
  if (!(error instanceof ApiError) || error.code !== STATION_VERSION_CONFLICT) return null;
  return ((error.body as { current?: Station } | undefined)?.current ?? null) as Station | null;
}

export type LoadPhase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'missing' } | { kind: 'error'; message: string };

export interface SaveOutcome {
  ok: boolean;
  /** The error to show at the section (with the field it is about, when the server named one). */
  error?: { message: string; field?: string };
}

export function useEditableStation(id: string) {
  const [station, setStation] = useState<Station | null>(null);
  const [phase, setPhase] = useState<LoadPhase>({ kind: 'loading' });
  const [saving, setSaving] = useState<string | null>(null);
  const current = useRef<Station | null>(null);

  const apply = (s: Station) => {
    current.current = s;
    setStation(s);
  };

  const reload = useCallback(async () => {
    if (!current.current) setPhase({ kind: 'loading' });
    try {
      apply(await api.getStation({ params: { id } }));
      setPhase({ kind: 'ready' });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) setPhase({ kind: 'missing' });
      else setPhase({ kind: 'error', message: errorMessage(error) });
    }
  }, [id]);

  useDidShow(() => {
    void reload();
  });

  /**
   * Sends one section. `send` gets the version to base the write on; on a conflict it is called again
   * with the current version if the person chooses to re-apply. `fields` are the fields the section
   * changes, to warn when the other person changed them too.
   */
  const save = async (section: string, fields: StationField[], send: (version: number) => Promise<Station>): Promise<SaveOutcome> => {
    const base = current.current;
    if (!base) return { ok: false };
    setSaving(section);
    try {
      apply(await send(base.version));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      return { ok: true };
    } catch (error) {
      const now = conflictOf(error);
      if (!now) return { ok: false, error: { message: errorMessage(error), field: error instanceof ApiError ? error.field : undefined } };
      const changes = stationChanges(base, now);
      const overlap = changes.some((c) => fields.includes(c.field));
      apply(now);
      const answer = await Taro.showModal({
        title: '信息刚被其他人修改',
        content:
          `${changes.length > 0 ? `其他人刚刚修改了：${changedFieldsText(changes)}。` : '其他人刚刚保存过这个驿站。'}` +
          (overlap ? '对方也改了您正在修改的内容，重新保存将以您的为准。' : '您的修改不会影响对方的修改。') +
          '要在最新信息上重新保存您的修改吗？',
        confirmText: '重新保存',
        cancelText: '放弃修改',
      });
      if (!answer.confirm) return { ok: false };
      try {
        apply(await send(now.version));
        void Taro.showToast({ title: '已保存', icon: 'success' });
        return { ok: true };
      } catch (again) {
        return { ok: false, error: { message: errorMessage(again), field: again instanceof ApiError ? again.field : undefined } };
      }
    } finally {
      setSaving(null);
    }
  };

  return { station, phase, saving, reload, save, setStation: apply };
}
