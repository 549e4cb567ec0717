import { View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { HardshipFile } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { FileForm } from '../components/FileForm';
import '../hardship.scss';

/** Staff: file a worker (six parts) or, with `?id=`, correct a file. */
export default function FileFormPage() {
  const id = useRouter().params.id;
  const [file, setFile] = useState<HardshipFile | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!id) return;
    setError(null);
    try {
      setFile(await api.getHardshipFile({ params: { id } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  if (error) return <StateView kind='error' title='没能打开档案' detail={error} actionText='重试' onAction={() => void load()} />;
  if (id && !file) return <StateView kind='loading' title='正在加载档案…' />;
  return (
    <View className='page'>
      <FileForm
        mode={file ? 'edit' : 'create'}
        initial={file ?? undefined}
        submitText={file ? '保存修改' : '建档'}
        onSubmit={async (body) => {
          const saved = file
            ? await api.updateHardshipFile({ params: { id: file.id }, body: body as Parameters<typeof api.updateHardshipFile>[0]['body'] })
            : await api.createHardshipFile({ body: body as Parameters<typeof api.createHardshipFile>[0]['body'] });
          void Taro.showToast({ title: '已保存', icon: 'success' });
          void Taro.redirectTo({ url: `/pkg-hardship/file/index?id=${saved.id}` });
        }}
      />
    </View>
  );
}
