/**
 * "Report a problem": where the report goes, from the deployment's `VITE_SUPPORT_URL`. An `https:`
 * address receives the report in its query (`subject`, `task`, `report`), for a help desk form; a
 * `mailto:` address gets a mail with the subject and the report as its body. Anything else — unset,
 * `http:`, `javascript:` — gives no link, and the button is not shown. Links have practical length
 * limits (mail programs are the strictest), so a long report is cut with a note saying so; the
 * whole report is always one click away as a download. Pure.
 */

export interface SupportReport {
  subject: string;
  taskId: string;
  body: string;
}

/** Characters of report text a link carries (mailto bodies are kept shorter: mail programs). */
export const SUPPORT_LIMITS = { https: 6000, mailto: 1800 } as const;

export const CUT_NOTE = '\n[…] The report was shortened to fit this link; "Download report" has all of it.';

export function supportLink(target: string | undefined | null, report: SupportReport): string | null {
  const value = target?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol === 'https:') {
    url.searchParams.set('subject', report.subject);
    url.searchParams.set('task', report.taskId);
    url.searchParams.set('report', shorten(report.body, SUPPORT_LIMITS.https));
    return url.toString();
  }
  if (url.protocol === 'mailto:') {
    // Built by hand: URLSearchParams writes spaces as "+", which mail programs show as is.
    const existing = url.search.replace(/^\?/, '');
    const ours = `subject=${encodeURIComponent(report.subject)}&body=${encodeURIComponent(shorten(report.body, SUPPORT_LIMITS.mailto))}`;
    return `mailto:${url.pathname}?${existing ? `${existing}&` : ''}${ours}`;
  }
  return null;
}

/** Whether a "Report a problem" button makes sense for this configured target. */
export function isSupportTarget(target: string | undefined | null): boolean {
  return supportLink(target, { subject: '', taskId: '', body: '' }) !== null;
}

/** The report cut to `limit` characters (note included) at a line break where possible. */
export function shorten(body: string, limit: number): string {
  if (body.length <= limit) return body;
  const room = limit - CUT_NOTE.length;
  const cut = body.lastIndexOf('\n', room);
  return `${body.slice(0, cut > room / 2 ? cut : room)}${CUT_NOTE}`;
}
