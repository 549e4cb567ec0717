import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { HardshipFile } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { FileView } from '../components/FileView';
import '../hardship.scss';

/** Staff: one file in full (each opening is recorded in the audit log). */
export default function FilePage() {
  const id = useRouter().params.id ?? '';
  const [file, setFile] = useState<HardshipFile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setFile(await api.getHardshipFile({ params: { id } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => {
    void load();
  });

  if (error) return <StateView kind='error' title='没能打开档案' detail={error} actionText='返回' onAction={() => void Taro.navigateBack()} />;
  if (!file) return <StateView kind='loading' title='正在加载档案…' />;
  return <FileView file={file} staff onChange={setFile} />;
}
