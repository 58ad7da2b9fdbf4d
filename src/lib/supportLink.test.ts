import { describe, expect, it } from 'vitest';
import { CUT_NOTE, isSupportTarget, shorten, SUPPORT_LIMITS, supportLink } from './supportLink';

const report = { subject: 'Task Center: image task t1 failed (gpu_oom)', taskId: 't1', body: 'Task Center error report\nTask ID: t1 & more' };

describe('supportLink', () => {
  it('puts the report in the query of an https: address, keeping its own parameters', () => {
    const url = new URL(supportLink('https://help.example/form?team=ai', report)!);
    expect(url.searchParams.get('team')).toBe('ai');
    expect(url.searchParams.get('subject')).toBe(report.subject);
    expect(url.searchParams.get('task')).toBe('t1');
    expect(url.searchParams.get('report')).toBe(report.body);
  });

  it('writes a mailto: with subject and body, spaces as %20', () => {
    expect(supportLink('mailto:help@example.com', report)).toBe(
      `mailto:help@example.com?subject=${encodeURIComponent(report.subject)}&body=${encodeURIComponent(report.body)}`,
    );
    expect(supportLink('mailto:help@example.com?cc=lead@example.com', report)).toMatch(/^mailto:help@example\.com\?cc=lead@example\.com&subject=/);
  });

  it('gives no link for anything else', () => {
    for (const target of [undefined, '', '  ', 'http://help.example', 'javascript:alert(1)', 'not a url', 'ftp://x']) {
      expect(supportLink(target, report)).toBeNull();
      expect(isSupportTarget(target)).toBe(false);
    }
    expect(isSupportTarget('https://help.example')).toBe(true);
  });

  it('shortens a long report with a note, at a line break', () => {
    const long = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const mail = decodeURIComponent(supportLink('mailto:a@b.c', { ...report, body: long })!.split('&body=')[1]!);
    expect(mail.length).toBeLessThanOrEqual(SUPPORT_LIMITS.mailto);
    expect(mail.endsWith(CUT_NOTE)).toBe(true);
    expect(mail.slice(0, -CUT_NOTE.length)).toMatch(/\nline \d+$/);
    expect(shorten('short', 100)).toBe('short');
  });
});
