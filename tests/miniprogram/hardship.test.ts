import { fireEvent, waitFor } from '@testing-library/dom';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { uniqueIdNumber } from '../helpers/membership';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * 困难职工档案 in the pages (pkg-hardship): district staff file a worker through the six-part form and
 * issue a binding code; the worker types the code in 我的帮扶 and sees their status and QR card.
 */

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess();
  setApiBaseUrl(stack.url);
});

afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);

function type(selector: string, text: string, tag: 'input' | 'textarea' = 'input') {
  const input = $(`${selector} ${tag}`) as HTMLInputElement;
  input.value = text;
  fireEvent.input(input, { target: { value: text } });
}

async function click(selector: string) {
  await waitFor(() => expect($(selector)).not.toBeNull());
  fireEvent.click($(selector)!);
}

test('staff file a worker and give a code; the worker binds and sees the card', async () => {
  saveSession(await api.loginDev({ body: { persona: 'district-staff' } }));
  await openPage('/pkg-hardship/form/index');
  await waitFor(() => expect($('#field-name input')).not.toBeNull());

  // An incomplete form is refused at the fields, before anything is sent.
  fireEvent.click($('#submit-file')!);
  await waitFor(() => expect($('#error-basic-name')?.textContent).toBeTruthy());

  type('#field-name', '刘桂芳');
  type('#field-idNumber', uniqueIdNumber('360428'));
  type('#field-mobile', '13977912345');
  fireEvent.click($('#occupation-sanitation')!);
  type('#field-address', '都昌镇芙蓉路 12 号');
  type('#field-householdSize', '4');
  fireEvent.click($('#field-district')!);
  await click('#region-36');
  await click('#region-3604');
  await click('#region-360428');
  await waitFor(() => expect($('#field-district')?.textContent).toContain('都昌县'));
  type('#field-helperName', '黄志强');
  type('#field-helperPhone', '0792-5222123');
  fireEvent.click($('#cause-illness')!);
  type('#field-causeDetail', '丈夫患病长期透析', 'textarea');
  type('#field-income', '3200');
  fireEvent.click($('#housing-rented')!);
  fireEvent.click($('#field-consent')!);
  // Each tap has shown before the next (as it would for a person) before saving.
  await waitFor(() => expect($('#housing-rented')?.className).toContain('hs__chip--on'));
  await waitFor(() => expect($('#field-consent .hs__box--on')).not.toBeNull());
  fireEvent.click($('#submit-file')!);

  // Saved: the file's own page, masked, on file, with its card.
  await waitFor(
    () => {
      const errors = [...currentPage().querySelectorAll('.hs__error')].map((e) => e.id + ':' + e.textContent);
      expect(errors).toEqual([]);
      expect($('#file-view')).not.toBeNull();
    },
    { timeout: 15_000, onTimeout: (e) => new Error(e.message.slice(0, 600)) },
  );
  expect($('#file-status')?.textContent).toBe('在档');
  expect($('#file-id-number')?.textContent).toMatch(/^身份证号\*{18}/);
  expect($('#file-mobile')?.textContent).toContain('139****2345');
  expect($('#card-state')?.textContent).toContain('使用中');
  const fileId = window.location.hash.match(/id=([^&]+)/)![1]!;

  fireEvent.click($('#issue-code')!);
  await waitFor(() => expect($('#issued-code')).not.toBeNull());
  const code = $('#issued-code .hs__code')!.textContent!.trim();
  expect(code).toMatch(/^[23456789A-HJ-NP-Z]{8}$/);

  // The worker: no file yet, binds with the code, sees the status and the card.
  saveSession(await api.loginDev({ body: { persona: 'worker' } }));
  await openPage('/pkg-hardship/mine/index');
  await waitFor(() => expect($('#no-file #hardship-code input')).not.toBeNull());
  type('#hardship-code', code.toLowerCase());
  await waitFor(() => expect($('#bind')?.getAttribute('disabled')).toBe('false'));
  fireEvent.click($('#bind')!);
  await waitFor(() => expect($('#my-card')).not.toBeNull(), { timeout: 15_000 });
  expect($('#my-status')?.textContent).toBe('在档');
  expect($('#my-total')?.textContent).toContain('0 元');
  const image = $('#my-card-image img') ?? $('#my-card-image');
  expect(image?.getAttribute('src') ?? '').toMatch(/^data:image\/png;base64,/);
  const me = await api.getMe({});
  expect(me.hardshipFileId).toBe(fileId);
  expect(me.roles).toContain('hardship');
});
