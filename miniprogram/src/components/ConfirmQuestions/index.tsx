import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { answerLabels, confirmationQuestions, questionText, type ConfirmationAnswer, type ConfirmationQuestion, type Station } from '@yz/shared';
import { api, ApiError, errorMessage } from '../../services/api';
import { deviceId } from '../../services/device';
import { locate } from '../../services/location';
import './index.scss';

/**
 * 你在驿站吗？ One-tap questions for a worker at the station. The position goes with the answer only
 * for the server's 300 m check (or a recent scan of the station's code shows presence instead).
 */
export default function ConfirmQuestions({ station, onConfirmed }: { station: Station; onConfirmed: (s: NonNullable<Station['confirmations']>) => void }) {
  const [questions] = useState(() => confirmationQuestions(station));
  const [done, setDone] = useState<Partial<Record<ConfirmationQuestion, string>>>({});
  const [busy, setBusy] = useState<ConfirmationQuestion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const answer = async (question: ConfirmationQuestion, value: ConfirmationAnswer) => {
    setBusy(question);
    setProblem(null);
    const here = await locate();
    try {
      const receipt = await api.confirmStation({
        params: { id: station.id },
        body: { question, answer: value, deviceId: deviceId(), ...(here.ok ? { position: here.point } : {}) },
      });
      setDone((d) => ({ ...d, [question]: `谢谢！已记录：${answerLabels(question)[value]}` }));
      onConfirmed(receipt.confirmations);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_CONFIRMED') setDone((d) => ({ ...d, [question]: '2 小时内已回答过，谢谢！' }));
      else setProblem(e instanceof ApiError && e.needsLogin ? '登录后才能确认，请先到“我的”登录' : errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='card confirm-questions' id='confirm-questions'>
      <Text className='confirm-questions__title'>你在驿站吗？帮其他师傅确认一下</Text>
      {questions.map((q) => (
        <View className='confirm-questions__row' key={q} id={`confirm-${q}`}>
          <Text className='confirm-questions__text'>{questionText(q)}</Text>
          {done[q] ? (
            <Text className='confirm-questions__done' id={`confirm-${q}-done`}>
              {done[q]}
            </Text>
          ) : (
            (['yes', 'no'] as const).map((v) => (
              <Button className={`btn small ${v === 'no' ? 'secondary' : ''}`} key={v} id={`confirm-${q}-${v}`} disabled={busy !== null} onClick={() => void answer(q, v)}>
                {answerLabels(q)[v]}
              </Button>
            ))
          )}
        </View>
      ))}
      {problem ? (
        <Text className='confirm-questions__problem' id='confirm-problem'>
          {problem}
        </Text>
      ) : null}
      <Text className='muted confirm-questions__hint'>需在驿站 300 米内或 2 小时内扫过驿站二维码；不会显示是谁确认的，位置只用于这次核对，不会保存。</Text>
    </View>
  );
}
