import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ASSISTANCE_KIND_LABELS, FILE_STATUS_LABELS, HARDSHIP_OCCUPATION_LABELS } from '@yz/shared';
import FactRow, { StatusRow } from '../../components/FactRow';
import StateView from '../../components/StateView';
import { useOwnData } from '../../use-page-data';
import { api, errorMessage } from '../../services/api';
import { yuan } from '../money';
import '../hardship.scss';

/**
 * 我的帮扶: the worker's file status, the help they received (totals in yuan), and their QR card shown
 * large for staff or their paired helper to scan. Without a file: bind with the code staff gave, or apply.
 */
export default function MyHardshipPage() {
  const { data, error, signedOut, load } = useOwnData(() => api.getMyHardship({}));
  const [code, setCode] = useState('');
  const [bindError, setBindError] = useState<string | null>(null);
  const [binding, setBinding] = useState(false);

  const bind = async () => {
    setBinding(true);
    setBindError(null);
    try {
      await api.redeemBindingCode({ body: { code } });
      setCode('');
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
      await load();
    } catch (e) {
      setBindError(errorMessage(e));
    } finally {
      setBinding(false);
    }
  };

  if (signedOut) return <StateView kind='empty' title='请先登录' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />;
  if (error) return <StateView kind='error' title='没能加载帮扶信息' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!data) return <StateView kind='loading' title='正在加载…' />;

  const file = data.file;
  if (!file) {
    return (
      <View className='page hs' id='no-file'>
        <View className='card'>
          <Text className='hs__title'>绑定我的困难职工档案</Text>
          <Text className='hs__hint'>已在工会建档的职工，请输入工会工作人员给您的 8 位绑定码。绑定后可以查看帮扶记录和您的二维码卡片。</Text>
          <Input className='hs__input' id='hardship-code' value={code} maxlength={12} placeholder='例如 7KQ3M9XA' onInput={(e) => setCode(e.detail.value)} />
          {bindError ? (
            <Text className='hs__error' id='bind-error'>
              {bindError}
            </Text>
          ) : null}
          <Button className='btn' id='bind' disabled={binding || code.trim() === ''} onClick={() => void bind()}>
            {binding ? '正在绑定…' : '绑定档案'}
          </Button>
        </View>
        <View className='card'>
          <Text className='hs__title'>还没有建档？</Text>
          <Text className='hs__hint'>家庭遇到困难的职工，可以自己提交困难帮扶申请，由所在地工会核实后建档。</Text>
          <Button className='btn secondary' id='start-apply' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/apply/index' })}>
            申请困难帮扶
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page hs' id='my-file'>
      <View className='card'>
        <StatusRow className='hs__row' name='档案状态' badge='hs__status' status={file.status} label={FILE_STATUS_LABELS[file.status]} id='my-status' />
        <FactRow className='hs__row' label='职业'>
          {HARDSHIP_OCCUPATION_LABELS[file.occupation]}
        </FactRow>
        <FactRow className='hs__row' label='所在地区'>
          {file.regionName}
        </FactRow>
        {file.status === 'applied' ? <Text className='hs__hint'>您的申请已提交，所在地工会核实后会为您建档。</Text> : null}
        {file.note ? (
          <Text className='hs__hint' id='my-note'>
            工会说明：{file.note}
          </Text>
        ) : null}
      </View>

      {file.card ? (
        <View className='card hs__card' id='my-card'>
          <Text className='hs__title'>我的帮扶二维码</Text>
          <View className='hs__qr'>
            <Image className='hs__qr-image' id='my-card-image' src={file.card.image} mode='scaleToFill' />
          </View>
          <Text className='hs__hint'>请向所在地工会工作人员或您的结对帮扶责任人出示。卡片上没有您的姓名和电话；如卡片被他人拍走，可请工会重新生成，旧卡立即失效。</Text>
        </View>
      ) : file.status === 'on_file' || file.status === 'lifted' ? (
        <View className='card'>
          <Text className='hs__hint' id='card-off'>
            您的二维码卡片已停用。如需新卡片，请联系所在地工会。
          </Text>
        </View>
      ) : null}

      <View className='card' id='my-assistance'>
        <Text className='hs__label'>帮扶记录</Text>
        <Text className='hs__total' id='my-total'>
          合计 {yuan(file.assistanceTotalFen)} 元
        </Text>
        {file.assistance.length === 0 ? <Text className='muted'>还没有帮扶记录</Text> : null}
        {[...file.assistance].reverse().map((a) => (
          <View className='hs__record' key={a.id}>
            <View className='hs__row'>
              <Text>
                {a.date} · {ASSISTANCE_KIND_LABELS[a.kind]}
              </Text>
              <Text>{yuan(a.amountFen)} 元</Text>
            </View>
            {a.note ? <Text className='hs__hint'>{a.note}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  );
}
