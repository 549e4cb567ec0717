import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { APPLICATION_STATUS_LABELS, OCCUPATION_LABELS, type Application, type TimelineEntry } from '@yz/shared';
import FactRow, { StatusRow } from '../../components/FactRow';
import StateView from '../../components/StateView';
import { useOwnData } from '../../use-page-data';
import { api } from '../../services/api';
import '../member.scss';

/** The applicant's side: where the application is, what happened when, and what to do next. */

const EVENT_TITLES: Record<string, string> = {
  'null>submitted': '提交申请',
  'returned>submitted': '修改后重新提交',
  'submitted>approved': '审核通过，欢迎加入工会',
  'submitted>rejected': '审核未通过',
  'submitted>returned': '退回修改',
};

const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className='member__timeline' id='timeline'>
      {[...entries].reverse().map((e) => (
        <View className='member__event' key={`${e.at}-${e.to}`}>
          <Text className='member__event-title'>{EVENT_TITLES[`${e.from}>${e.to}`] ?? APPLICATION_STATUS_LABELS[e.to]}</Text>
          <Text className='member__event-time'>
            {at(e.at)} · {e.by === 'staff' ? '工会工作人员' : '本人'}
          </Text>
          {e.note ? <Text className='member__event-note'>{e.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export default function StatusPage() {
  const params = useRouter().params;
  const { data, error, signedOut, load } = useOwnData(() => api.getMyMembership({}));

  if (signedOut) return <StateView kind='empty' title='请先登录' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />;
  if (error) return <StateView kind='error' title='没能加载入会信息' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!data) return <StateView kind='loading' title='正在加载…' />;

  const app: Application | undefined = (params.id && data.applications.find((a) => a.id === params.id)) || data.applications[0];
  if (!app) {
    return (
      <View className='page member'>
        <StateView kind='empty' id='no-application' title='您还没有申请入会' detail='加入工会，享受驿站服务、法律援助、困难帮扶和会员福利。' />
        <View className='member__submit'>
          <Button className='btn' id='start-apply' onClick={() => void Taro.navigateTo({ url: '/pkg-member/apply/index' })}>
            申请入会
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='page member' id='application-status'>
      {/* `?submitted=1` stays in the URL after a reload: the banner is only true while it is still waiting. */}
      {params.submitted && app.status === 'submitted' ? (
        <View className='card'>
          <Text className='member__title'>已提交，等待审核</Text>
          <Text className='member__hint'>{app.regionName.split(' ').pop()}总工会会尽快审核，结果会通过微信通知您，也可以随时在这里查看。</Text>
        </View>
      ) : null}
      <View className='card'>
        <StatusRow className='member__row' name='审核状态' badge='member__status' status={app.status} label={APPLICATION_STATUS_LABELS[app.status]} id='status-badge' />
        <FactRow className='member__row' label='姓名'>
          {app.name}
        </FactRow>
        <FactRow className='member__row' label='身份证号'>
          {app.idNumberMasked}
        </FactRow>
        <FactRow className='member__row' label='职业'>
          {OCCUPATION_LABELS[app.occupation]}
        </FactRow>
        <FactRow className='member__row' label='工作地区'>
          {app.regionName}
        </FactRow>
        {app.note && app.status !== 'approved' ? (
          <Text className='member__note' id='decision-note'>
            {app.status === 'returned' ? '修改意见：' : '原因：'}
            {app.note}
          </Text>
        ) : null}
        <View className='member__actions'>
          {app.status === 'returned' ? (
            <Button className='btn' id='edit-application' onClick={() => void Taro.navigateTo({ url: `/pkg-member/apply/index?id=${app.id}` })}>
              修改并重新提交
            </Button>
          ) : null}
          {data.card ? (
            <Button className='btn' id='open-card' onClick={() => void Taro.navigateTo({ url: '/pkg-member/card/index' })}>
              查看电子会员证
            </Button>
          ) : null}
          {app.status === 'rejected' && !data.card ? (
            <Button className='btn secondary' id='apply-again' onClick={() => void Taro.navigateTo({ url: '/pkg-member/apply/index' })}>
              重新申请
            </Button>
          ) : null}
        </View>
      </View>
      <View className='card'>
        <Text className='member__label'>办理进度</Text>
        <Timeline entries={app.timeline} />
      </View>
    </View>
  );
}
