import { describe, expect, it } from 'vitest';
import { parseDate, formatDateId, parseDuration } from '../src/index.js';
import { checkNip } from '../src/model/nip.js';

describe('dates', () => {
  it.each([
    ['2023-08-31', '2023-08-31'],
    ['31-08-2023', '2023-08-31'],
    ['31/08/2023', '2023-08-31'],
    ['31-8-2023', '2023-08-31'],
    ['31 Agustus 2023', '2023-08-31'],
    ['31 Agt 2023', '2023-08-31'],
    ['31-Aug-23', '2023-08-31'],
    ['1 Mei 2024', '2024-05-01'],
    ['29-02-2024', '2024-02-29'],
  ])('%s is %s', (text, iso) => {
    const r = parseDate(text);
    expect(r.kind === 'date' && r.date.iso).toBe(iso);
  });

  it.each([
    ['31-02-2023', 'date-day'],
    ['29-02-2023', 'date-day'],
    ['01-13-2023', 'date-month'],
    ['31 Agustos 2023', 'date-month'],
    ['besok', 'date-format'],
  ])('%s is invalid (%s)', (text, reason) => {
    expect(parseDate(text)).toEqual({ kind: 'invalid', reason });
  });

  it('empty and - mean none; dates print in Indonesian', () => {
    expect(parseDate('')).toEqual({ kind: 'empty' });
    expect(parseDate(' - ')).toEqual({ kind: 'empty' });
    const r = parseDate('31-Aug-23');
    expect(r.kind === 'date' && formatDateId(r.date)).toBe('31 Agustus 2023');
  });
});

describe('durations', () => {
  it('reads units, combinations and ranges', () => {
    expect(parseDuration('5 Menit')).toMatchObject({ kind: 'duration', minutes: { min: 5, max: 5 } });
    expect(parseDuration('1 jam 30 menit')).toMatchObject({ kind: 'duration', minutes: { min: 90, max: 90 } });
    expect(parseDuration('15-30 menit')).toMatchObject({ kind: 'duration', parts: [{ min: 15, max: 30, unit: 'menit' }] });
    expect(parseDuration('2 Hari')).toMatchObject({ kind: 'duration', minutes: { min: 2880, max: 2880 } });
  });
  it('tells free text, bare numbers and unknown units apart', () => {
    expect(parseDuration('Relatif').kind).toBe('free');
    expect(parseDuration('Sesuai kebutuhan').kind).toBe('free');
    expect(parseDuration('15').kind).toBe('bare');
    expect(parseDuration('5 mnt')).toEqual({ kind: 'unknown-unit', text: '5 mnt', unit: 'mnt' });
  });
});

describe('NIP', () => {
  it('accepts the 18-digit shape, spaced or not', () => {
    expect(checkNip('19650809 198603 1 012')).toEqual({ ok: true, digits: '196508091986031012', formatted: '19650809 198603 1 012' });
    expect(checkNip('196508091986032012').ok).toBe(true);
  });
  it.each([
    ['1965080919860310', 'nip-length'],
    ['19651309 198603 1 012', 'nip-birth'],
    ['19650809 198613 1 012', 'nip-appointment'],
    ['19650809 196003 1 012', 'nip-appointment'],
    ['19650809 198603 3 012', 'nip-gender'],
  ])('%s: %s', (nip, reason) => {
    expect(checkNip(nip)).toEqual({ ok: false, reason });
  });
});
