import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import {
  ASSISTANCE_KIND_LABELS,
  ASSISTANCE_KINDS,
  FILE_ACTIONS,
  FILE_STATUS_LABELS,
  FILE_TRANSITIONS,
  HARDSHIP_CAUSE_LABELS,
  HARDSHIP_OCCUPATION_LABELS,
  HOUSING_TYPE_LABELS,
  shanghaiDate,
  type AssistanceKind,
  type BindingCode,
  type FileAction,
  type HardshipFile,
} from '@yz/shared';
import { api, errorMessage } from '../../services/api';
import { yuan } from '../money';

/**
 * A whole file for staff (and the paired helper after a scan): the six parts with the ID number and
 * mobile masked (查看 reveals one, audited), the timeline, and — for staff — the status moves with a
 * reason, assistance, a binding code and the QR card.
 */

const ACTION_LABELS: Record<FileAction, string> = { verify: '核实建档', decline: '不予建档', lift: '标记已解困', close: '销档', reopen: '重新建档' };
const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function Row({ label, children, id }: { label: string; children: ReactNode; id?: string }) {
  return (
    <View className='hs__row' id={id}>
      <Text className='muted'>{label}</Text>
      <Text>{children}</Text>
    </View>
  );
}

export function FileView(props: { file: HardshipFile; staff: boolean; onChange: (file: HardshipFile) => void }) {
  const { file, staff } = props;
  const [revealed, setRevealed] = useState<{ idNumber?: string; mobile?: string }>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<BindingCode | null>(null);
  const [aid, setAid] = useState<{ date: string; kind: AssistanceKind; yuan: string; note: string }>({ date: shanghaiDate(), kind: 'condolence', yuan: '', note: '' });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reveal = (field: 'idNumber' | 'mobile') =>
    void (async () => {
      const ok = await Taro.showModal({ title: '查看完整信息', content: '查看完整的身份证号或手机号会被记录（谁、何时、查看了哪份档案）。确定查看吗？' });
      if (!ok.confirm) return;
      await run(async () => {
        const res = await api.revealHardshipPii({ params: { id: file.id }, body: { field } });
        setRevealed((r) => ({ ...r, [field]: res.value }));
      });
    })();

  const move = (action: FileAction) =>
    run(async () => {
      props.onChange(await api.changeHardshipStatus({ params: { id: file.id }, body: { action, version: file.version, ...(note.trim() ? { note: note.trim() } : {}) } }));
      setNote('');
      void Taro.showToast({ title: '已更新', icon: 'success' });
    });

  const addAid = () =>
    run(async () => {
      const amountFen = Math.round(Number(aid.yuan || '0') * 100);
      props.onChange(
        await api.addHardshipAssistance({
          params: { id: file.id },
          body: { date: aid.date, kind: aid.kind, amountFen, ...(aid.note.trim() ? { note: aid.note.trim() } : {}), version: file.version },
        }),
      );
      setAid((a) => ({ ...a, yuan: '', note: '' }));
      void Taro.showToast({ title: '已记录', icon: 'success' });
    });

  const card = (reissue: boolean) =>
    void (async () => {
      const ok = await Taro.showModal({
        title: reissue ? '重新生成二维码卡片' : '停用二维码卡片',
        content: reissue ? '旧卡片会立即失效，职工需在“我的帮扶”中查看新卡片。' : '停用后扫描这张卡片将无法打开档案。',
      });
      if (!ok.confirm) return;
      await run(async () => {
        const res = reissue ? await api.reissueHardshipCard({ params: { id: file.id } }) : await api.revokeHardshipCard({ params: { id: file.id } });
        props.onChange({ ...file, card: res });
      });
    })();

  const moves = FILE_ACTIONS.filter((a) => FILE_TRANSITIONS[a].from.includes(file.status));

  return (
    <View className='hs' id='file-view'>
      <View className='card'>
        <View className='hs__row'>
          <Text className='hs__title' id='file-name'>
            {file.basic.name}
          </Text>
          <Text className={`hs__status hs__status--${file.status}`} id='file-status'>
            {FILE_STATUS_LABELS[file.status]}
          </Text>
        </View>
        <Row label='身份证号' id='file-id-number'>
          {revealed.idNumber ?? file.basic.idNumberMasked}
          {staff && !revealed.idNumber ? (
            <Text className='hs__reveal' id='reveal-idNumber' onClick={() => reveal('idNumber')}>
              查看
            </Text>
          ) : null}
        </Row>
        <Row label='手机号' id='file-mobile'>
          {revealed.mobile ?? file.basic.mobileMasked}
          {staff && !revealed.mobile ? (
            <Text className='hs__reveal' id='reveal-mobile' onClick={() => reveal('mobile')}>
              查看
            </Text>
          ) : null}
        </Row>
        <Row label='性别 / 年龄'>
          {file.basic.gender === 'male' ? '男' : '女'} · {file.basic.age} 岁
        </Row>
        <Row label='职业'>{HARDSHIP_OCCUPATION_LABELS[file.basic.occupation]}</Row>
        {file.basic.employer ? <Row label='工作单位'>{file.basic.employer}</Row> : null}
        <Row label='家庭住址'>{file.basic.address}</Row>
        <Row label='家庭人口'>{file.basic.householdSize} 人</Row>
        <Row label='所在地区'>{file.regionName}</Row>
        <Row label='来源'>{file.source === 'self' ? '本人申请' : '工会建档'}</Row>
        <Row label='微信绑定' id='file-bound'>
          {file.bound ? '已绑定' : '未绑定'}
        </Row>
      </View>

      <View className='card'>
        <Text className='hs__label'>结对帮扶责任人</Text>
        {file.helper ? (
          <View>
            <Row label='姓名'>{file.helper.name}</Row>
            <Row label='电话'>{file.helper.phone}</Row>
            {file.helper.organisation ? <Row label='单位'>{file.helper.organisation}</Row> : null}
          </View>
        ) : (
          <Text className='muted'>尚未指定</Text>
        )}
      </View>

      <View className='card'>
        <Text className='hs__label'>致困原因</Text>
        <Text>{file.cause.categories.map((c) => HARDSHIP_CAUSE_LABELS[c]).join('、')}</Text>
        <Text className='hs__hint'>{file.cause.detail}</Text>
        <Row label='家庭月收入'>{yuan(file.income.householdMonthlyFen)} 元</Row>
        <Row label='人均月收入'>{yuan(file.income.perCapitaMonthlyFen)} 元</Row>
        {file.income.sources ? <Row label='收入来源'>{file.income.sources}</Row> : null}
        <Row label='住房'>
          {HOUSING_TYPE_LABELS[file.housing.type]}
          {file.housing.areaSqm !== null ? ` · ${file.housing.areaSqm} 平方米` : ''}
        </Row>
      </View>

      <View className='card'>
        <Text className='hs__label'>解困脱困计划</Text>
        {file.plan.steps.length === 0 ? <Text className='muted'>尚未制定</Text> : null}
        {file.plan.steps.map((s, i) => (
          <Row label={`${s.due}${s.done ? ' ✓' : ''}`} key={i}>
            {s.text}
          </Row>
        ))}
      </View>

      <View className='card' id='file-assistance'>
        <Text className='hs__label'>帮扶记录（合计 {yuan(file.assistanceTotalFen)} 元）</Text>
        {file.assistance.length === 0 ? <Text className='muted'>还没有帮扶记录</Text> : null}
        {file.assistance.map((a) => (
          <View className='hs__record' key={a.id}>
            <Row label={a.date}>
              {ASSISTANCE_KIND_LABELS[a.kind]} · {yuan(a.amountFen)} 元
            </Row>
            {a.note ? <Text className='hs__hint'>{a.note}</Text> : null}
          </View>
        ))}
        {staff && file.status !== 'closed' && file.status !== 'applied' ? (
          <View id='add-assistance'>
            <Input className='hs__input' id='aid-date' value={aid.date} maxlength={10} placeholder='日期 YYYY-MM-DD' onInput={(e) => setAid({ ...aid, date: e.detail.value })} />
            <View className='hs__chips'>
              {ASSISTANCE_KINDS.map((k) => (
                <View key={k} id={`aid-kind-${k}`} className={`hs__chip ${aid.kind === k ? 'hs__chip--on' : ''}`} onClick={() => setAid({ ...aid, kind: k })}>
                  {ASSISTANCE_KIND_LABELS[k]}
                </View>
              ))}
            </View>
            <Input className='hs__input' id='aid-amount' type='digit' value={aid.yuan} maxlength={10} placeholder='金额（元），物资可填 0' onInput={(e) => setAid({ ...aid, yuan: e.detail.value })} />
            <Input className='hs__input' id='aid-note' value={aid.note} maxlength={100} placeholder='说明（可不填）' onInput={(e) => setAid({ ...aid, note: e.detail.value })} />
            <Button className='btn secondary' id='aid-submit' disabled={busy} onClick={() => void addAid()}>
              记录一次帮扶
            </Button>
          </View>
        ) : null}
      </View>

      {staff ? (
        <View className='card' id='file-actions'>
          <Text className='hs__label'>档案操作</Text>
          {error ? (
            <Text className='hs__error' id='action-error'>
              {error}
            </Text>
          ) : null}
          {moves.length > 0 ? (
            <Input className='hs__input' id='status-note' value={note} maxlength={200} placeholder='说明或原因（销档、不予建档时必填）' onInput={(e) => setNote(e.detail.value)} />
          ) : null}
          <View className='hs__actions'>
            {moves.map((a) => (
              <Button key={a} className={`btn ${a === 'close' || a === 'decline' ? 'secondary' : ''}`} id={`action-${a}`} disabled={busy} onClick={() => void move(a)}>
                {ACTION_LABELS[a]}
              </Button>
            ))}
            <Button className='btn secondary' id='edit-file' onClick={() => void Taro.navigateTo({ url: `/pkg-hardship/form/index?id=${file.id}` })}>
              修改档案
            </Button>
            {file.status !== 'closed' ? (
              <Button className='btn secondary' id='issue-code' disabled={busy} onClick={() => void run(async () => setCode(await api.issueHardshipBindingCode({ params: { id: file.id } })))}>
                生成绑定码
              </Button>
            ) : null}
          </View>
          {code ? (
            <View id='issued-code'>
              <Text className='hs__code' onClick={() => void Taro.setClipboardData({ data: code.code })}>
                {code.code}
              </Text>
              <Text className='hs__hint'>请交给职工本人，在“我的 → 我的帮扶”输入。有效期至 {at(code.expiresAt)}，只能使用一次（点按复制）。</Text>
            </View>
          ) : null}
        </View>
      ) : null}

      {staff ? (
        <View className='card' id='file-card'>
          <Text className='hs__label'>二维码卡片</Text>
          <Text className='hs__hint' id='card-state'>
            {file.card.active ? `使用中（发放于 ${at(file.card.issuedAt ?? '')}）` : '已停用'}
          </Text>
          <View className='hs__actions'>
            {file.status === 'on_file' || file.status === 'lifted' ? (
              <Button className='btn secondary' id='reissue-card' disabled={busy} onClick={() => card(true)}>
                {file.card.active ? '重新生成（旧卡失效）' : '发放新卡片'}
              </Button>
            ) : null}
            {file.card.active ? (
              <Button className='btn secondary' id='revoke-card' disabled={busy} onClick={() => card(false)}>
                停用卡片
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}

      <View className='card'>
        <Text className='hs__label'>档案记录</Text>
        <View id='file-timeline'>
          {[...file.timeline].reverse().map((e) => (
            <View className='hs__event' key={`${e.at}-${e.to}`}>
              <Text>{e.from === null ? (e.by === 'worker' ? '本人提交申请' : '建档') : `${FILE_STATUS_LABELS[e.from]} → ${FILE_STATUS_LABELS[e.to]}`}</Text>
              <Text className='hs__hint'>
                {at(e.at)} · {e.by === 'staff' ? '工会工作人员' : '本人'}
              </Text>
              {e.note ? <Text className='hs__hint'>{e.note}</Text> : null}
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}
