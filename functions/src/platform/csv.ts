import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer for every export (stations, members): UTF-8 with a byte-order mark (Excel needs
 * it to show Chinese), CRLF line ends, and no cell a spreadsheet would run as a formula.
 *
 * Formula injection (OWASP "CSV Injection"): Excel, WPS and LibreOffice evaluate a cell that begins
 * with = + - @ (also after leading tabs, carriage returns or spaces, and in the full-width forms an
 * IME types). A station name or notice written by a host must never become a live formula on a staff
 * member's machine, so such a cell is written with a leading apostrophe, which spreadsheets show as
 * text. A cell that already begins with apostrophes before a formula character gets one more, so
 * `restoreCell` gives back exactly what was written: an export imports back to the same values.
 */
const FORMULA_AFTER_QUOTES = /^'*[\s\u3000]*[=+\-@＝＋－＠]/u;
const NEUTRALISED = /^'(?='*[\s\u3000]*[=+\-@＝＋－＠])/u;

export function neutraliseCell(value: string): string {
  return FORMULA_AFTER_QUOTES.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell, for importers reading our own exports back. */
export function restoreCell(value: string): string {
  return value.replace(NEUTRALISED, '');
}

/** Rows (the header first) as a CSV file's text. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { bom: true, record_delimiter: '\r\n' },
  );
}
