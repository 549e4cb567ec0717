import { Button, Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, IMPORT_OUTCOME_LABELS, IMPORT_OUTCOMES, regionName, type ImportReport } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { errorMessage, uploadFile } from '../../services/api';
import { pickCsvFile } from '../../services/files';
import { regionOptions } from '../regions';
import '../staff.scss';

/**
 * 批量导入: a station list (CSV from Excel or WPS, UTF-8 or GBK) checked first without writing, its
 * report read, then imported. The same file can be imported again safely: nothing changes twice.
 */
export default function ImportPage() {
  const { me } = useMe();
  const params = useRouter().params;
  const [region, setRegion] = useState(params.region ?? '');
  const [file, setFile] = useState<{ path: string; name: string; size: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  const options = regionOptions(me);
  const current = region || options[0]?.code || '';

  const send = async (dryRun: boolean, chosen = file) => {
    if (!chosen || busy !== null) return;
    setBusy(dryRun ? 'check' : 'import');
    setError(null);
    try {
      setReport(await uploadFile('importStations', { query: { regionCode: current, dryRun: dryRun ? 1 : 0 } }, chosen.path));
    } catch (e) {
      setError(errorMessage(e));
      setReport(null);
    } finally {
      setBusy(null);
    }
  };

  const pick = async () => {
    const chosen = await pickCsvFile();
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setError(`文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`);
      return;
    }
    setFile(chosen);
    setReport(null);
    await send(true, chosen);
  };

  // Refused rows and stored rows with warnings; a stored row is counted in its total either way.
  const attention = report ? report.rows.filter((r) => r.outcome === 'rejected' || r.warnings.length > 0) : [];
  return (
    <View className='page staff' id='import-page'>
      <View className='card'>
        <Text className='staff__title'>导入驿站名单</Text>
        <Text className='muted staff__hint'>
          第一行写列名：名称、地址、区县、纬度、经度、开放时间、电话、类型、设施（英文列名也可以）。每次最多 {IMPORT_MAX_ROWS} 行，更多请用命令行导入。
        </Text>
        <Picker
          mode='selector'
          range={options.map((o) => o.label.trim())}
          value={Math.max(0, options.findIndex((o) => o.code === current))}
          onChange={(e) => {
            setRegion(options[Number(e.detail.value)]?.code ?? current);
            setReport(null);
          }}
        >
          <View className='staff__item' id='import-region'>
            <Text>导入到：{regionName(current) ?? current}</Text>
            <Text className='muted'>切换 ›</Text>
          </View>
        </Picker>
        <Button className='btn' id='pick-file' disabled={busy !== null} onClick={() => void pick()}>
          {busy === 'check' ? '正在检查…' : file ? `重新选择文件（${file.name}）` : '选择 CSV 文件'}
        </Button>
        {error ? (
          <Text className='staff__error' id='import-error'>
            {error}
          </Text>
        ) : null}
      </View>

      {report ? (
        <View className='card' id='import-report'>
          <Text className='staff__title'>{report.dryRun ? '检查结果（还没有导入）' : '导入完成'}</Text>
          <View className='staff__totals' id='import-totals'>
            {IMPORT_OUTCOMES.map((o) => (
              <Text className='chip' key={o} id={`total-${o}`}>
                {IMPORT_OUTCOME_LABELS[o]} {report.totals[o]}
              </Text>
            ))}
          </View>
          {report.withWarnings > 0 ? (
            <Text className='muted' id='import-warned'>
              {report.dryRun ? '将导入' : '已导入'}的行中有 {report.withWarnings} 行需要留意，见下面的提醒
            </Text>
          ) : null}
          {report.columns.ignored.length > 0 ? <Text className='muted'>没有用到的列：{report.columns.ignored.join('、')}</Text> : null}
          {attention.slice(0, 100).map((row) => (
            <View className='staff__report-row' key={row.row} id={`report-row-${row.row}`}>
              <Text>
                第 {row.row} 行 · {IMPORT_OUTCOME_LABELS[row.outcome]} · {row.name ?? '（无名称）'}
              </Text>
              {[...row.reasons, ...row.warnings.map((w) => `提醒：${w}`)].map((reason, i) => (
                <Text className='muted' key={i} style={{ display: 'block' }}>
                  {reason}
                </Text>
              ))}
            </View>
          ))}
          {attention.length > 100 ? <Text className='muted'>……另有 {attention.length - 100} 行</Text> : null}
          {report.dryRun ? (
            <Button className='btn' id='confirm-import' disabled={busy !== null || report.rows.every((r) => r.outcome === 'rejected' || r.outcome === 'unchanged')} onClick={() => void send(false)}>
              {busy === 'import' ? '正在导入…' : '确认导入'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
