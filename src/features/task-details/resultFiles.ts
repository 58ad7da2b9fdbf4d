/**
 * Safe links and sensible file names for a task's result. The result URL comes from the server,
 * so only schemes that cannot run code in the page are followed (a `javascript:` URL in an href
 * would); file names are built from the title with everything but letters and digits dropped.
 */
import type { Task, TaskResult } from '../../api/schemas';

const SAFE_SCHEMES = ['https:', 'http:', 'blob:'];
const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

/** The URL if it is a web, blob or `data:image/…` URL (relative ones resolve against the page); else null. */
export function safeResultUrl(url: string | undefined): string | null {
  if (!url) return null;
  if (/^data:image\//i.test(url)) return url;
  try {
    const parsed = new URL(url, window.location.href);
    return SAFE_SCHEMES.includes(parsed.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** "Lighthouse at dusk" → "lighthouse-at-dusk"; the task id when nothing is left. */
export function fileStem(task: Pick<Task, 'id' | 'title'>): string {
  const stem = task.title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || task.id.replace(/[^\p{L}\p{N}_-]+/gu, '-') || 'result';
}

export function resultFileName(task: Pick<Task, 'id' | 'title'>, result: TaskResult): string {
  if (result.kind === 'text') return `${fileStem(task)}.txt`;
  return `${fileStem(task)}.${imageExtension(result)}`;
}

function imageExtension(result: TaskResult): string {
  const dataMime = /^data:([^;,]+)/i.exec(result.url ?? '')?.[1]?.toLowerCase();
  if (dataMime && IMAGE_EXTENSIONS[dataMime]) return IMAGE_EXTENSIONS[dataMime];
  const format = result.meta.format;
  if (typeof format === 'string' && /^[a-z0-9]{2,5}$/i.test(format)) return format.toLowerCase();
  const pathExtension = /\.([a-z0-9]{2,5})(?:[?#]|$)/i.exec(result.url ?? '')?.[1];
  return pathExtension?.toLowerCase() ?? 'png';
}
