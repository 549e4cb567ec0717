/**
 * The scam guard (防骗): a post that asks workers for money before they work is refused, with the
 * wording that tripped it. Fake job ads take 押金, 培训费, 服装费, 中介费… or tell people to pay first
 * (先交, 先付); honest ads often say the opposite ("不收押金", "免培训费", "体检费公司报销"), so
 * those denials are taken out before the fee words are looked for.
 */

const FEE_WORDS = [
  '押金',
  '保证金',
  '培训费',
  '服装费',
  '工装费',
  '工服费',
  '中介费',
  '介绍费',
  '报名费',
  '入职费',
  '办卡费',
  '资料费',
  '手续费',
  '管理费',
  '体检费',
  '建档费',
  '信息费',
  '会员费',
  '押身份证',
];

const FEES = FEE_WORDS.join('|');

/** Saying no fee is asked, or that the employer pays it. */
const DENIALS = [
  // 不收押金 / 无需培训费 / 免中介费 / 零押金 / 不用交押金 / 没有服装费
  new RegExp(`(不收取?|不需要?|无需|无须|不用|免收?|免除|没有|无|零|不交|不缴|不会收取?|绝不收取?|拒绝收取?|从不收取?)(任何|一切)?(交|缴|收|付|出)?(任何|的)?(${FEES})`, 'g'),
  // 体检费公司报销 / 体检费用由公司承担 / 培训费全免
  new RegExp(`(${FEES})用?(全部|全额|一律)?(由)?(公司|企业|单位|厂里|店里|我方|用人单位|站里)?(承担|报销|出|负责|支付|全免|全包|免)`, 'g'),
];

/** Paying first, in so many words: 先交/先付/预交/先缴/先转 … before starting work. */
// 交/缴/转 first is always the worker paying (not 交流, 交通, 交接); 付/垫 only when the worker is told to
// (需先付, 要先垫): "工资先付一半" is the employer paying.
const PAY_FIRST = /(先|预|提前)(交|缴|转)(?!流|通|接|谈|友|代|给你)|(需|要|须|请|得)(先|预|提前)(付|垫)/;
const PAY_FIRST_DENIED = /(不|无需|无须|不用|不需要?|绝不|从不)(用|要|需)?(先|预|提前)(交|付|缴|转|垫)/g;

export interface MoneyAsk {
  /** The words that read as asking workers for money. */
  wording: string;
}

/** The first money-asking wording in the text, or null when the text asks for none. */
export function moneyAsked(text: string): MoneyAsk | null {
  let rest = text.replace(/\s+/g, '');
  for (const denial of DENIALS) rest = rest.replace(denial, '·');
  rest = rest.replace(PAY_FIRST_DENIED, '·');
  const fee = new RegExp(FEES).exec(rest);
  if (fee) return { wording: fee[0] };
  const first = PAY_FIRST.exec(rest);
  if (first) return { wording: first[0] };
  return null;
}
