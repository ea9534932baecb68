/**
 * NIP: the 18-digit Indonesian civil-servant number `YYYYMMDD YYYYMM G NNN`
 * (birth date, appointment year-month, gender digit 1 or 2, sequence).
 */
import { BLANK_CLASS } from '../util/text.js';

export type NipCheck =
  | { readonly ok: true; readonly digits: string; /** canonical spacing */ readonly formatted: string }
  | { readonly ok: false; readonly reason: 'nip-length' | 'nip-birth' | 'nip-appointment' | 'nip-gender' };

export function checkNip(text: string): NipCheck {
  // Blanks only: a NIP split by a line separator is reported, not joined.
  const digits = text.replace(new RegExp(`[${BLANK_CLASS}]+`, 'g'), '');
  if (!/^\d{18}$/.test(digits)) return { ok: false, reason: 'nip-length' };
  const by = Number(digits.slice(0, 4));
  const bm = Number(digits.slice(4, 6));
  const bd = Number(digits.slice(6, 8));
  const ay = Number(digits.slice(8, 12));
  const am = Number(digits.slice(12, 14));
  const g = digits[14];
  const validDay = bm >= 1 && bm <= 12 && bd >= 1 && bd <= new Date(Date.UTC(by, bm, 0)).getUTCDate();
  if (by < 1900 || !validDay) return { ok: false, reason: 'nip-birth' };
  if (am < 1 || am > 12 || ay < by) return { ok: false, reason: 'nip-appointment' };
  if (g !== '1' && g !== '2') return { ok: false, reason: 'nip-gender' };
  const formatted = `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
  return { ok: true, digits, formatted };
}
